import { recommend } from "../../engine/score.js";
import { parseProfile } from "../../profile/parse.js";
import {
  type RecommendationFormat,
  recommendationRenderers,
} from "../../report/recommendation/index.js";
import { buildRecommendationReport } from "../../report/recommendation/model.js";
import { writeStdout } from "../../report/write.js";
import type { Context } from "../context.js";

export interface RecommendOptions {
  file: string;
  format: RecommendationFormat;
}

/** Scores a profile and prints the ranked, explained recommendation. */
export function runRecommend(context: Context, options: RecommendOptions): number {
  const ruleBase = context.ruleBase();
  const input = context.readInput(options.file);
  const { profile } = parseProfile(ruleBase, input.name, input.text);
  const recommendation = recommend(ruleBase, profile);
  const report = buildRecommendationReport(ruleBase, recommendation, {
    file: input.name,
    ...(profile.project ? { project: profile.project } : {}),
    ...(profile.chosen ? { chosen: profile.chosen } : {}),
  });
  writeStdout(recommendationRenderers[options.format](report, context.style));
  return 0;
}
