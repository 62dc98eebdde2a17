import { recommend, type ScoringInput } from "../../engine/score.js";
import type { Recommendation } from "../../engine/types.js";
import { parseProfile } from "../../profile/parse.js";
import {
  type RecommendationFormat,
  recommendationRenderers,
} from "../../report/recommendation/index.js";
import {
  buildRecommendationReport,
  type RecommendationReport,
} from "../../report/recommendation/model.js";
import { writeStdout } from "../../report/write.js";
import type { Context } from "../context.js";

export interface RecommendOptions {
  file: string;
  format: RecommendationFormat;
}

/** Scores a profile and prints the ranked, explained recommendation. */
export function runRecommend(context: Context, options: RecommendOptions): number {
  const input = context.readInput(options.file);
  const { profile } = parseProfile(context.ruleBase(), input.name, input.text);
  printRecommendation(context, profile, input.name, options.format);
  return 0;
}

/** Scores answers and prints the report `recommend` prints; shared with `ask`. */
export function printRecommendation(
  context: Context,
  profile: ScoringInput & { project?: string; chosen?: string },
  file: string,
  format: RecommendationFormat,
): { recommendation: Recommendation; report: RecommendationReport } {
  const ruleBase = context.ruleBase();
  const recommendation = recommend(ruleBase, profile);
  const report = buildRecommendationReport(ruleBase, recommendation, {
    file,
    ...(profile.project ? { project: profile.project } : {}),
    ...(profile.chosen ? { chosen: profile.chosen } : {}),
  });
  writeStdout(recommendationRenderers[format](report, context.style));
  return { recommendation, report };
}
