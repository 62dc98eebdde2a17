import { realpathSync } from "node:fs";
import { calendarDate, decisionRecord } from "../../engine/check.js";
import { recommend } from "../../engine/score.js";
import { parseProfile } from "../../profile/parse.js";
import { withDecision } from "../../profile/record.js";
import {
  type RecommendationFormat,
  recommendationRenderers,
} from "../../report/recommendation/index.js";
import { buildRecommendationReport } from "../../report/recommendation/model.js";
import { writeStderr, writeStdout } from "../../report/write.js";
import type { Context } from "../context.js";
import { UsageError } from "../errors.js";
import { writeFileAtomic } from "../write-file.js";

export interface RecommendOptions {
  file: string;
  format: RecommendationFormat;
  /** Store the result as the profile's `decision` block, updating the file in place. */
  record?: boolean;
}

/** Scores a profile and prints the ranked, explained recommendation. */
export function runRecommend(context: Context, options: RecommendOptions): number {
  if (options.record && options.file === "-")
    throw new UsageError(
      "--record updates the profile file, so it needs a file, not standard input",
      "Run: deploy-advisor recommend path/to/profile.yaml --record",
    );
  const ruleBase = context.ruleBase();
  const input = context.readInput(options.file);
  const { profile } = parseProfile(ruleBase, input.name, input.text);
  const recommendation = recommend(ruleBase, profile);
  const report = buildRecommendationReport(ruleBase, recommendation, {
    file: input.name,
    ...(profile.project ? { project: profile.project } : {}),
    ...(profile.chosen ? { chosen: profile.chosen } : {}),
  });
  if (options.record) {
    const record = decisionRecord(ruleBase, recommendation, calendarDate(context.now()));
    const updated = withDecision(input.text, record);
    // Never write a file that would no longer load: re-validate what is about to replace it.
    parseProfile(ruleBase, input.name, updated);
    // The person named this file to update, so replacing it is what they asked for. Through a
    // symlink, the file it points to is updated and the link is kept.
    writeFileAtomic(realpathSync(options.file), updated, { overwrite: true });
    writeStderr(
      `deploy-advisor: recorded the decision in ${input.name} (recommended ${record.recommended ?? "none"}, rule base ${record.rulesVersion})`,
    );
  }
  writeStdout(recommendationRenderers[options.format](report, context.style));
  return 0;
}
