import { type StrategiesFormat, strategiesRenderers } from "../../report/strategies.js";
import { writeStdout } from "../../report/write.js";
import type { Context } from "../context.js";

/** Lists the strategies of the rule base in table order. */
export function runStrategies(context: Context, options: { format: StrategiesFormat }): number {
  writeStdout(strategiesRenderers[options.format](context.ruleBase(), context.style));
  return 0;
}
