import { closeSync, fstatSync, openSync, readdirSync, readSync, statSync } from "node:fs";
import { join } from "node:path";
import { InputError } from "../diagnostics.js";
import { type LoadedRuleBase, loadRuleBaseWithSources, type RuleTexts } from "../rulebase/load.js";
import { type RuleBase, ruleFiles } from "../rulebase/schema.js";
import { MAX_INPUT_BYTES } from "../rulebase/yaml-source.js";
import { exists } from "./write-file.js";

/** Reads a user's file as UTF-8 text with the size limit applied before anything is parsed. */
export function readTextFile(path: string): string {
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch (error) {
    throw fileError(path, error);
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw new InputError(`${path}: is a directory; expected a file`);
    if (stat.isFIFO() || stat.isSocket() || stat.isCharacterDevice()) {
      throw new InputError(`${path}: is not a regular file; pass - to read standard input`);
    }
    if (stat.size > MAX_INPUT_BYTES)
      throw new InputError(`${path}: larger than 1 MiB (${stat.size} bytes); refusing to read it`);
    return decode(path, readAll(fd, MAX_INPUT_BYTES + 1));
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw fileError(path, error);
  } finally {
    closeSync(fd);
  }
}

/** Reads standard input whole, refusing more than 1 MiB. */
export function readStdin(): string {
  try {
    return decode("<stdin>", readAll(0, MAX_INPUT_BYTES + 1));
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw fileError("<stdin>", error);
  }
}

function readAll(fd: number, limit: number): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  const chunk = Buffer.allocUnsafe(64 * 1024);
  for (;;) {
    let n: number;
    try {
      n = readSync(fd, chunk, 0, chunk.length, null);
    } catch (error) {
      // Non-blocking stdin (a terminal or pipe) reports EAGAIN until data arrives.
      if ((error as NodeJS.ErrnoException).code === "EAGAIN") continue;
      if ((error as NodeJS.ErrnoException).code === "EOF") break;
      throw error;
    }
    if (n === 0) break;
    total += n;
    if (total >= limit)
      throw new InputError(
        `${fd === 0 ? "<stdin>" : "input"}: larger than 1 MiB; refusing to read it`,
      );
    chunks.push(Buffer.from(chunk.subarray(0, n)));
  }
  return Buffer.concat(chunks);
}

function decode(path: string, bytes: Buffer): string {
  if (bytes.includes(0))
    throw new InputError(`${path}: contains NUL bytes; expected a YAML or JSON text file`);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new InputError(`${path}: is not valid UTF-8 text; save it as UTF-8`);
  }
}

function fileError(path: string, error: unknown): InputError {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case "ENOENT":
      return new InputError(`${path}: no such file`);
    case "EACCES":
    case "EPERM":
      return new InputError(`${path}: permission denied; the file is not readable`);
    case "EISDIR":
      return new InputError(`${path}: is a directory; expected a file`);
    default:
      return new InputError(`${path}: cannot be read (${code ?? (error as Error).message})`);
  }
}

const RULE_LAYOUT = Object.values(ruleFiles)
  .map((f) => f.file)
  .join(", ");
const RULE_HINT = `A rule base directory holds ${RULE_LAYOUT} (and scenarios/ for \`rules test\`). Start from a copy of the package's rules/ directory.`;

/** Checks that a rule base path is a directory, saying what one must hold when it is not. */
function checkRuleDir(dir: string): void {
  let isDirectory: boolean;
  try {
    isDirectory = statSync(dir).isDirectory();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(
      code === "ENOENT" ? `${dir}: no such directory` : `${dir}: cannot be read (${code})`,
      [],
      RULE_HINT,
    );
  }
  if (!isDirectory)
    throw new InputError(`${dir}: is a file; expected a rule base directory`, [], RULE_HINT);
}

/** Reads the text of every rule file in a directory, reporting all missing files at once. */
export function readRuleTexts(dir: string): RuleTexts {
  checkRuleDir(dir);
  const texts = {} as RuleTexts;
  const missing: string[] = [];
  for (const [key, { file }] of Object.entries(ruleFiles) as [
    keyof RuleTexts,
    { file: string },
  ][]) {
    const path = join(dir, file);
    if (exists(path)) texts[key] = { path, text: readTextFile(path) };
    else missing.push(file);
  }
  if (missing.length > 0) {
    throw new InputError(
      `${dir}: not a complete rule base; missing ${missing.join(", ")}`,
      [],
      RULE_HINT,
    );
  }
  return texts;
}

/** Loads a rule base directory with the parsed sources, so later checks can cite lines. */
export function readRuleDirWithSources(dir: string): LoadedRuleBase {
  return loadRuleBaseWithSources(readRuleTexts(dir));
}

/** Loads a rule base directory (same layout as rules/), validating it in full. */
export function readRuleDir(dir: string): RuleBase {
  return readRuleDirWithSources(dir).ruleBase;
}

/** The scenario files (scenarios/*.yaml, *.yml, *.json) of a rule base directory, in name order. */
export function readScenarioTexts(dir: string): { path: string; text: string }[] {
  const scenarios = join(dir, "scenarios");
  let names: string[];
  try {
    names = readdirSync(scenarios);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(
      code === "ENOENT"
        ? `${scenarios}: no such directory; there are no scenarios to run`
        : code === "ENOTDIR"
          ? `${scenarios}: is a file; expected a directory of scenario files`
          : `${scenarios}: cannot be read (${code})`,
      [],
      "Add scenario files (a profile plus the expected result) under scenarios/; see the README, section Rule authoring.",
    );
  }
  const files = names.filter((n) => /\.(ya?ml|json)$/i.test(n) && !n.startsWith(".")).sort();
  if (files.length === 0)
    throw new InputError(
      `${scenarios}: holds no scenario files (*.yaml)`,
      [],
      "Add scenario files (a profile plus the expected result); see the README, section Rule authoring.",
    );
  return files.map((name) => {
    const path = join(scenarios, name);
    return { path, text: readTextFile(path) };
  });
}
