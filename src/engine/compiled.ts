import type { ArticleItem, Condition, RuleBase, Strategy } from "../rulebase/schema.js";

/** One article item's signed impact on one factor, possibly through an inherited item. */
export interface EffectiveImpact {
  item: ArticleItem;
  kind: "advantage" | "disadvantage";
  inherited?: ArticleItem;
  factor: string;
  impact: number;
}

function effectiveImpacts(
  strategy: Strategy,
  itemsById: Map<string, ArticleItem>,
): EffectiveImpact[] {
  const out: EffectiveImpact[] = [];
  const lists = [
    ["advantage", strategy.advantages],
    ["disadvantage", strategy.disadvantages],
  ] as const;
  for (const [kind, items] of lists) {
    for (const item of items) {
      for (const [factor, impact] of Object.entries(item.impacts))
        out.push({ item, kind, factor, impact });
      for (const ref of item.inherits ?? []) {
        const inherited = itemsById.get(ref);
        if (!inherited) continue;
        for (const [factor, impact] of Object.entries(inherited.impacts))
          out.push({ item, kind, inherited, factor, impact });
      }
    }
  }
  return out;
}

/**
 * A rule base reduced to arrays for fast scoring: CI runs `check` over many profiles and the
 * sensitivity analysis re-scores hundreds of variants, so the hot path does arithmetic only.
 */
export interface CompiledRules {
  factorIds: string[];
  strategyIds: string[];
  baseline: Float64Array;
  /** strategy index -> its number in the article's table, which breaks ties. */
  numbers: number[];
  /** strategy index -> every item's impact on every factor, for the explanation. */
  effects: EffectiveImpact[][];
  /** strategy index -> factor index -> total signed impact, inherited items included. */
  impact: Float64Array[];
  /** question index -> choice value -> importance added per factor, and strategies excluded. */
  choices: Map<string, { weights: Float64Array; excludes: number[] }>[];
  /** question index -> its id. */
  questionIds: string[];
  /** question index -> whether it applies, given the values counted so far (by question index); undefined when always. */
  applies: (((values: readonly (string | undefined)[]) => boolean) | undefined)[];
}

type CompiledCondition = (values: readonly (string | undefined)[]) => boolean;

/** Turns a declarative condition into a closure over question indexes, evaluated per profile. */
function compileCondition(
  condition: Condition,
  questionIndex: Map<string, number>,
): CompiledCondition {
  if ("all" in condition) {
    const parts = condition.all.map((c) => compileCondition(c, questionIndex));
    return (values) => parts.every((part) => part(values));
  }
  if ("any" in condition) {
    const parts = condition.any.map((c) => compileCondition(c, questionIndex));
    return (values) => parts.some((part) => part(values));
  }
  if ("not" in condition) {
    const inner = compileCondition(condition.not, questionIndex);
    return (values) => !inner(values);
  }
  const index = questionIndex.get(condition.question) ?? -1;
  const accepted = new Set(condition.in);
  return (values) => {
    const value = values[index];
    return value !== undefined && accepted.has(value);
  };
}

const cache = new WeakMap<RuleBase, CompiledRules>();

/** Compiles (once per rule base object) the arrays the fast scorer needs. */
export function compileRules(ruleBase: RuleBase): CompiledRules {
  const cached = cache.get(ruleBase);
  if (cached) return cached;
  const factorIds = ruleBase.factors.map((f) => f.id);
  const factorIndex = new Map(factorIds.map((id, i) => [id, i]));
  const strategyIds = ruleBase.strategies.map((s) => s.id);
  const strategyIndex = new Map(strategyIds.map((id, i) => [id, i]));
  const itemsById = new Map<string, ArticleItem>(
    ruleBase.strategies.flatMap((s) => [...s.advantages, ...s.disadvantages]).map((i) => [i.id, i]),
  );
  const effects = ruleBase.strategies.map((strategy) => effectiveImpacts(strategy, itemsById));
  const impact = effects.map((list) => {
    const row = new Float64Array(factorIds.length);
    for (const effect of list) {
      const index = factorIndex.get(effect.factor);
      if (index !== undefined) row[index] = (row[index] ?? 0) + effect.impact;
    }
    return row;
  });
  const choices = ruleBase.questions.map((question) => {
    const byValue = new Map<string, { weights: Float64Array; excludes: number[] }>();
    for (const choice of question.choices) {
      const weights = new Float64Array(factorIds.length);
      for (const [factor, weight] of Object.entries(choice.weights)) {
        const index = factorIndex.get(factor);
        if (index !== undefined) weights[index] = weight;
      }
      const excludes = choice.excludes.flatMap((e) => {
        const index = strategyIndex.get(e.strategy);
        return index === undefined ? [] : [index];
      });
      byValue.set(choice.value, { weights, excludes });
    }
    return byValue;
  });
  const questionIndex = new Map(ruleBase.questions.map((q, i) => [q.id, i]));
  const applies = ruleBase.questions.map((q) =>
    q.askWhen ? compileCondition(q.askWhen, questionIndex) : undefined,
  );
  const compiled: CompiledRules = {
    factorIds,
    strategyIds,
    baseline: Float64Array.from(ruleBase.factors.map((f) => f.baseline)),
    numbers: ruleBase.strategies.map((s) => s.number),
    effects,
    impact,
    choices,
    questionIds: ruleBase.questions.map((q) => q.id),
    applies,
  };
  cache.set(ruleBase, compiled);
  return compiled;
}

/** Scores only: what `check` and what-if analysis need, without building the explanation. */
export interface Scores {
  /** Per strategy, in rule-base order. */
  raw: number[];
  score: number[];
  excluded: boolean[];
  /** Strategy indexes not excluded, best first (ties in rule-base order). */
  order: number[];
  /** Weighted sums that map to 0 and 100. */
  scale: { min: number; max: number };
}

const round1 = (value: number) => Math.round(value * 10) / 10;

const NO_WEIGHTS: Readonly<Record<string, number | undefined>> = Object.freeze({});

/** The fast scorer. `recommend` builds its trace on top of the same numbers. */
export function scoreProfile(
  ruleBase: RuleBase,
  answers: Readonly<Record<string, string | undefined>>,
  weights: Readonly<Record<string, number | undefined>> = NO_WEIGHTS,
): Scores {
  const compiled = compileRules(ruleBase);
  const { factorIds, impact, questionIds, choices, applies, numbers } = compiled;
  const factorCount = factorIds.length;
  const strategyCount = impact.length;
  const importance = compiled.baseline.slice();
  const excluded = new Array<boolean>(strategyCount).fill(false);
  const counted = new Array<string | undefined>(questionIds.length).fill(undefined);
  for (let q = 0; q < questionIds.length; q++) {
    const value = answers[questionIds[q] as string];
    if (value === undefined || value === "unsure") continue;
    const condition = applies[q];
    if (condition !== undefined && !condition(counted)) continue;
    counted[q] = value;
    const choice = choices[q]?.get(value);
    if (choice === undefined) continue;
    const added = choice.weights;
    for (let f = 0; f < factorCount; f++)
      importance[f] = (importance[f] as number) + (added[f] as number);
    for (const s of choice.excludes) excluded[s] = true;
  }
  if (weights !== NO_WEIGHTS) {
    for (let f = 0; f < factorCount; f++) {
      const override = weights[factorIds[f] as string];
      if (override !== undefined) importance[f] = override;
    }
  }
  let min = 0;
  let max = 0;
  const raw = new Array<number>(strategyCount).fill(0);
  for (let f = 0; f < factorCount; f++) {
    const weight = importance[f] as number;
    if (weight === 0) continue;
    let low = Number.POSITIVE_INFINITY;
    let high = Number.NEGATIVE_INFINITY;
    for (let s = 0; s < strategyCount; s++) {
      const value = (impact[s] as Float64Array)[f] as number;
      raw[s] = (raw[s] as number) + weight * value;
      if (value < low) low = value;
      if (value > high) high = value;
    }
    min += weight * low;
    max += weight * high;
  }
  const score = new Array<number>(strategyCount);
  const order: number[] = [];
  for (let s = 0; s < strategyCount; s++) {
    score[s] = max === min ? 50 : round1((100 * ((raw[s] as number) - min)) / (max - min));
    if (!excluded[s]) order.push(s);
  }
  order.sort(
    (a, b) =>
      (raw[b] as number) - (raw[a] as number) || (numbers[a] as number) - (numbers[b] as number),
  );
  return { raw, score, excluded, order, scale: { min, max } };
}

/**
 * The questions that apply to these answers but have none (or "unsure"), in questionnaire order:
 * effectiveAnswers' `unanswered`, from the compiled conditions. `check` asks it of every profile.
 */
export function unansweredQuestions(
  ruleBase: RuleBase,
  answers: Readonly<Record<string, string | undefined>>,
): string[] {
  const { questionIds, applies } = compileRules(ruleBase);
  const counted = new Array<string | undefined>(questionIds.length).fill(undefined);
  const unanswered: string[] = [];
  for (let q = 0; q < questionIds.length; q++) {
    const condition = applies[q];
    if (condition !== undefined && !condition(counted)) continue;
    const id = questionIds[q] as string;
    const value = answers[id];
    if (value === undefined || value === "unsure") unanswered.push(id);
    else counted[q] = value;
  }
  return unanswered;
}
