import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { ChalkInstance } from "chalk";
import { InputError } from "../diagnostics.js";
import type { RuleBase } from "../rulebase/schema.js";
import { readRuleDir, readStdin, readTextFile } from "./io.js";
import { colorLevel, makeStyle } from "./style.js";

/** Filled in by the build: the default rules/ already validated, so start-up skips YAML and zod. */
declare const __BUILTIN_RULES__: RuleBase | undefined;
/** Filled in by the build from package.json. */
declare const __PACKAGE_VERSION__: string | undefined;

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
 * The installed package's root: the nearest directory above this module holding our package.json.
 * Searched rather than fixed because the module runs from src/cli/, dist/ or a chunk in dist/chunks/.
 */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest)) {
      try {
        if (
          (JSON.parse(readFileSync(manifest, "utf8")) as { name?: string }).name ===
          "deploy-advisor"
        )
          return dir;
      } catch {
        // An unreadable manifest is not ours; keep looking upwards.
      }
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error("cannot find the deploy-advisor package directory");
    dir = parent;
  }
}

/** The package's own rule base directory, the source of the built-in rule base. */
export function builtinRulesDir(): string {
  return join(packageRoot(), "rules");
}

/** The version in package.json. */
export function packageVersion(): string {
  if (typeof __PACKAGE_VERSION__ !== "undefined") return __PACKAGE_VERSION__;
  try {
    return (
      JSON.parse(readFileSync(join(packageRoot(), "package.json"), "utf8")) as { version: string }
    ).version;
  } catch {
    return "unknown";
  }
}

function builtinRules(): RuleBase {
  if (typeof __BUILTIN_RULES__ !== "undefined") return __BUILTIN_RULES__;
  return readRuleDir(builtinRulesDir());
}

/** Builds the context for one run from the parsed global options and the process environment. */
export function createContext(options: GlobalOptions): Context {
  const level = colorLevel(options, process.env, Boolean(process.stdout.isTTY));
  let cached: RuleBase | undefined;
  return {
    style: makeStyle(level),
    colorLevel: level,
    ruleBase() {
      if (!cached) cached = options.rules ? readRuleDir(options.rules) : builtinRules();
      return cached;
    },
    rulesDir: () => options.rules ?? builtinRulesDir(),
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
