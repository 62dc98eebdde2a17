import { statSync } from "node:fs";
import { join } from "node:path";
import { readTextFile } from "../cli/io.js";
import { InputError } from "../diagnostics.js";
import { loadRuleBase, type RuleTexts } from "./load.js";
import { type RuleBase, ruleFiles } from "./schema.js";

/** Loads a rule base directory (same layout as rules/), validating it in full. */
export function readRuleDir(dir: string): RuleBase {
  checkDirectory(dir);
  const texts = {} as RuleTexts;
  for (const [key, { file }] of Object.entries(ruleFiles) as [
    keyof RuleTexts,
    { file: string },
  ][]) {
    const path = join(dir, file);
    texts[key] = { path, text: readTextFile(path) };
  }
  return loadRuleBase(texts);
}

/** Says plainly when --rules names something other than a directory, before any file is opened. */
function checkDirectory(dir: string): void {
  const layout = `expected a rule base directory holding ${Object.values(ruleFiles)
    .map((f) => f.file)
    .join(", ")}`;
  let isDirectory: boolean;
  try {
    isDirectory = statSync(dir).isDirectory();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR")
      throw new InputError(`${dir}: no such directory; ${layout}`);
    throw new InputError(`${dir}: cannot be read (${code ?? (error as Error).message})`);
  }
  if (!isDirectory) throw new InputError(`${dir}: is not a directory; ${layout}`);
}
