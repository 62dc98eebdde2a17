import { describeCondition } from "../engine/conditions.js";
import type { RuleBase } from "../rulebase/schema.js";
import { UNSURE } from "./values.js";

const oneLine = (text: string) => text.replace(/\s+/g, " ").trim();

/**
 * A commented profile to fill in: every question answered "unsure" with its prompt and allowed
 * values beside it, so the file is valid as written and `recommend` accepts it straight away.
 */
export function profileTemplate(ruleBase: RuleBase, options: { schemaRef: string }): string {
  const lines = [
    `# yaml-language-server: $schema=${options.schemaRef}`,
    '# A deploy-advisor profile. Replace each "unsure" with one of the values listed',
    "# after it, then run: deploy-advisor recommend <this file>",
    "# Answers describe the product and its customers: never put patient data (PHI) here.",
    "version: 1",
    "# project: Name of the product",
    "answers:",
  ];
  const width = Math.max(...ruleBase.questions.map((q) => q.id.length + UNSURE.length + 4));
  for (const question of ruleBase.questions) {
    if (question.askWhen) lines.push(`  # counts only when ${describeCondition(question.askWhen)}`);
    const entry = `  ${question.id}: ${UNSURE}`;
    const values = question.choices.map((c) => c.value).join(" | ");
    lines.push(`${entry.padEnd(width)} # ${oneLine(question.prompt)} ${values}`);
  }
  const ids = ruleBase.strategies.map((s) => s.id);
  lines.push(
    "# The strategy you chose, for `deploy-advisor check`; one of:",
    `#   ${ids.join(" | ")}`,
    `# chosen: ${ids[0] ?? ""}`,
    "# rationale: Why this strategy fits.",
    "# reviewBy: YYYY-MM-DD  # check fails after this date",
  );
  return `${lines.join("\n")}\n`;
}
