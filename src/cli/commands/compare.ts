import { compareStrategies } from "../../engine/comparison.js";
import { type CompareFormat, compareRenderers } from "../../report/compare.js";
import { writeStdout } from "../../report/write.js";
import type { Context } from "../context.js";
import { UsageError } from "../errors.js";
import { scoreProfileFile } from "../load-profile.js";
import { resolveStrategy } from "../strategy-arg.js";

export interface CompareOptions {
  a: string;
  b: string;
  /** A profile to score both against; without one, only the rule base's facts are compared. */
  file?: string;
  format: CompareFormat;
}

/** Prints two strategies side by side, and with a profile where the points between them come from. */
export async function runCompare(context: Context, options: CompareOptions): Promise<number> {
  const ruleBase = context.ruleBase();
  const a = resolveStrategy(ruleBase, options.a);
  const b = resolveStrategy(ruleBase, options.b);
  if (a.id === b.id)
    throw new UsageError(
      `compare needs two different strategies; both arguments name ${a.id}`,
      "List them with: deploy-advisor strategies",
    );
  const scored = options.file === undefined ? null : await scoreProfileFile(context, options.file);
  const report = {
    ruleBase,
    comparison: compareStrategies(ruleBase, a, b, scored?.recommendation),
    profile: scored
      ? {
          file: scored.file,
          ...(scored.profile.project ? { project: scored.profile.project } : {}),
        }
      : null,
  };
  writeStdout(compareRenderers[options.format](report, context.style));
  return 0;
}
