import type { ComplianceFeature, RuleBase, Strategy } from "../rulebase/schema.js";
import { compileRules } from "./compiled.js";
import { featuresOf } from "./explain.js";
import { type FactorDifference, factorDifferences } from "./influence.js";
import type { ExclusionReason, Recommendation } from "./types.js";

/** Where a strategy stands for a profile. */
export interface Standing {
  score: number;
  /** Place in the ranking, or null when excluded. */
  rank: number | null;
  excluded: boolean;
  reasons: ExclusionReason[];
}

/** Two strategies side by side, and, with a profile, where the points between them come from. */
export interface Comparison {
  a: Strategy;
  b: Strategy;
  features: { both: ComplianceFeature[]; onlyA: ComplianceFeature[]; onlyB: ComplianceFeature[] };
  /** Factors on which the article's items (inherited ones included) move the two differently. */
  impacts: { factor: string; name: string; a: number; b: number }[];
  profile: {
    recommended: string | null;
    a: Standing;
    b: Standing;
    /** Score of a minus score of b (0-100 scale). */
    difference: number;
    /** That difference split by factor, largest first, with the answers behind each part. */
    factors: FactorDifference[];
  } | null;
}

function standing(recommendation: Recommendation, id: string): Standing {
  const result = recommendation.strategies.find((s) => s.id === id);
  return {
    score: result?.score ?? 0,
    rank: recommendation.ranking.find((r) => r.id === id)?.rank ?? null,
    excluded: result?.excluded ?? false,
    reasons: result?.exclusionReasons ?? [],
  };
}

/** Compares two strategies from the rule base, and for a profile's recommendation when given one. */
export function compareStrategies(
  ruleBase: RuleBase,
  a: Strategy,
  b: Strategy,
  recommendation?: Recommendation,
): Comparison {
  const featuresA = featuresOf(ruleBase, a);
  const featuresB = featuresOf(ruleBase, b);
  const idsA = new Set(featuresA.map((f) => f.id));
  const idsB = new Set(featuresB.map((f) => f.id));
  const compiled = compileRules(ruleBase);
  const rowA = compiled.impact[compiled.strategyIds.indexOf(a.id)];
  const rowB = compiled.impact[compiled.strategyIds.indexOf(b.id)];
  const impacts = ruleBase.factors
    .map((factor, f) => ({
      factor: factor.id,
      name: factor.name,
      a: rowA?.[f] ?? 0,
      b: rowB?.[f] ?? 0,
    }))
    .filter((row) => row.a !== row.b);
  let profile: Comparison["profile"] = null;
  if (recommendation) {
    const standA = standing(recommendation, a.id);
    const standB = standing(recommendation, b.id);
    profile = {
      recommended: recommendation.recommended,
      a: standA,
      b: standB,
      difference: Math.round((standA.score - standB.score) * 10) / 10,
      factors: factorDifferences(ruleBase, recommendation, a.id, b.id),
    };
  }
  return {
    a,
    b,
    features: {
      both: featuresA.filter((f) => idsB.has(f.id)),
      onlyA: featuresA.filter((f) => !idsB.has(f.id)),
      onlyB: featuresB.filter((f) => !idsA.has(f.id)),
    },
    impacts,
    profile,
  };
}
