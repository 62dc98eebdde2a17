import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { copyRules } from "./rules.js";

/** A change to one rule file's text. */
export type Edit = (text: string) => string;

/** Replaces the first occurrence of a piece of text, failing loudly when it is not there. */
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

/**
 * A boolean question appended to questions.yaml. Its "true" choice weighs scaling unless
 * `weighs` is false; `cloudValues` adds an askWhen needing cloudAcceptance in those values and
 * algorithmUpdates frequent (itself asked only when cloudAcceptance is not none).
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

/** A copy of the built-in rules/ in a temporary directory, with edits applied per file. */
export function mutatedRules(edits: Record<string, Edit | Edit[]> = {}): string {
  const dir = copyRules();
  for (const [file, edit] of Object.entries(edits)) {
    const path = join(dir, file);
    let text = readFileSync(path, "utf8");
    for (const e of Array.isArray(edit) ? edit : [edit]) text = e(text);
    writeFileSync(path, text);
  }
  return dir;
}

/** The 1-based number of the first line containing a piece of text, searching from a line on. */
export function lineOf(path: string, needle: string, fromLine = 0): number {
  const lines = readFileSync(path, "utf8").split("\n");
  const index = lines.findIndex((line, i) => i >= fromLine && line.includes(needle));
  if (index < 0) throw new Error(`${needle} not found in ${path}`);
  return index + 1;
}
