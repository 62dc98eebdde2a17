import type {
  BusinessAssociate,
  ComplianceFeature,
  Footnote,
  RuleBase,
  Strategy,
} from "../rulebase/schema.js";
import { compareText } from "./compare.js";
import type { Contribution, Recommendation, StrategyResult } from "./types.js";

/** One answer's effect on a strategy through the article items it brings into play. */
export interface Reason {
  /** Question id, or null for the factors' baseline importance, or "weights" for a profile override. */
  question: string | null;
  answer: string | null;
  points: number;
  items: { item: string; inheritedItem?: string; text: string; factor: string; points: number }[];
}

/** Everything a report needs to say about one strategy for one profile. */
export interface StrategyExplanation {
  id: string;
  name: string;
  number: number;
  summary: string;
  score: number;
  reasons: Reason[];
  tradeOffs: Reason[];
  businessAssociate: BusinessAssociate;
  complianceFeatures: ComplianceFeature[];
  footnotes: Footnote[];
}

function sourceKey(
  contribution: Contribution["sources"][number]["source"],
): [string | null, string | null] {
  if (contribution.kind === "answer") return [contribution.question, contribution.answer];
  if (contribution.kind === "override") return ["weights", null];
  return [null, null];
}

/** Groups a strategy's points by the answer behind them, so each line reads answer -> item -> points. */
export function reasonsFor(result: StrategyResult): { reasons: Reason[]; tradeOffs: Reason[] } {
  const groups = new Map<string, Reason>();
  for (const contribution of result.contributions) {
    for (const { source, points } of contribution.sources) {
      if (points === 0) continue;
      const [question, answer] = sourceKey(source);
      const sign = points > 0 ? "+" : "-";
      const key = `${sign}|${question ?? ""}|${answer ?? ""}`;
      const group = groups.get(key) ?? { question, answer, points: 0, items: [] };
      group.points += points;
      group.items.push({
        item: contribution.item,
        ...(contribution.inheritedItem ? { inheritedItem: contribution.inheritedItem } : {}),
        text: contribution.inheritedText ?? contribution.text,
        factor: contribution.factor,
        points,
      });
      groups.set(key, group);
    }
  }
  // Answers first: they are what the reader can change; the baseline closes the list.
  const order = (a: Reason, b: Reason) =>
    Number(a.question === null) - Number(b.question === null) ||
    Math.abs(b.points) - Math.abs(a.points) ||
    compareText(a.question ?? "~", b.question ?? "~");
  for (const group of groups.values())
    group.items.sort(
      (a, b) => Math.abs(b.points) - Math.abs(a.points) || compareText(a.item, b.item),
    );
  const all = [...groups.values()];
  return {
    reasons: all.filter((g) => g.points > 0).sort(order),
    tradeOffs: all.filter((g) => g.points < 0).sort(order),
  };
}

/** Joins a strategy's scoring result with its rule-base facts: BA verdict, compliance features, footnotes. */
export function explainStrategy(
  ruleBase: RuleBase,
  recommendation: Recommendation,
  id: string,
): StrategyExplanation {
  const strategy = ruleBase.strategies.find((s) => s.id === id) as Strategy;
  const result = recommendation.strategies.find((s) => s.id === id) as StrategyResult;
  return {
    id,
    name: strategy.name,
    number: strategy.number,
    summary: strategy.summary,
    score: result.score,
    ...reasonsFor(result),
    businessAssociate: strategy.businessAssociate,
    complianceFeatures: featuresOf(ruleBase, strategy),
    footnotes: strategy.footnotes,
  };
}

/** The compliance features a strategy lists, in its order, with their citations. */
export function featuresOf(ruleBase: RuleBase, strategy: Strategy): ComplianceFeature[] {
  return strategy.complianceFeatures.flatMap((id) =>
    ruleBase.complianceFeatures.filter((f) => f.id === id),
  );
}

/** Points between the winner and the runner-up, or null when fewer than two remain. */
export function margin(recommendation: Recommendation): number | null {
  const [first, second] = recommendation.ranking;
  if (!first || !second) return null;
  return Math.round((first.score - second.score) * 10) / 10;
}
