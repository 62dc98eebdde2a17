import { type ScenarioFormat, scenarioRenderers } from "../../report/rules/scenarios.js";
import { writeStdout } from "../../report/write.js";
import { readRuleDir, readScenarioTexts } from "../../rulebase/read-dir.js";
import { parseScenarios, runScenario } from "../../rulebase/scenarios.js";
import type { Context } from "../context.js";

export interface RulesTestOptions {
  /** The rule base directory; default: --rules, else the package's rules/. */
  dir?: string;
  format: ScenarioFormat;
}

/** Runs the scenarios in DIR/scenarios against the rule base in DIR; 1 when any fails. */
export function runRulesTest(context: Context, options: RulesTestOptions): number {
  const dir = options.dir ?? context.rulesDir();
  const ruleBase = readRuleDir(dir);
  const scenarios = parseScenarios(ruleBase, readScenarioTexts(dir));
  const results = scenarios.map((scenario) => runScenario(ruleBase, scenario));
  writeStdout(scenarioRenderers[options.format]({ dir, results }, context.style));
  return results.every((r) => r.ok) ? 0 : 1;
}
