import { fstatSync } from "node:fs";
import { join } from "node:path";
import type { ChalkInstance } from "chalk";
import { InputError } from "../diagnostics.js";
import type { RuleBase } from "../rulebase/schema.js";
import { readStdin, readTextFile } from "./io.js";
import { packageRoot } from "./package-info.js";
import { colorLevel, makeStyle } from "./style.js";

/** Options every command accepts. */
export interface GlobalOptions {
  rules?: string;
  color?: boolean;
}

/** What a command needs from the outside world, resolved once from the global options. */
export interface Context {
  style: ChalkInstance;
  colorLevel: number;
  /** The rule base in force: --rules DIR, or the built-in one. */
  ruleBase(): RuleBase;
  /** The directory of the rule base in force: --rules DIR, or the package's own rules/. */
  rulesDir(): string;
  /** Reads a profile or other input: a path, or "-" for standard input. */
  readInput(path: string): { name: string; text: string };
  now(): Date;
}

/**
 * The rule base in force. The YAML loader and its full zod schemas are imported only for --rules
 * (or when running from source): the built-in rule base was validated at build time.
 */
async function loadRuleBase(dir: string | undefined): Promise<RuleBase> {
  if (dir === undefined) {
    // A separate module, so that runs which never need rules (--version) do not parse them.
    const { embeddedRules } = await import("./builtin-rules.js");
    if (embeddedRules) return embeddedRules;
  }
  const { readRuleDir } = await import("../rulebase/read-dir.js");
  return readRuleDir(dir ?? join(packageRoot(), "rules"));
}

/** Linux's device number for memory devices (/dev/null, /dev/zero, ...), none of them a terminal. */
const LINUX_MEMORY_DEVICES_MAJOR = 1;

/**
 * Whether stdout is a terminal. Only a character device can be one, and asking tty for certain
 * loads Node's socket layer, so pipes, files and /dev/null (CI, redirects, `> /dev/null`) are
 * answered without it.
 */
function stdoutIsTerminal(): boolean {
  try {
    const stat = fstatSync(1);
    if (!stat.isCharacterDevice()) return false;
    // Bits 8 to 19 of a Linux device number hold its major number.
    const major = (stat.rdev >> 8) & 0xfff;
    if (process.platform === "linux" && major === LINUX_MEMORY_DEVICES_MAJOR) return false;
  } catch {
    return false;
  }
  // getBuiltinModule rather than import(): the bundle runs as a script, which has no module loader.
  return process.getBuiltinModule("node:tty").isatty(1);
}

/** Builds the context for one run from the parsed global options and the process environment. */
export async function createContext(options: GlobalOptions): Promise<Context> {
  const level = colorLevel(options, process.env, stdoutIsTerminal());
  const ruleBase = await loadRuleBase(options.rules);
  return {
    style: await makeStyle(level),
    colorLevel: level,
    ruleBase: () => ruleBase,
    rulesDir: () => options.rules ?? join(packageRoot(), "rules"),
    readInput(path) {
      if (path === "-") {
        if (process.stdin.isTTY) {
          throw new InputError(
            "standard input is a terminal; pipe a profile in (… | deploy-advisor recommend -) or name a file",
          );
        }
        return { name: "<stdin>", text: readStdin() };
      }
      return { name: path, text: readTextFile(path) };
    },
    now: () => new Date(),
  };
}
