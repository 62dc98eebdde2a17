import type { RuleBase } from "../rulebase/schema.js";
import type { Profile } from "./schema.js";
import { isRealDate, UNSURE } from "./values.js";

/**
 * The profile schema's rules as plain checks, for the common case of a valid profile. Building
 * and running the zod schema costs more than everything else `recommend` does after parsing, and
 * it runs on every CI job. Anything this does not accept goes to the zod schema, which decides
 * and words the errors; a property test holds the two to the same verdict and the same output.
 */
export function fastValidateProfile(ruleBase: RuleBase, data: unknown): Profile | undefined {
  if (!isPlainObject(data) || data.version !== 1) return undefined;
  for (const key of Object.keys(data)) if (!TOP_LEVEL_KEYS.has(key)) return undefined;
  const profile: Record<string, unknown> = { version: 1 };
  if (data.project !== undefined) {
    if (!isString(data.project, 200)) return undefined;
    profile.project = data.project;
  }
  const answers = validAnswers(ruleBase, data.answers);
  if (!answers) return undefined;
  profile.answers = answers;
  if (data.chosen !== undefined) {
    if (!isStrategyId(ruleBase, data.chosen)) return undefined;
    profile.chosen = data.chosen;
  }
  if (data.rationale !== undefined) {
    if (!isString(data.rationale, 5000)) return undefined;
    profile.rationale = data.rationale;
  }
  for (const key of ["decided", "reviewBy"] as const) {
    if (data[key] === undefined) continue;
    if (!isDate(data[key])) return undefined;
    profile[key] = data[key];
  }
  if (data.tolerance !== undefined) {
    const tolerance = data.tolerance;
    if (!isFiniteNumber(tolerance) || tolerance < 0 || tolerance > 100) return undefined;
    profile.tolerance = tolerance;
  }
  if (data.weights !== undefined) {
    const weights = validWeights(ruleBase, data.weights);
    if (!weights) return undefined;
    profile.weights = weights;
  }
  if (data.decision !== undefined) {
    const decision = validDecision(ruleBase, data.decision);
    if (!decision) return undefined;
    profile.decision = decision;
  }
  return profile as Profile;
}

const TOP_LEVEL_KEYS = new Set([
  "version",
  "project",
  "answers",
  "chosen",
  "rationale",
  "decided",
  "reviewBy",
  "tolerance",
  "weights",
  "decision",
]);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function isString(value: unknown, maxLength: number): value is string {
  return typeof value === "string" && value.length <= maxLength;
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

function isDate(value: unknown): boolean {
  return typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) && isRealDate(value);
}

function isStrategyId(ruleBase: RuleBase, value: unknown): boolean {
  return typeof value === "string" && ruleBase.strategies.some((s) => s.id === value);
}

/** Each question's accepted answers, worked out once per rule base (check validates thousands). */
const answerSets = new WeakMap<RuleBase, Map<string, Set<string>>>();

function acceptedAnswers(ruleBase: RuleBase): Map<string, Set<string>> {
  let sets = answerSets.get(ruleBase);
  if (!sets) {
    sets = new Map(
      ruleBase.questions.map((q) => [q.id, new Set([UNSURE, ...q.choices.map((c) => c.value)])]),
    );
    answerSets.set(ruleBase, sets);
  }
  return sets;
}

function validAnswers(ruleBase: RuleBase, value: unknown): Record<string, string> | undefined {
  if (value === undefined) return {};
  if (!isPlainObject(value)) return undefined;
  const accepted = acceptedAnswers(ruleBase);
  for (const key of Object.keys(value)) if (!accepted.has(key)) return undefined;
  const answers: Record<string, string> = {};
  // In the rule base's order, as the schema's output has it.
  for (const question of ruleBase.questions) {
    const raw = value[question.id];
    if (raw === undefined) continue;
    const answer = question.type === "boolean" && typeof raw === "boolean" ? String(raw) : raw;
    if (typeof answer !== "string" || !accepted.get(question.id)?.has(answer)) return undefined;
    answers[question.id] = answer;
  }
  return answers;
}

function validWeights(ruleBase: RuleBase, value: unknown): Record<string, number> | undefined {
  if (!isPlainObject(value)) return undefined;
  const known = new Set(ruleBase.factors.map((f) => f.id));
  for (const key of Object.keys(value)) if (!known.has(key)) return undefined;
  const weights: Record<string, number> = {};
  for (const factor of ruleBase.factors) {
    const weight = value[factor.id];
    if (weight === undefined) continue;
    if (!Number.isSafeInteger(weight) || (weight as number) < 0 || (weight as number) > 5)
      return undefined;
    weights[factor.id] = weight as number;
  }
  return weights;
}

function validDecision(ruleBase: RuleBase, value: unknown): Record<string, unknown> | undefined {
  if (!isPlainObject(value)) return undefined;
  for (const key of Object.keys(value))
    if (!["date", "rulesVersion", "recommended", "scores"].includes(key)) return undefined;
  const { date, rulesVersion, recommended, scores } = value;
  if (!isDate(date) || typeof rulesVersion !== "string" || rulesVersion.length === 0)
    return undefined;
  if (recommended !== null && !isStrategyId(ruleBase, recommended)) return undefined;
  const decision: Record<string, unknown> = { date, rulesVersion, recommended };
  if (scores !== undefined) {
    if (!isPlainObject(scores)) return undefined;
    for (const score of Object.values(scores)) if (!isFiniteNumber(score)) return undefined;
    decision.scores = { ...scores };
  }
  return decision;
}
