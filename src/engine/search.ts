import type { RuleBase } from "../rulebase/schema.js";
import { compileRules, scoreProfile } from "./compiled.js";
import { effectiveAnswers, recommend } from "./score.js";

/** What the search found for one strategy: a profile that makes it win, or the closest miss. */
export interface WinSearchResult {
  strategy: string;
  /** Whether `answers` makes the strategy the recommendation (confirmed by the scoring engine). */
  wins: boolean;
  /** Question id -> value; questions left out are unanswered. The best profile found either way. */
  answers: Record<string, string>;
  /** Score points (0-100 scale) ahead of the best rival, negative when behind; null when excluded or alone. */
  margin: number | null;
  /** The strategy that wins with these answers (itself when wins is true). */
  winner: string | null;
  /** Profiles scored during the search, for the report. */
  evaluated: number;
}

export interface WinSearchOptions {
  /** Random restarts after the structured ones. */
  restarts?: number;
  /** Seed for the restarts, so the same rule base always gives the same profiles. */
  seed?: number;
}

const UNANSWERED = -1;
/** Objective for a profile that excludes the target itself: worse than any real margin. */
const EXCLUDED = -1e12;

/** Answers by question id from an assignment of choice indexes (UNANSWERED leaves one out). */
function answersOf(ruleBase: RuleBase, assignment: readonly number[]): Record<string, string> {
  const answers: Record<string, string> = {};
  ruleBase.questions.forEach((question, q) => {
    const value = question.choices[assignment[q] ?? UNANSWERED]?.value;
    if (value !== undefined) answers[question.id] = value;
  });
  return answers;
}

interface Outcome {
  objective: number;
  margin: number | null;
}

/**
 * Scores one assignment for a target with the engine's fast scorer. The objective is the target's
 * lead in raw points (a tie it wins on strategy number counts as half a point), so "wins" is
 * exactly "objective > 0". While the target is excluded, the objective counts the answers that
 * exclude it, so climbing removes them.
 */
function evaluate(ruleBase: RuleBase, assignment: readonly number[], target: number): Outcome {
  const { raw, excluded } = scoreProfile(ruleBase, answersOf(ruleBase, assignment));
  const { choices, numbers } = compileRules(ruleBase);
  if (excluded[target]) {
    const against = ruleBase.questions.filter((question, q) => {
      const value = question.choices[assignment[q] ?? UNANSWERED]?.value;
      return value !== undefined && choices[q]?.get(value)?.excludes.includes(target);
    }).length;
    return { objective: EXCLUDED * Math.max(1, against), margin: null };
  }
  const own = raw[target] ?? 0;
  let rival = Number.NEGATIVE_INFINITY;
  let tieWon = true;
  raw.forEach((score, s) => {
    if (s === target || excluded[s]) return;
    if (score > rival) rival = score;
    if (score === own && (numbers[s] ?? 0) < (numbers[target] ?? 0)) tieWon = false;
  });
  // Every rival excluded: the target wins whatever it scores.
  if (rival === Number.NEGATIVE_INFINITY) return { objective: 1e9, margin: null };
  const margin = own - rival;
  return { objective: margin === 0 && tieWon ? 0.5 : margin, margin };
}

/** A small seeded generator (mulberry32): the search must give the same answer on every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A start that leans towards the target: each question takes the choice whose weights favour
 * the factors where the target beats the others' average, never one that excludes it, and
 * preferring one that excludes rivals.
 */
function affinityStart(ruleBase: RuleBase, target: number): number[] {
  const { impact, choices } = compileRules(ruleBase);
  const others = impact.filter((_, s) => s !== target);
  const lead = Array.from(
    impact[target] ?? [],
    (value, f) => value - others.reduce((sum, row) => sum + (row[f] ?? 0), 0) / others.length,
  );
  return ruleBase.questions.map((question, q) => {
    let best = UNANSWERED;
    let bestScore = 0;
    question.choices.forEach((choice, c) => {
      const compiled = choices[q]?.get(choice.value);
      if (!compiled || compiled.excludes.includes(target)) return;
      const score =
        compiled.weights.reduce((sum, w, f) => sum + w * (lead[f] ?? 0), 0) +
        compiled.excludes.length;
      if (score > bestScore) {
        best = c;
        bestScore = score;
      }
    });
    return best;
  });
}

/** Coordinate ascent: change one answer at a time to the value that most improves the objective. */
function climb(
  ruleBase: RuleBase,
  start: number[],
  target: number,
  count: { evaluated: number },
): { assignment: number[]; outcome: Outcome } {
  const assignment = [...start];
  let outcome = evaluate(ruleBase, assignment, target);
  count.evaluated++;
  for (let improved = true; improved; ) {
    improved = false;
    ruleBase.questions.forEach((question, q) => {
      for (let c = UNANSWERED; c < question.choices.length; c++) {
        if (c === assignment[q]) continue;
        const previous = assignment[q] ?? UNANSWERED;
        assignment[q] = c;
        const next = evaluate(ruleBase, assignment, target);
        count.evaluated++;
        if (next.objective > outcome.objective) {
          outcome = next;
          improved = true;
        } else assignment[q] = previous;
      }
    });
  }
  return { assignment, outcome };
}

/**
 * Searches the answers for a profile that makes one strategy the recommendation. Exhaustive search
 * is out of reach (about 3^22 profiles), so this climbs from structured starts (no answers, an
 * affinity start, the affinity start with each excluding answer forced) and seeded random ones,
 * stopping at the first win. The win is confirmed with the full scoring engine.
 */
export function findWinningProfile(
  ruleBase: RuleBase,
  strategyId: string,
  options: WinSearchOptions = {},
): WinSearchResult {
  const target = ruleBase.strategies.findIndex((s) => s.id === strategyId);
  if (target < 0) throw new Error(`unknown strategy ${strategyId}`);
  const unanswered = ruleBase.questions.map(() => UNANSWERED);
  const affinity = affinityStart(ruleBase, target);
  const starts: number[][] = [unanswered, affinity];
  ruleBase.questions.forEach((question, q) => {
    question.choices.forEach((choice, c) => {
      const excludes = choice.excludes.map((e) => e.strategy);
      if (excludes.length > 0 && !excludes.includes(strategyId))
        starts.push(affinity.map((value, i) => (i === q ? c : value)));
    });
  });
  const next = random((options.seed ?? 1) + target * 7919);
  for (let i = 0; i < (options.restarts ?? 48); i++)
    starts.push(
      ruleBase.questions.map(
        (question) => Math.floor(next() * (question.choices.length + 1)) + UNANSWERED,
      ),
    );

  const count = { evaluated: 0 };
  let best: { assignment: number[]; outcome: Outcome } | undefined;
  for (const start of starts) {
    const found = climb(ruleBase, start, target, count);
    if (!best || found.outcome.objective > best.outcome.objective) best = found;
    if (best.outcome.objective > 0) break;
  }
  const { assignment, outcome } = best as { assignment: number[]; outcome: Outcome };
  // Only the answers that count: those to questions that apply.
  const { answers } = effectiveAnswers(ruleBase, answersOf(ruleBase, assignment));
  const recommendation = recommend(ruleBase, { answers });
  const own = recommendation.ranking.find((r) => r.id === strategyId);
  const rival = recommendation.ranking.find((r) => r.id !== strategyId);
  return {
    strategy: strategyId,
    wins: recommendation.recommended === strategyId,
    answers: { ...answers },
    margin:
      outcome.margin === null || !own || !rival
        ? null
        : Math.round((own.score - rival.score) * 10) / 10,
    winner: recommendation.recommended,
    evaluated: count.evaluated,
  };
}
