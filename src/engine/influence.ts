import type { RuleBase } from "../rulebase/schema.js";
import { compileRules } from "./compiled.js";
import type { ImportanceSource, Recommendation } from "./types.js";

/** What one answer does to the six strategies: points on the 0-100 scale, and exclusions. */
export interface AnswerInfluence {
  question: string;
  answer: string;
  /** strategy id -> points this answer gives it (0-100 scale; negative counts against it). */
  points: Record<string, number>;
  /** Points between the strategy it helps most and the one it helps least, among those ranked. */
  swing: number;
  /** The ranked strategy this answer helps most, or null when it moves none of them. */
  favours: string | null;
  /** Strategies this answer rules out. */
  excludes: string[];
}

const round1 = (value: number) => Math.round(value * 10) / 10;

/** Converts raw points to the 0-100 scale of a recommendation, so they add up to score differences. */
export function toScale(recommendation: Recommendation, raw: number): number {
  const span = recommendation.scale.max - recommendation.scale.min;
  return span === 0 ? 0 : (100 * raw) / span;
}

/**
 * The answers that weigh most on the decision, heaviest first: those that rule strategies out,
 * then those whose importance moves the ranked strategies furthest apart.
 */
export function answerInfluence(recommendation: Recommendation): AnswerInfluence[] {
  const byAnswer = new Map<string, AnswerInfluence>();
  const entry = (question: string, answer: string) => {
    const key = `${question}=${answer}`;
    let found = byAnswer.get(key);
    if (!found) {
      found = { question, answer, points: {}, swing: 0, favours: null, excludes: [] };
      for (const strategy of recommendation.strategies) found.points[strategy.id] = 0;
      byAnswer.set(key, found);
    }
    return found;
  };
  for (const strategy of recommendation.strategies) {
    for (const contribution of strategy.contributions) {
      for (const { source, points } of contribution.sources) {
        if (source.kind !== "answer") continue;
        const influence = entry(source.question, source.answer);
        influence.points[strategy.id] = (influence.points[strategy.id] ?? 0) + points;
      }
    }
  }
  for (const excluded of recommendation.excluded) {
    for (const reason of excluded.reasons) {
      const influence = entry(reason.question, reason.answer);
      if (!influence.excludes.includes(excluded.id)) influence.excludes.push(excluded.id);
    }
  }
  const ranked = recommendation.ranking.map((r) => r.id);
  const among = ranked.length >= 2 ? ranked : recommendation.strategies.map((s) => s.id);
  for (const influence of byAnswer.values()) {
    for (const id of Object.keys(influence.points))
      influence.points[id] = round1(toScale(recommendation, influence.points[id] ?? 0));
    const values = among.map((id) => influence.points[id] ?? 0);
    influence.swing = round1(Math.max(...values) - Math.min(...values));
    const best = among.reduce<string | null>(
      (top, id) =>
        top === null || (influence.points[id] ?? 0) > (influence.points[top] ?? 0) ? id : top,
      null,
    );
    influence.favours = influence.swing > 0 ? best : null;
  }
  return [...byAnswer.values()].sort(
    (a, b) =>
      b.excludes.length - a.excludes.length ||
      b.swing - a.swing ||
      a.question.localeCompare(b.question),
  );
}

/** One factor's share of the score difference between two strategies, and the answers behind it. */
export interface FactorDifference {
  factor: string;
  name: string;
  importance: number;
  /** Points each strategy earns on this factor (0-100 scale). */
  a: number;
  b: number;
  /** a - b. */
  difference: number;
  /** Where the factor's importance comes from, each with its share of the difference. */
  drivers: { source: ImportanceSource; points: number }[];
}

/**
 * Splits the score difference between two strategies by factor: importance x (impact of a -
 * impact of b), and splits each factor's part by the answers that set its importance. The parts
 * add up to the difference in score.
 */
export function factorDifferences(
  ruleBase: RuleBase,
  recommendation: Recommendation,
  a: string,
  b: string,
): FactorDifference[] {
  const compiled = compileRules(ruleBase);
  const ia = compiled.impact[compiled.strategyIds.indexOf(a)];
  const ib = compiled.impact[compiled.strategyIds.indexOf(b)];
  const out: FactorDifference[] = [];
  compiled.factorIds.forEach((factor, f) => {
    const importance = recommendation.importance.find((i) => i.factor === factor);
    const weight = importance?.importance ?? 0;
    const impactA = ia?.[f] ?? 0;
    const impactB = ib?.[f] ?? 0;
    if (weight === 0 || impactA === impactB) return;
    const scaled = (raw: number) => round1(toScale(recommendation, raw));
    out.push({
      factor,
      name: ruleBase.factors[f]?.name ?? factor,
      importance: weight,
      a: scaled(weight * impactA),
      b: scaled(weight * impactB),
      difference: scaled(weight * (impactA - impactB)),
      drivers: (importance?.sources ?? [])
        .map((source) => ({ source, points: scaled(source.weight * (impactA - impactB)) }))
        .filter((d) => d.points !== 0)
        .sort((x, y) => Math.abs(y.points) - Math.abs(x.points)),
    });
  });
  return out.sort(
    (x, y) => Math.abs(y.difference) - Math.abs(x.difference) || x.factor.localeCompare(y.factor),
  );
}
