import { robustnessVerdict } from "../sensitivity.js";
import type { RecommendationReport } from "./model.js";

/** The machine-readable report: the contract fields first, then the full trace behind every score. */
export function recommendationJson(report: RecommendationReport) {
  const { recommendation, winner, ruleBase } = report;
  return {
    recommended: recommendation.recommended,
    ranking: recommendation.ranking,
    excluded: recommendation.excluded,
    unanswered: recommendation.unanswered,
    ignored: recommendation.ignored,
    margin: report.margin,
    sensitivity: report.sensitivity && {
      verdict: robustnessVerdict(report.sensitivity),
      ...report.sensitivity,
    },
    profile: { file: report.profile.file, project: report.profile.project ?? null },
    rules: { version: ruleBase.meta.rulesVersion, source: ruleBase.meta.source.title },
    winner: winner && {
      id: winner.id,
      name: winner.name,
      score: winner.score,
      reasons: winner.reasons,
      tradeOffs: winner.tradeOffs,
      businessAssociate: winner.businessAssociate,
      complianceFeatures: winner.complianceFeatures,
      footnotes: winner.footnotes,
    },
    importance: recommendation.importance,
    strategies: recommendation.strategies.map((s) => ({
      id: s.id,
      score: s.score,
      raw: s.raw,
      excluded: s.excluded,
      contributions: s.contributions,
    })),
    scale: recommendation.scale,
    disclaimer: ruleBase.meta.disclaimer,
  };
}

/** JSON with a trailing newline, two-space indented, so diffs of saved reports stay readable. */
export function renderRecommendationJson(report: RecommendationReport): string {
  return `${JSON.stringify(recommendationJson(report), null, 2)}\n`;
}
