import type { RuleBase } from "../rulebase/schema.js";
import { compareText } from "./compare.js";
import { scoreProfile, unansweredQuestions } from "./compiled.js";
import { recommend, type ScoringInput } from "./score.js";
import type { ExclusionReason, ImportanceSource, Recommendation, StrategyResult } from "./types.js";

/** Points the chosen strategy may trail the best by when neither the flag nor the profile says. */
export const DEFAULT_TOLERANCE = 10;

/** What `check` needs from a profile; `chosen` is required (its absence is an input error). */
export interface CheckProfile extends ScoringInput {
  chosen: string;
  tolerance?: number;
  reviewBy?: string;
  decision?: { date: string; rulesVersion: string; recommended: string | null };
}

export interface CheckOptions {
  /** --tolerance: wins over the profile's own tolerance. */
  tolerance?: number;
  /** The calendar date the check runs on, YYYY-MM-DD; passed in so verdicts are reproducible. */
  today: string;
  /** Makes a drifted decision a failure instead of a warning. */
  failOnDrift?: boolean;
}

/** One thing that makes the chosen strategy cost points against the winner, in 0-100 score points. */
export type Cost =
  | { source: "answer"; question: string; answer: string; points: number }
  | { source: "weight"; factor: string; importance: number; points: number };

/** The recorded decision no longer matches what the rule base says now. */
export interface Drift {
  recorded: { date: string; rulesVersion: string; recommended: string | null };
  current: { rulesVersion: string; recommended: string | null };
  /** Which of the two recorded facts differ now. */
  changed: ("recommended" | "rulesVersion")[];
}

/** Why a profile fails: plain data, so each report format words it and locates it itself. */
export type CheckReason =
  | ({ kind: "excluded" } & ExclusionReason)
  | {
      kind: "behind";
      recommended: string;
      chosenScore: number;
      recommendedScore: number;
      behind: number;
      tolerance: number;
      toleranceSource: ToleranceSource;
      /** The answers and weight overrides that cost the chosen strategy most, largest first. */
      costs: Cost[];
    }
  | { kind: "review-overdue"; reviewBy: string; today: string }
  | ({ kind: "drift" } & Drift);

/** Worth knowing, but not a failure (drift becomes a reason with --fail-on-drift). */
export type CheckWarning =
  | { kind: "unanswered"; questions: string[] }
  | ({ kind: "drift" } & Drift);

export type ToleranceSource = "flag" | "profile" | "default";

/** The verdict on one profile's `chosen`, with every reason it fails. */
export interface CheckVerdict {
  ok: boolean;
  chosen: string;
  recommended: string | null;
  chosenScore: number;
  /** Points behind the best remaining strategy (0 when chosen is the best). */
  behind: number | null;
  tolerance: number;
  toleranceSource: ToleranceSource;
  reasons: CheckReason[];
  warnings: CheckWarning[];
  /** Strategies not excluded, best first, with their 0-100 scores. */
  ranking: { id: string; score: number }[];
}

/** The `decision` block a profile records, so a later `check` can tell when the rule base moved. */
export interface DecisionRecord {
  date: string;
  rulesVersion: string;
  recommended: string | null;
  /** Score of every ranked strategy, best first. */
  scores: Record<string, number>;
}

const round1 = (value: number) => Math.round(value * 10) / 10;

/** Today's calendar date in the local time zone as YYYY-MM-DD, the form profiles use for dates. */
export function calendarDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The decision block to store in a profile for a recommendation made on `date`. */
export function decisionRecord(
  ruleBase: RuleBase,
  recommendation: Recommendation,
  date: string,
): DecisionRecord {
  return {
    date,
    rulesVersion: ruleBase.meta.rulesVersion,
    recommended: recommendation.recommended,
    scores: Object.fromEntries(recommendation.ranking.map((r) => [r.id, r.score])),
  };
}

function sourceKey(source: ImportanceSource, factor: string): string {
  if (source.kind === "answer") return `answer\0${source.question}\0${source.answer}`;
  if (source.kind === "override") return `weight\0${factor}\0${source.weight}`;
  return "baseline";
}

/** Raw points a strategy earns from each answer, weight override and the baseline. */
function pointsBySource(result: StrategyResult): Map<string, number> {
  const out = new Map<string, number>();
  for (const contribution of result.contributions) {
    for (const { source, points } of contribution.sources) {
      const key = sourceKey(source, contribution.factor);
      out.set(key, (out.get(key) ?? 0) + points);
    }
  }
  return out;
}

/**
 * The answers (and weight overrides) that earn the winner more points than the chosen strategy,
 * largest first, on the same 0-100 scale as the scores. With the answers that favour the chosen
 * strategy and the baseline, they add up to the gap; only these explain it.
 */
export function costsAgainst(
  recommendation: Recommendation,
  chosen: string,
  winner: string,
): Cost[] {
  const find = (id: string) => recommendation.strategies.find((s) => s.id === id);
  const chosenResult = find(chosen);
  const winnerResult = find(winner);
  const span = recommendation.scale.max - recommendation.scale.min;
  if (!chosenResult || !winnerResult || span === 0) return [];
  const ours = pointsBySource(chosenResult);
  const theirs = pointsBySource(winnerResult);
  const costs: Cost[] = [];
  for (const key of new Set([...ours.keys(), ...theirs.keys()])) {
    if (key === "baseline") continue;
    const points = round1((100 * ((theirs.get(key) ?? 0) - (ours.get(key) ?? 0))) / span);
    if (points <= 0) continue;
    const [source, id = "", value = ""] = key.split("\0");
    costs.push(
      source === "answer"
        ? { source: "answer", question: id, answer: value, points }
        : { source: "weight", factor: id, importance: Number(value), points },
    );
  }
  const name = (c: Cost) => (c.source === "answer" ? c.question : `weights.${c.factor}`);
  return costs.sort((a, b) => b.points - a.points || compareText(name(a), name(b)));
}

function drift(
  ruleBase: RuleBase,
  profile: CheckProfile,
  recommended: string | null,
): Drift | undefined {
  const recorded = profile.decision;
  if (!recorded) return undefined;
  const current = { rulesVersion: ruleBase.meta.rulesVersion, recommended };
  const changed: Drift["changed"] = [];
  if (recorded.recommended !== current.recommended) changed.push("recommended");
  if (recorded.rulesVersion !== current.rulesVersion) changed.push("rulesVersion");
  if (changed.length === 0) return undefined;
  return {
    recorded: {
      date: recorded.date,
      rulesVersion: recorded.rulesVersion,
      recommended: recorded.recommended,
    },
    current,
    changed,
  };
}

/**
 * Decides whether a profile's `chosen` strategy is still justified: known, not excluded, within
 * tolerance of the best, and not past its review date. Every failing condition is a reason.
 */
export function checkProfile(
  ruleBase: RuleBase,
  profile: CheckProfile,
  options: CheckOptions,
): CheckVerdict {
  const index = ruleBase.strategies.findIndex((s) => s.id === profile.chosen);
  if (index < 0) {
    // The profile schema only admits known ids, so reaching this is a caller's bug.
    throw new Error(`checkProfile: unknown strategy "${profile.chosen}"`);
  }
  const chosen = profile.chosen;
  const id = (s: number) => ruleBase.strategies[s]?.id as string;
  // The fast scorer decides; the full trace is built only to explain a failure.
  const scores = scoreProfile(ruleBase, profile.answers, profile.weights);
  const ranking = scores.order.map((s) => ({ id: id(s), score: scores.score[s] as number }));
  const chosenScore = scores.score[index] as number;
  const [toleranceSource, tolerance]: [ToleranceSource, number] =
    options.tolerance !== undefined
      ? ["flag", options.tolerance]
      : profile.tolerance !== undefined
        ? ["profile", profile.tolerance]
        : ["default", DEFAULT_TOLERANCE];

  const best = ranking[0];
  const behind = best ? round1(best.score - chosenScore) : null;
  const isBehind = best !== undefined && behind !== null && behind > tolerance;
  const trace = scores.excluded[index] || isBehind ? recommend(ruleBase, profile) : undefined;

  const reasons: CheckReason[] = [];
  const result = trace?.strategies[index];
  for (const reason of result?.exclusionReasons ?? [])
    reasons.push({ kind: "excluded", ...reason });
  if (isBehind && trace) {
    reasons.push({
      kind: "behind",
      recommended: best.id,
      chosenScore,
      recommendedScore: best.score,
      behind,
      tolerance,
      toleranceSource,
      costs: costsAgainst(trace, chosen, best.id),
    });
  }
  if (profile.reviewBy !== undefined && profile.reviewBy < options.today) {
    reasons.push({ kind: "review-overdue", reviewBy: profile.reviewBy, today: options.today });
  }

  const warnings: CheckWarning[] = [];
  const unanswered = unansweredQuestions(ruleBase, profile.answers);
  if (unanswered.length > 0) warnings.push({ kind: "unanswered", questions: unanswered });
  const recommended = best?.id ?? null;
  const drifted = drift(ruleBase, profile, recommended);
  if (drifted) (options.failOnDrift ? reasons : warnings).push({ kind: "drift", ...drifted });

  return {
    ok: reasons.length === 0,
    chosen,
    recommended,
    chosenScore,
    behind,
    tolerance,
    toleranceSource,
    reasons,
    warnings,
    ranking,
  };
}
