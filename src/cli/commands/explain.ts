import { type ExplainFormat, explainRenderers } from "../../report/explain/index.js";
import { writeStdout } from "../../report/write.js";
import type { Context } from "../context.js";
import { resolveStrategy } from "../strategy-arg.js";

/** Prints one strategy's article items, Business Associate implications and compliance features. */
export function runExplain(
  context: Context,
  options: { strategy: string; format: ExplainFormat },
): number {
  const ruleBase = context.ruleBase();
  const strategy = resolveStrategy(ruleBase, options.strategy);
  writeStdout(explainRenderers[options.format](ruleBase, strategy, context.style));
  return 0;
}
