import type { RuleBase } from "../rulebase/schema.js";
import { applies } from "./conditions.js";
import { recommend } from "./score.js";

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

/** The rule base as arrays, so one profile is scored with a few hundred multiplications. */
interface Compiled {
  questions: RuleBase["questions"];
  /** [question][choice][factor] importance added. */
  weights: number[][][];
  /** [question][choice] strategy indexes excluded. */
  excludes: number[][][];
  /** [strategy][factor] total impact, inherited items included. */
  impact: number[][];
  baseline: number[];
  numbers: number[];
}

function compileRules(ruleBase: RuleBase): Compiled {
  const factorIndex = new Map(ruleBase.factors.map((f, i) => [f.id, i]));
  const strategyIndex = new Map(ruleBase.strategies.map((s, i) => [s.id, i]));
  const items = new Map(
    ruleBase.strategies.flatMap((s) => [...s.advantages, ...s.disadvantages]).map((i) => [i.id, i]),
  );
  const impact = ruleBase.strategies.map((strategy) => {
    const row = ruleBase.factors.map(() => 0);
    for (const item of [...strategy.advantages, ...strategy.disadvantages]) {
      const sources = [item, ...(item.inherits ?? []).flatMap((ref) => items.get(ref) ?? [])];
      for (const source of sources)
        for (const [factor, value] of Object.entries(source.impacts)) {
          const f = factorIndex.get(factor);
          if (f !== undefined) row[f] = (row[f] ?? 0) + value;
        }
    }
    return row;
  });
  return {
    questions: ruleBase.questions,
    weights: ruleBase.questions.map((q) =>
      q.choices.map((choice) => {
        const row = ruleBase.factors.map(() => 0);
        for (const [factor, weight] of Object.entries(choice.weights)) {
          const f = factorIndex.get(factor);
          if (f !== undefined) row[f] = weight;
        }
        return row;
      }),
    ),
    excludes: ruleBase.questions.map((q) =>
      q.choices.map((choice) =>
        choice.excludes.flatMap((e) => strategyIndex.get(e.strategy) ?? []),
      ),
    ),
    impact,
    baseline: ruleBase.factors.map((f) => f.baseline),
    numbers: ruleBase.strategies.map((s) => s.number),
  };
}

/** Answers as ids, dropping those whose question does not apply: the engine's own reading. */
function effective(compiled: Compiled, assignment: readonly number[]): Record<string, string> {
  const answers: Record<string, string> = {};
  compiled.questions.forEach((question, q) => {
    const choice = assignment[q] ?? UNANSWERED;
    if (choice === UNANSWERED || !applies(question, answers)) return;
    const value = question.choices[choice]?.value;
    if (value !== undefined) answers[question.id] = value;
  });
  return answers;
}

interface Outcome {
  objective: number;
  margin: number | null;
}

/**
 * Scores one assignment for a target. The objective is the target's lead in raw points (a tie it
 * wins on strategy number counts as half a point), so "wins" is exactly "objective > 0". While the
 * target is excluded, the objective counts the answers excluding it, so climbing removes them.
 */
function evaluate(compiled: Compiled, assignment: readonly number[], target: number): Outcome {
  const importance = [...compiled.baseline];
  const excluded = compiled.numbers.map(() => false);
  let targetExclusions = 0;
  const answers: Record<string, string> = {};
  compiled.questions.forEach((question, q) => {
    const choice = assignment[q] ?? UNANSWERED;
    if (choice === UNANSWERED || !applies(question, answers)) return;
    answers[question.id] = question.choices[choice]?.value ?? "";
    compiled.weights[q]?.[choice]?.forEach((w, f) => {
      importance[f] = (importance[f] ?? 0) + w;
    });
    for (const s of compiled.excludes[q]?.[choice] ?? []) {
      excluded[s] = true;
      if (s === target) targetExclusions++;
    }
  });
  if (targetExclusions > 0) return { objective: EXCLUDED * targetExclusions, margin: null };
  const raw = compiled.impact.map((row) =>
    row.reduce((sum, value, f) => sum + value * (importance[f] ?? 0), 0),
  );
  const own = raw[target] ?? 0;
  let rival = Number.NEGATIVE_INFINITY;
  let tieWon = true;
  raw.forEach((score, s) => {
    if (s === target || excluded[s]) return;
    if (score > rival) rival = score;
    if (score === own && (compiled.numbers[s] ?? 0) < (compiled.numbers[target] ?? 0))
      tieWon = false;
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
function affinityStart(compiled: Compiled, target: number): number[] {
  const others = compiled.impact.filter((_, s) => s !== target);
  const lead = (compiled.impact[target] ?? []).map(
    (value, f) => value - others.reduce((sum, row) => sum + (row[f] ?? 0), 0) / others.length,
  );
  return compiled.questions.map((_, q) => {
    let best = UNANSWERED;
    let bestScore = 0;
    compiled.weights[q]?.forEach((row, c) => {
      const excludes = compiled.excludes[q]?.[c] ?? [];
      if (excludes.includes(target)) return;
      const score = row.reduce((sum, w, f) => sum + w * (lead[f] ?? 0), 0) + excludes.length;
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
  compiled: Compiled,
  start: number[],
  target: number,
  count: { evaluated: number },
): { assignment: number[]; outcome: Outcome } {
  const assignment = [...start];
  let outcome = evaluate(compiled, assignment, target);
  count.evaluated++;
  for (let improved = true; improved; ) {
    improved = false;
    compiled.questions.forEach((question, q) => {
      for (let c = UNANSWERED; c < question.choices.length; c++) {
        if (c === assignment[q]) continue;
        const previous = assignment[q] ?? UNANSWERED;
        assignment[q] = c;
        const next = evaluate(compiled, assignment, target);
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
 * stopping at the first win. The win is confirmed with the scoring engine itself.
 */
export function findWinningProfile(
  ruleBase: RuleBase,
  strategyId: string,
  options: WinSearchOptions = {},
): WinSearchResult {
  const compiled = compileRules(ruleBase);
  const target = ruleBase.strategies.findIndex((s) => s.id === strategyId);
  if (target < 0) throw new Error(`unknown strategy ${strategyId}`);
  const unanswered = compiled.questions.map(() => UNANSWERED);
  const affinity = affinityStart(compiled, target);
  const starts: number[][] = [unanswered, affinity];
  compiled.excludes.forEach((choices, q) => {
    choices.forEach((excluded, c) => {
      if (excluded.length > 0 && !excluded.includes(target))
        starts.push(affinity.map((value, i) => (i === q ? c : value)));
    });
  });
  const next = random((options.seed ?? 1) + target * 7919);
  for (let i = 0; i < (options.restarts ?? 48); i++)
    starts.push(
      compiled.questions.map(
        (question) => Math.floor(next() * (question.choices.length + 1)) + UNANSWERED,
      ),
    );

  const count = { evaluated: 0 };
  let best: { assignment: number[]; outcome: Outcome } | undefined;
  for (const start of starts) {
    const found = climb(compiled, start, target, count);
    if (!best || found.outcome.objective > best.outcome.objective) best = found;
    if (best.outcome.objective > 0) break;
  }
  const { assignment, outcome } = best as { assignment: number[]; outcome: Outcome };
  const answers = effective(compiled, assignment);
  const recommendation = recommend(ruleBase, { answers });
  const own = recommendation.ranking.find((r) => r.id === strategyId);
  const rival = recommendation.ranking.find((r) => r.id !== strategyId);
  return {
    strategy: strategyId,
    wins: recommendation.recommended === strategyId,
    answers,
    margin:
      outcome.margin === null || !own || !rival
        ? null
        : Math.round((own.score - rival.score) * 10) / 10,
    winner: recommendation.recommended,
    evaluated: count.evaluated,
  };
}
