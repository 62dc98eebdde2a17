import type { Condition, Question, RuleBase } from "../rulebase/schema.js";
import { type CompiledRules, compileRules, type Scores, scoreProfile } from "./compiled.js";
import { margin } from "./explain.js";
import { effectiveAnswers, type ScoringInput } from "./score.js";
import type { Recommendation } from "./types.js";

/** One answer set to another value. */
export interface AnswerChange {
  question: string;
  /** The profile's answer, or null when the question is unanswered or answered "unsure". */
  from: string | null;
  to: string;
}

/** A set of answer changes that would put another strategy first. */
export interface WhatIf {
  changes: AnswerChange[];
  /** The strategy that would rank first, or null when the changes would exclude all of them. */
  winner: string | null;
  /** Whether the changes exclude the current winner outright (a hard exclusion). */
  winnerExcluded: boolean;
  /** Points (0-100 scale) by which the new winner would lead the current one; null when excluded. */
  lead: number | null;
}

/** An unanswered question whose answer alone could change the winner. */
export interface OpenQuestion {
  question: string;
  answers: { answer: string; winner: string | null }[];
}

/** How firmly the answers hold the winner in place. */
export interface Sensitivity {
  winner: string | null;
  runnerUp: string | null;
  /** Points between winner and runner-up, or null when fewer than two strategies remain. */
  margin: number | null;
  /** True when no single answer change alters the winner. */
  robust: boolean;
  /** Single answer changes that alter the winner, strongest first. */
  single: WhatIf[];
  /** Pairs of changes that alter the winner while neither change does alone, strongest first. */
  pairs: WhatIf[];
  /** How many such pairs exist; `pairs` holds at most MAX_PAIRS of them. */
  pairCount: number;
  /** Unanswered questions that could change the winner, in questionnaire order. */
  openQuestions: OpenQuestion[];
  /** How much was examined: single changes, pairs, and full re-scores of a modified profile. */
  checked: { single: number; pairs: number; rescored: number };
}

/** The pairs kept in the result; `pairCount` says how many there are in all. */
export const MAX_PAIRS = 10;

/** The profile with one answer changed, scored, plus what the pair arithmetic needs from it. */
interface Variant {
  change: AnswerChange;
  questionIndex: number;
  scores: Scores;
  /** Questions that count (askWhen holds) in this variant. */
  applicable: Set<string>;
  /** The answers that count in this variant and rule strategies out: question -> strategy indexes. */
  exclusions: [string, readonly number[]][];
  /** Its question appears in some askWhen, so changing it can switch other questions on or off. */
  gating: boolean;
  /** Neither gating nor able to exclude: the variant only shifts scores, never eligibility. */
  simple: boolean;
  /** For simple variants: the most it narrows the winner's raw lead over any eligible strategy. */
  gain: number;
}

/** What every step of the analysis shares. */
interface Analysis {
  ruleBase: RuleBase;
  compiled: CompiledRules;
  input: ScoringInput;
  base: Scores;
  baseApplicable: Set<string>;
  winner: number;
  rescored: number;
}

function conditionQuestions(condition: Condition, into: Set<string>): void {
  if ("all" in condition) for (const c of condition.all) conditionQuestions(c, into);
  else if ("any" in condition) for (const c of condition.any) conditionQuestions(c, into);
  else if ("not" in condition) conditionQuestions(condition.not, into);
  else into.add(condition.question);
}

/** Questions some askWhen refers to. */
function gatingQuestions(ruleBase: RuleBase): Set<string> {
  const out = new Set<string>();
  for (const question of ruleBase.questions)
    if (question.askWhen) conditionQuestions(question.askWhen, out);
  return out;
}

/** The questions that count and the answers that count, as `recommend` decides them. */
function effective(ruleBase: RuleBase, answers: ScoringInput["answers"]) {
  const result = effectiveAnswers(ruleBase, answers);
  return {
    applicable: new Set([...Object.keys(result.answers), ...result.unanswered]),
    answers: result.answers,
  };
}

/** Lead of strategy `a` over strategy `b` on the 0-100 scale of these scores. */
function leadOf(scores: Scores, a: number, b: number): number {
  const span = scores.scale.max - scores.scale.min;
  if (span === 0) return 0;
  return Math.round((1000 * ((scores.raw[a] ?? 0) - (scores.raw[b] ?? 0))) / span) / 10;
}

/** Ranks strategies the way scoreProfile does: not excluded, by raw score, ties by table number. */
function rank(compiled: CompiledRules, raw: number[], excluded: readonly boolean[]): number[] {
  // An insertion sort of a handful of indexes: it runs for every variant and pair that flips.
  const ahead = (a: number, b: number) =>
    (raw[a] ?? 0) > (raw[b] ?? 0) ||
    ((raw[a] ?? 0) === (raw[b] ?? 0) && (compiled.numbers[a] ?? 0) < (compiled.numbers[b] ?? 0));
  const order: number[] = [];
  for (let s = 0; s < raw.length; s++) {
    if (excluded[s]) continue;
    let at = order.length;
    while (at > 0 && ahead(s, order[at - 1] as number)) at--;
    order.splice(at, 0, s);
  }
  return order;
}

function rescore(analysis: Analysis, changes: AnswerChange[]): Scores {
  analysis.rescored++;
  const answers = { ...analysis.input.answers };
  for (const change of changes) answers[change.question] = change.to;
  return scoreProfile(analysis.ruleBase, answers, analysis.input.weights ?? {});
}

/**
 * The scores after changing one answer that switches no other question on or off: importance
 * changes only by the difference between the two answers' weights (none on overridden factors),
 * and raw scores and the scale's ends are linear in importance, so each moves by that difference
 * times its impacts. The same as a full re-score, for a fraction of the work.
 */
function shifted(
  analysis: Analysis,
  questionIndex: number,
  from: string | undefined,
  to: string,
  exclusions: [string, readonly number[]][],
): Scores {
  const { compiled, base, input } = analysis;
  const choices = compiled.choices[questionIndex];
  const before = from === undefined ? undefined : choices?.get(from)?.weights;
  const after = choices?.get(to)?.weights;
  const raw = [...base.raw];
  let { min, max } = base.scale;
  for (let f = 0; f < compiled.factorIds.length; f++) {
    const delta = (after?.[f] ?? 0) - (before?.[f] ?? 0);
    if (delta === 0 || input.weights?.[compiled.factorIds[f] as string] !== undefined) continue;
    let low = Number.POSITIVE_INFINITY;
    let high = Number.NEGATIVE_INFINITY;
    for (let s = 0; s < compiled.impact.length; s++) {
      const impact = compiled.impact[s]?.[f] ?? 0;
      raw[s] = (raw[s] ?? 0) + delta * impact;
      low = Math.min(low, impact);
      high = Math.max(high, impact);
    }
    min += delta * low;
    max += delta * high;
  }
  const excluded = new Array<boolean>(raw.length).fill(false);
  for (const [, out] of exclusions) for (const s of out) excluded[s] = true;
  return { raw, score: [], excluded, order: rank(compiled, raw, excluded), scale: { min, max } };
}

/** The what-if for these scores, or undefined when the winner stays. */
function whatIf(analysis: Analysis, changes: AnswerChange[], scores: Scores): WhatIf | undefined {
  const next = scores.order[0];
  if (next === analysis.winner) return undefined;
  const winnerExcluded = scores.excluded[analysis.winner] === true;
  return {
    changes,
    winner: next === undefined ? null : (analysis.compiled.strategyIds[next] ?? null),
    winnerExcluded,
    lead: next === undefined || winnerExcluded ? null : leadOf(scores, next, analysis.winner),
  };
}

/** The largest of gainOf over the rivals (-Infinity for none), without building an array. */
function largestGain(rivals: readonly number[], gainOf: (s: number) => number): number {
  let largest = Number.NEGATIVE_INFINITY;
  for (const s of rivals) largest = Math.max(largest, gainOf(s));
  return largest;
}

/** Every other value of every question, each scored as a whole modified profile. */
function singleVariants(analysis: Analysis): Variant[] {
  const { ruleBase, compiled, input, base, baseApplicable, winner } = analysis;
  const gating = gatingQuestions(ruleBase);
  // Runs for every variant: a plain loop, allocating only what it returns.
  const exclusionsOf = (answers: Readonly<Record<string, string>>) => {
    const out: [string, readonly number[]][] = [];
    for (let q = 0; q < ruleBase.questions.length; q++) {
      const id = (ruleBase.questions[q] as Question).id;
      const value = answers[id];
      const excludes = value === undefined ? undefined : compiled.choices[q]?.get(value)?.excludes;
      if (excludes?.length) out.push([id, excludes]);
    }
    return out;
  };
  const baseEffective = effective(ruleBase, input.answers);
  const baseExclusions = exclusionsOf(baseEffective.answers);
  // The exclusions once one counted answer changes: the base's, with that question's entry
  // swapped, in question order. (Spreading the answers into a new object for each variant cost
  // more than the rest of the analysis.)
  const indexOf = new Map(ruleBase.questions.map((q, i) => [q.id, i]));
  const exclusionsWith = (questionIndex: number, value: string) => {
    const id = (ruleBase.questions[questionIndex] as Question).id;
    const excludes = compiled.choices[questionIndex]?.get(value)?.excludes ?? [];
    const out: [string, readonly number[]][] = [];
    let placed = excludes.length === 0;
    for (const entry of baseExclusions) {
      if (entry[0] === id) continue;
      if (!placed && (indexOf.get(entry[0]) ?? 0) > questionIndex) {
        out.push([id, excludes]);
        placed = true;
      }
      out.push(entry);
    }
    if (!placed) out.push([id, excludes]);
    return out;
  };
  const rivals = base.order.filter((s) => s !== winner);
  const variants: Variant[] = [];
  ruleBase.questions.forEach((question, questionIndex) => {
    const current = input.answers[question.id];
    const from = current === undefined || current === "unsure" ? null : current;
    const canExclude = question.choices.some((c) => c.excludes.length > 0);
    for (const choice of question.choices) {
      if (choice.value === from) continue;
      const change = { question: question.id, from, to: choice.value };
      // A question that does not apply moves nothing by itself; it can matter in a pair.
      const counts = baseApplicable.has(question.id);
      const isGating = gating.has(question.id);
      const after = isGating
        ? effective(ruleBase, { ...input.answers, [question.id]: choice.value })
        : undefined;
      const exclusions = after
        ? exclusionsOf(after.answers)
        : counts
          ? exclusionsWith(questionIndex, choice.value)
          : baseExclusions;
      // A change to an askWhen condition can switch other questions on or off: score the whole
      // modified profile. Any other change only swaps one answer's weights.
      const scores = isGating
        ? rescore(analysis, [change])
        : counts
          ? shifted(
              analysis,
              questionIndex,
              baseEffective.answers[question.id],
              choice.value,
              exclusions,
            )
          : base;
      const simple = !isGating && !canExclude;
      const shift = (s: number, of: Scores) => (of.raw[s] ?? 0) - (of.raw[winner] ?? 0);
      variants.push({
        change,
        questionIndex,
        scores,
        applicable: after ? after.applicable : baseApplicable,
        exclusions,
        gating: isGating,
        simple,
        gain: simple ? largestGain(rivals, (s) => shift(s, scores) - shift(s, base)) : 0,
      });
    }
  });
  return variants;
}

/** A pair's two changes in questionnaire order. */
function inQuestionOrder(a: Variant, b: Variant): AnswerChange[] {
  return a.questionIndex < b.questionIndex ? [a.change, b.change] : [b.change, a.change];
}

/**
 * Pairs of changes to two different questions, neither of which flips the winner alone. Scores
 * are sums of importance x impact and importance sums the answers that count, so a pair's raw
 * scores are exactly a's plus b's shift from the base, unless one change switches the other's
 * question on or off through askWhen, or both change askWhen conditions: those pairs are re-scored.
 */
function pairFlips(
  analysis: Analysis,
  candidates: Variant[],
): { pairs: WhatIf[]; checked: number } {
  const { compiled, base, baseApplicable, winner } = analysis;
  const strategies = compiled.strategyIds.length;
  const excluded = new Array<boolean>(strategies).fill(false);
  const pairs: WhatIf[] = [];
  let checked = 0;

  // Runs for hundreds of pairs per recommendation: nothing is allocated until a pair matters.
  const evaluate = (first: Variant, second: Variant) => {
    const swap = second.gating && !first.gating;
    const a = swap ? second : first;
    const b = swap ? first : second;
    const bQuestion = b.change.question;
    const exact = !b.gating && a.applicable.has(bQuestion) === baseApplicable.has(bQuestion);
    if (!exact) {
      const changes = inQuestionOrder(a, b);
      const flip = whatIf(analysis, changes, rescore(analysis, changes));
      if (flip) pairs.push(flip);
      return;
    }
    // b's question keeps its askWhen verdict: the pair counts a's answers with b's swapped in.
    excluded.fill(false);
    for (const [question, out] of a.exclusions)
      if (question !== bQuestion) for (const s of out) excluded[s] = true;
    if (a.applicable.has(bQuestion))
      for (const s of compiled.choices[b.questionIndex]?.get(b.change.to)?.excludes ?? [])
        excluded[s] = true;
    // The hot loop allocates nothing until a pair turns out to change the winner.
    let best = -1;
    let bestRaw = Number.NEGATIVE_INFINITY;
    for (let s = 0; s < strategies; s++) {
      if (excluded[s]) continue;
      const raw = (a.scores.raw[s] ?? 0) + (b.scores.raw[s] ?? 0) - (base.raw[s] ?? 0);
      const number = compiled.numbers[s] ?? 0;
      if (raw > bestRaw || (raw === bestRaw && number < (compiled.numbers[best] ?? 0))) {
        best = s;
        bestRaw = raw;
      }
    }
    if (best === winner) return;
    const raw = base.raw.map((r, s) => (a.scores.raw[s] ?? 0) + (b.scores.raw[s] ?? 0) - r);
    const flip = whatIf(analysis, inQuestionOrder(a, b), {
      raw,
      score: [],
      excluded: [...excluded],
      order: rank(compiled, raw, excluded),
      scale: {
        min: a.scores.scale.min + b.scores.scale.min - base.scale.min,
        max: a.scores.scale.max + b.scores.scale.max - base.scale.max,
      },
    });
    if (flip) pairs.push(flip);
  };

  const complex = candidates.filter((v) => !v.simple);
  const simple = candidates.filter((v) => v.simple).sort((x, y) => y.gain - x.gain);
  for (let i = 0; i < complex.length; i++) {
    const a = complex[i] as Variant;
    for (let j = i + 1; j < complex.length + simple.length; j++) {
      const b = (j < complex.length ? complex[j] : simple[j - complex.length]) as Variant;
      if (a.change.question === b.change.question) continue;
      checked++;
      evaluate(a, b);
    }
  }
  // Two simple changes keep every strategy's eligibility, so the winner's raw lead over each rival
  // shrinks by at most gain(a) + gain(b): pairs whose gains cannot cover the lead are settled.
  const rival = base.order[1];
  const leadRaw =
    rival === undefined
      ? Number.POSITIVE_INFINITY
      : (base.raw[winner] ?? 0) - (base.raw[rival] ?? 0);
  for (let i = 0; i < simple.length; i++) {
    const a = simple[i] as Variant;
    for (let j = i + 1; j < simple.length; j++) {
      const b = simple[j] as Variant;
      if (a.change.question === b.change.question) continue;
      checked++;
      if (a.gain + b.gain < leadRaw) continue;
      evaluate(a, b);
    }
  }
  return { pairs, checked };
}

/**
 * How robust the recommendation is: the winner's margin, every single answer change that would
 * put another strategy first, every minimal pair of changes that would, and the open questions
 * that could. A change to a question that some askWhen refers to is scored as a whole modified
 * profile, so the questions it switches on or off count as `recommend` would count them.
 */
export function sensitivityOf(
  ruleBase: RuleBase,
  input: ScoringInput,
  recommendation: Recommendation,
): Sensitivity {
  const compiled = compileRules(ruleBase);
  const base = scoreProfile(ruleBase, input.answers, input.weights ?? {});
  const [winner, runnerUp] = base.order;
  const idOf = (s: number | undefined) =>
    s === undefined ? null : (compiled.strategyIds[s] ?? null);
  const result: Sensitivity = {
    winner: idOf(winner),
    runnerUp: idOf(runnerUp),
    margin: margin(recommendation),
    robust: true,
    single: [],
    pairs: [],
    pairCount: 0,
    openQuestions: [],
    checked: { single: 0, pairs: 0, rescored: 0 },
  };
  if (winner === undefined) return result;
  const analysis: Analysis = {
    ruleBase,
    compiled,
    input,
    base,
    baseApplicable: effective(ruleBase, input.answers).applicable,
    winner,
    rescored: 0,
  };

  const variants = singleVariants(analysis);
  const candidates: Variant[] = [];
  for (const variant of variants) {
    const flip = whatIf(analysis, [variant.change], variant.scores);
    if (flip) result.single.push(flip);
    else candidates.push(variant);
  }
  result.robust = result.single.length === 0;

  const unanswered = new Set(recommendation.unanswered);
  for (const flip of result.single) {
    const [change] = flip.changes;
    if (!change || change.from !== null || !unanswered.has(change.question)) continue;
    const entry = { answer: change.to, winner: flip.winner };
    const open = result.openQuestions.find((q) => q.question === change.question);
    if (open) open.answers.push(entry);
    else result.openQuestions.push({ question: change.question, answers: [entry] });
  }

  const { pairs, checked } = pairFlips(analysis, candidates);
  const questionIndex = new Map(ruleBase.questions.map((q, i) => [q.id, i]));
  const key = (w: WhatIf) =>
    w.changes.flatMap((change) => {
      const q = questionIndex.get(change.question) ?? 0;
      return [q, ruleBase.questions[q]?.choices.findIndex((c) => c.value === change.to) ?? 0];
    });
  const strongestFirst = (x: WhatIf, y: WhatIf) =>
    Number(y.winnerExcluded) - Number(x.winnerExcluded) ||
    (y.lead ?? 0) - (x.lead ?? 0) ||
    compareKeys(key(x), key(y));
  result.single.sort(strongestFirst);
  // Open questions keep questionnaire order; single changes sort by strength.
  result.openQuestions.sort(
    (x, y) => (questionIndex.get(x.question) ?? 0) - (questionIndex.get(y.question) ?? 0),
  );
  pairs.sort(strongestFirst);
  result.pairCount = pairs.length;
  result.pairs = pairs.slice(0, MAX_PAIRS);
  result.checked = { single: variants.length, pairs: checked, rescored: analysis.rescored };
  return result;
}

/** Orders two tie-break keys (questionnaire order of the changes, then choice order). */
function compareKeys(x: number[], y: number[]): number {
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? -1) - (y[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}
