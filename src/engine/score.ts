import type { RuleBase } from "../rulebase/schema.js";
import { compareText } from "./compare.js";
import { compileRules, scoreProfile } from "./compiled.js";
import { type Answers, applies } from "./conditions.js";
import type {
  Contribution,
  ExclusionReason,
  FactorImportance,
  ImportanceSource,
  Recommendation,
  StrategyResult,
} from "./types.js";

/** What the engine needs from a profile. */
export interface ScoringInput {
  /** question id -> value; "unsure" or absent means no answer. */
  answers: Readonly<Record<string, string | undefined>>;
  /** factor id -> importance 0..5 that replaces what the answers give. */
  weights?: Readonly<Record<string, number | undefined>>;
}

/** Answers that count: known, applicable (askWhen holds) and not "unsure". */
export function effectiveAnswers(ruleBase: RuleBase, raw: ScoringInput["answers"]) {
  const answers: Record<string, string> = {};
  const unanswered: string[] = [];
  const ignored: string[] = [];
  for (const question of ruleBase.questions) {
    const value = raw[question.id];
    // askWhen refers only to earlier questions (checked at load), so one pass in order suffices.
    if (!applies(question, answers)) {
      if (value !== undefined && value !== "unsure") ignored.push(question.id);
      continue;
    }
    if (value === undefined || value === "unsure") unanswered.push(question.id);
    else answers[question.id] = value;
  }
  return { answers: answers as Answers, unanswered, ignored };
}

/** Importance of each factor: baseline plus what each answer adds, unless the profile overrides it. */
export function factorImportance(
  ruleBase: RuleBase,
  answers: Answers,
  weights: ScoringInput["weights"] = {},
) {
  const importance = new Map<string, FactorImportance>();
  for (const factor of ruleBase.factors) {
    const override = weights[factor.id];
    const sources: ImportanceSource[] =
      override !== undefined
        ? [{ kind: "override", weight: override }]
        : factor.baseline > 0
          ? [{ kind: "baseline", weight: factor.baseline }]
          : [];
    importance.set(factor.id, {
      factor: factor.id,
      importance: override ?? factor.baseline,
      sources,
    });
  }
  for (const question of ruleBase.questions) {
    const answer = answers[question.id];
    if (answer === undefined) continue;
    const choice = question.choices.find((c) => c.value === answer);
    for (const [factor, weight] of Object.entries(choice?.weights ?? {})) {
      const entry = importance.get(factor);
      if (!entry || weights[factor] !== undefined || weight === 0) continue;
      entry.importance += weight;
      entry.sources.push({ kind: "answer", question: question.id, answer, weight });
    }
  }
  return importance;
}

function exclusions(ruleBase: RuleBase, answers: Answers): Map<string, ExclusionReason[]> {
  const out = new Map<string, ExclusionReason[]>();
  for (const question of ruleBase.questions) {
    const answer = answers[question.id];
    if (answer === undefined) continue;
    const choice = question.choices.find((c) => c.value === answer);
    for (const exclusion of choice?.excludes ?? []) {
      const reasons = out.get(exclusion.strategy) ?? [];
      reasons.push({ question: question.id, answer, text: exclusion.reason });
      out.set(exclusion.strategy, reasons);
    }
  }
  return out;
}

/**
 * Scores every strategy for a profile and ranks those not excluded.
 * Scale: for each factor, the best and worst total impact any strategy has on it, weighted by
 * importance, give the 100 and 0 ends; a strategy's score is where its weighted sum falls between.
 */
export function recommend(ruleBase: RuleBase, input: ScoringInput): Recommendation {
  const { effects } = compileRules(ruleBase);
  const { answers, unanswered, ignored } = effectiveAnswers(ruleBase, input.answers);
  const importance = factorImportance(ruleBase, answers, input.weights);
  const excludedBy = exclusions(ruleBase, answers);

  const scores = scoreProfile(ruleBase, input.answers, input.weights);
  const results: StrategyResult[] = ruleBase.strategies.map((strategy, index) => {
    const contributions: Contribution[] = [];
    for (const effect of effects[index] ?? []) {
      const factor = importance.get(effect.factor);
      if (!factor || factor.importance === 0) continue;
      contributions.push({
        item: effect.item.id,
        kind: effect.kind,
        text: effect.item.text,
        ...(effect.inherited
          ? { inheritedItem: effect.inherited.id, inheritedText: effect.inherited.text }
          : {}),
        factor: effect.factor,
        impact: effect.impact,
        importance: factor.importance,
        points: factor.importance * effect.impact,
        sources: factor.sources.map((source) => ({
          source,
          points: source.weight * effect.impact,
        })),
      });
    }
    contributions.sort(
      (a, b) =>
        Math.abs(b.points) - Math.abs(a.points) ||
        compareText(a.item, b.item) ||
        compareText(a.factor, b.factor),
    );
    const reasons = excludedBy.get(strategy.id) ?? [];
    return {
      id: strategy.id,
      name: strategy.name,
      number: strategy.number,
      score: scores.score[index] ?? 0,
      raw: scores.raw[index] ?? 0,
      excluded: reasons.length > 0,
      exclusionReasons: reasons,
      contributions,
    };
  });
  const ranked = scores.order.map((index) => results[index] as StrategyResult);
  return {
    recommended: ranked[0]?.id ?? null,
    ranking: ranked.map((r, index) => ({
      rank: index + 1,
      id: r.id,
      name: r.name,
      score: r.score,
    })),
    excluded: results
      .filter((r) => r.excluded)
      .map((r) => ({ id: r.id, name: r.name, reasons: r.exclusionReasons })),
    unanswered,
    ignored,
    importance: [...importance.values()],
    strategies: results,
    scale: scores.scale,
  };
}
