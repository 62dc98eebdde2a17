import { join } from "node:path";
import { readRuleDir } from "../../src/cli/io.js";
import type { RuleBase } from "../../src/rulebase/schema.js";

/** The repository root, for paths to rules/ and dist/. */
export const root = join(import.meta.dirname, "..", "..");

let cached: RuleBase | undefined;

/** The built-in rule base, loaded from rules/ through the same loader users get for --rules. */
export function builtinRuleBase(): RuleBase {
  cached ??= readRuleDir(join(root, "rules"));
  return cached;
}

/** Every question's default answer: what pressing Enter through the questionnaire gives. */
export function defaultAnswers(ruleBase: RuleBase): Record<string, string> {
  return Object.fromEntries(
    ruleBase.questions.map((q) => [q.id, q.default ?? q.choices[0]?.value ?? "unsure"]),
  );
}
