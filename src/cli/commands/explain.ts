import { expectedOneOf } from "../../diagnostics.js";
import { type ExplainFormat, explainRenderers } from "../../report/explain/index.js";
import { writeStdout } from "../../report/write.js";
import type { Context } from "../context.js";
import { UsageError } from "../errors.js";

/** Prints one strategy's article items, Business Associate implications and compliance features. */
export function runExplain(
  context: Context,
  options: { strategy: string; format: ExplainFormat },
): number {
  const ruleBase = context.ruleBase();
  const strategy = ruleBase.strategies.find(
    (s) => s.id === options.strategy || String(s.number) === options.strategy,
  );
  if (!strategy) {
    const ids = ruleBase.strategies.map((s) => s.id);
    throw new UsageError(
      `unknown strategy "${options.strategy}"; ${expectedOneOf(options.strategy, ids)}`,
      "List them with: deploy-advisor strategies",
    );
  }
  writeStdout(explainRenderers[options.format](ruleBase, strategy, context.style));
  return 0;
}
