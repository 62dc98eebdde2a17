import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { readTextFile } from "../cli/io.js";
import { exists } from "../cli/write-file.js";
import { InputError } from "../diagnostics.js";
import { type LoadedRuleBase, loadRuleBaseWithSources, type RuleTexts } from "./load.js";
import { type RuleBase, ruleFiles } from "./schema.js";

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

const SCENARIO_HINT =
  "Add scenario files (a profile plus the expected result) under scenarios/; see the README, section Rule authoring.";

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
      SCENARIO_HINT,
    );
  }
  const files = names.filter((n) => /\.(ya?ml|json)$/i.test(n) && !n.startsWith(".")).sort();
  if (files.length === 0)
    throw new InputError(`${scenarios}: holds no scenario files (*.yaml)`, [], SCENARIO_HINT);
  return files.map((name) => {
    const path = join(scenarios, name);
    return { path, text: readTextFile(path) };
  });
}
