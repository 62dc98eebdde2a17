import { explainStrategy, margin, type StrategyExplanation } from "../../engine/explain.js";
import type { Recommendation } from "../../engine/types.js";
import type { RuleBase } from "../../rulebase/schema.js";

/** What every recommendation renderer receives: the engine's result plus the facts it needs to cite. */
export interface RecommendationReport {
  ruleBase: RuleBase;
  recommendation: Recommendation;
  winner: StrategyExplanation | null;
  margin: number | null;
  profile: { file: string; project?: string; chosen?: string };
}

/** Assembles the report model; pure, so every format tells the same story. */
export function buildRecommendationReport(
  ruleBase: RuleBase,
  recommendation: Recommendation,
  profile: RecommendationReport["profile"],
): RecommendationReport {
  return {
    ruleBase,
    recommendation,
    winner: recommendation.recommended ? explainStrategy(ruleBase, recommendation, recommendation.recommended) : null,
    margin: margin(recommendation),
    profile,
  };
}

/** "customers = hospitals", or the baseline / override wording for non-answer sources. */
export function describeSource(question: string | null, answer: string | null): string {
  if (question === null) return "the article's general balance (baseline importance)";
  if (question === "weights") return "weights override";
  return `${question} = ${answer}`;
}
