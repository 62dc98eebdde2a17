import { explainStrategy, margin, type StrategyExplanation } from "../../engine/explain.js";
import type { ScoringInput } from "../../engine/score.js";
import { type Sensitivity, sensitivityOf } from "../../engine/sensitivity.js";
import type { Recommendation } from "../../engine/types.js";
import type { RuleBase } from "../../rulebase/schema.js";

/** What every recommendation renderer receives: the engine's result plus the facts it needs to cite. */
export interface RecommendationReport {
  ruleBase: RuleBase;
  recommendation: Recommendation;
  winner: StrategyExplanation | null;
  margin: number | null;
  profile: { file: string; project?: string; chosen?: string };
  /** What would change the winner; null when the report was built without the answers. */
  sensitivity: Sensitivity | null;
}

/**
 * Assembles the report model; pure, so every format tells the same story. With the scoring input
 * it also works out what would change the winner.
 */
export function buildRecommendationReport(
  ruleBase: RuleBase,
  recommendation: Recommendation,
  profile: RecommendationReport["profile"],
  input?: ScoringInput,
): RecommendationReport {
  return {
    ruleBase,
    recommendation,
    winner: recommendation.recommended
      ? explainStrategy(ruleBase, recommendation, recommendation.recommended)
      : null,
    margin: margin(recommendation),
    profile,
    sensitivity: input ? sensitivityOf(ruleBase, input, recommendation) : null,
  };
}

/** "customers = hospitals", or the baseline / override wording for non-answer sources. */
export function describeSource(question: string | null, answer: string | null): string {
  if (question === null) return "the article's general balance (baseline importance)";
  if (question === "weights") return "weights override";
  return `${question} = ${answer}`;
}

/** How far the winner leads, in words: ahead of the runner-up, tied, or alone. */
export function leadText(report: RecommendationReport): string {
  const runnerUp = report.recommendation.ranking[1];
  if (report.margin === null || !runnerUp) return "the only strategy left";
  if (report.margin === 0) return `tied with ${runnerUp.id} (ties go to the lower strategy number)`;
  return `${report.margin} points ahead of ${runnerUp.id}`;
}
