import { join } from "node:path";
import { readTextFile } from "../cli/io.js";
import { loadRuleBase, type RuleTexts } from "./load.js";
import { type RuleBase, ruleFiles } from "./schema.js";

/** Loads a rule base directory (same layout as rules/), validating it in full. */
export function readRuleDir(dir: string): RuleBase {
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
