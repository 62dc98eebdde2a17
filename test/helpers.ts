import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root, where rules/, examples/ and dist/ live. */
export const root = fileURLToPath(new URL("..", import.meta.url));
export const builtinRules = join(root, "rules");

/** A fresh temporary directory for one test. */
export function tempDir(prefix = "deploy-advisor-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

type Edit = (text: string) => string;

/** Replaces one exact piece of text, failing loudly when it is not there (the fixture would lie). */
export function replace(find: string, replacement: string): Edit {
  return (text) => {
    if (!text.includes(find)) throw new Error(`fixture edit: text not found: ${find}`);
    return text.replace(find, replacement);
  };
}

/** Appends text to a file. */
export function append(more: string): Edit {
  return (text) => `${text.trimEnd()}\n${more}`;
}

/** A copy of the built-in rules/ in a temporary directory, with edits applied per file. */
export function mutatedRules(edits: Record<string, Edit | Edit[]> = {}): string {
  const dir = join(tempDir("deploy-advisor-rules-"), "rules");
  cpSync(builtinRules, dir, { recursive: true });
  for (const [file, edit] of Object.entries(edits)) {
    const path = join(dir, file);
    let text = readFileSync(path, "utf8");
    for (const e of Array.isArray(edit) ? edit : [edit]) text = e(text);
    writeFileSync(path, text);
  }
  return dir;
}

/** The 1-based line of the first line containing a piece of text. */
export function lineOf(path: string, needle: string, from = 0): number {
  const lines = readFileSync(path, "utf8").split("\n");
  const index = lines.findIndex((line, i) => i >= from && line.includes(needle));
  if (index < 0) throw new Error(`${needle} not found in ${path}`);
  return index + 1;
}

/** Runs the built CLI as a user would, without colour. */
export function cli(args: string[], options: { cwd?: string; input?: string } = {}) {
  const result = spawnSync(process.execPath, [join(root, "dist", "cli.js"), ...args], {
    cwd: options.cwd ?? root,
    input: options.input ?? "",
    encoding: "utf8",
    env: { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1" },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * A boolean question to append to questions.yaml. Its "true" choice weighs scaling unless
 * `weighs` is false; `cloudValues` adds an askWhen that needs cloudAcceptance in those values
 * and algorithmUpdates frequent (a question itself asked only when cloudAcceptance is not none).
 */
export function extraQuestion(
  id: string,
  options: { cloudValues?: string[]; weighs?: boolean; askWhen?: string; prompt?: string } = {},
): Edit {
  const askWhen = options.cloudValues
    ? `    askWhen:
      all:
        - { question: cloudAcceptance, in: [${options.cloudValues.join(", ")}] }
        - { question: algorithmUpdates, in: [frequent] }
`
    : options.askWhen
      ? `    askWhen: ${options.askWhen}\n`
      : "";
  return append(`
  - id: ${id}
    prompt: ${options.prompt ?? "A question added by a test?"}
    help: Added to exercise one check.
    type: boolean
${askWhen}    choices:
      - value: true
        label: "Yes"
${options.weighs === false ? "" : "        weights: { scaling: 1 }\n"}      - value: false
        label: "No"`);
}
