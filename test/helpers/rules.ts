import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Diagnostic, InputError } from "../../src/diagnostics.js";
import { readRuleDir } from "../../src/rulebase/read-dir.js";
import type { RuleBase } from "../../src/rulebase/schema.js";

/** The repository root, so tests find rules/, examples/ and dist/ wherever vitest runs. */
export const repoRoot = fileURLToPath(new URL("../..", import.meta.url));

/** The built-in rule base directory. */
export const rulesDir = join(repoRoot, "rules");

/** The six strategy ids of DESIGN.md section 1, in table order (the order that breaks ties). */
export const STRATEGY_IDS = [
  "native",
  "web-local",
  "web-cloud",
  "web-local-cloud-processing",
  "native-cloud-processing",
  "web-cloud-hipaa-platform",
] as const;

let loaded: RuleBase | undefined;

/** The real rules/, loaded once per test file and shared: the engine never mutates it. */
export function realRules(): RuleBase {
  loaded ??= readRuleDir(rulesDir);
  return loaded;
}

/** A fresh temporary directory; the caller removes it with removeDir. */
export function tempDir(prefix = "deploy-advisor-test-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Removes a directory made by tempDir or copyRules. */
export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Copies rules/ into a new temporary directory and returns its path. */
export function copyRules(): string {
  const dir = tempDir("deploy-advisor-rules-");
  cpSync(rulesDir, dir, { recursive: true });
  return dir;
}

/**
 * Replaces exactly one occurrence of `from` with `to` in a rule file of `dir` and returns the
 * new text. Failing loudly when `from` is missing or ambiguous keeps a test from silently
 * mutating nothing after the rule base changes.
 */
export function mutateFile(dir: string, file: string, from: string, to: string): string {
  const path = join(dir, file);
  const text = readFileSync(path, "utf8");
  const first = text.indexOf(from);
  if (first < 0) throw new Error(`${file}: ${JSON.stringify(from)} not found`);
  if (text.indexOf(from, first + 1) >= 0)
    throw new Error(`${file}: ${JSON.stringify(from)} occurs more than once`);
  const mutated = text.slice(0, first) + to + text.slice(first + from.length);
  writeFileSync(path, mutated);
  return mutated;
}

/** 1-based line and column of the first occurrence of `needle` in `text` at or after `after`. */
export function positionOf(
  text: string,
  needle: string,
  after = 0,
): { line: number; column: number } {
  const offset = text.indexOf(needle, after);
  if (offset < 0) throw new Error(`${JSON.stringify(needle)} not found`);
  const lines = text.slice(0, offset).split("\n");
  return { line: lines.length, column: (lines[lines.length - 1] as string).length + 1 };
}

/** Runs `fn`, which must throw an InputError, and returns that error for inspection. */
export function inputError(fn: () => unknown): InputError {
  try {
    fn();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error("expected an InputError, but nothing was thrown");
}

/** The only diagnostic of an InputError whose message matches, failing when there is none. */
export function diagnosticMatching(error: InputError, pattern: RegExp): Diagnostic {
  const found = error.diagnostics.filter((d) => pattern.test(d.message));
  if (found.length !== 1) {
    throw new Error(
      `expected one diagnostic matching ${pattern}, got ${found.length}:\n${error.diagnostics
        .map((d) => `${d.file}:${d.line}:${d.column}: ${d.message}`)
        .join("\n")}`,
    );
  }
  return found[0] as Diagnostic;
}
