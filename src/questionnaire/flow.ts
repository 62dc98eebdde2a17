// The questionnaire's logic as pure functions of the rule base and the answers so far, so the
// terminal adapter (prompts.ts) only draws and reads, and every branching rule is unit-testable.
import { expectedOneOf, suggest } from "../diagnostics.js";
import { type Answers, applies } from "../engine/conditions.js";
import { UNSURE } from "../profile/values.js";
import type { Condition, Question, RuleBase } from "../rulebase/schema.js";

/** Answers as the person gave them: question id -> choice value or "unsure". */
export type RawAnswers = Readonly<Record<string, string>>;

/**
 * The questions that apply, in rule-base order. A question applies when its askWhen holds for
 * the answers to the questions before it that themselves apply; "unsure" counts as no answer.
 * This is the same walk the engine makes, so the questionnaire never asks what scoring ignores.
 */
export function applicableQuestions(ruleBase: RuleBase, answers: RawAnswers): Question[] {
  const effective: Record<string, string> = {};
  const out: Question[] = [];
  for (const question of ruleBase.questions) {
    if (!applies(question, effective as Answers)) continue;
    out.push(question);
    const value = answers[question.id];
    if (value !== undefined && value !== UNSURE) effective[question.id] = value;
  }
  return out;
}

/** The next question to ask: the first that applies and has no answer yet; none when done. */
export function nextQuestion(ruleBase: RuleBase, answers: RawAnswers): Question | undefined {
  return applicableQuestions(ruleBase, answers).find((q) => answers[q.id] === undefined);
}

/** Applicable questions still without an answer ("unsure" is an answer). */
export function missingQuestions(ruleBase: RuleBase, answers: RawAnswers): string[] {
  return applicableQuestions(ruleBase, answers)
    .filter((q) => answers[q.id] === undefined)
    .map((q) => q.id);
}

/**
 * The value to preselect: the answer already given, else a hint (such as the near miss of an
 * invalid value in a resumed file), else the question's default, else its first choice.
 */
export function defaultChoice(
  question: Question,
  answers: RawAnswers,
  hints: RawAnswers = {},
): string {
  const given = answers[question.id];
  if (given !== undefined) return given;
  const hint = hints[question.id];
  if (hint !== undefined && (hint === UNSURE || question.choices.some((c) => c.value === hint)))
    return hint;
  const fallback = question.default;
  if (fallback !== undefined && question.choices.some((c) => c.value === fallback)) return fallback;
  return question.choices[0]?.value ?? UNSURE;
}

/** "Question n of about m": where a question falls among those expected to apply. */
export interface Progress {
  position: number;
  total: number;
}

/**
 * Position of a question and the expected number of questions. Questions not yet answered are
 * assumed to take their defaults when deciding what later questions will apply, so the total is
 * an estimate that changes as answers switch askWhen conditions on or off.
 */
export function progress(ruleBase: RuleBase, answers: RawAnswers, questionId: string): Progress {
  const assumed: Record<string, string> = {};
  for (const question of ruleBase.questions) {
    assumed[question.id] = answers[question.id] ?? defaultChoice(question, answers);
  }
  const expected = applicableQuestions(ruleBase, assumed).map((q) => q.id);
  const index = expected.indexOf(questionId);
  // A question can only be missing from the estimate if it does not apply at all; count it anyway.
  if (index === -1) return { position: expected.length + 1, total: expected.length + 1 };
  return { position: index + 1, total: expected.length };
}

/** Answers after re-evaluating branching, and the questions whose answers had to go. */
export interface Reevaluated {
  answers: RawAnswers;
  /** Questions answered before that no longer apply (or are unknown); their answers are dropped. */
  dropped: string[];
}

/** Drops answers to questions that do not apply given the other answers, or that do not exist. */
export function pruneAnswers(ruleBase: RuleBase, answers: RawAnswers): Reevaluated {
  const keep = new Set(applicableQuestions(ruleBase, answers).map((q) => q.id));
  const kept: Record<string, string> = {};
  const dropped: string[] = [];
  for (const question of ruleBase.questions) {
    const value = answers[question.id];
    if (value === undefined) continue;
    if (keep.has(question.id)) kept[question.id] = value;
    else dropped.push(question.id);
  }
  for (const id of Object.keys(answers)) {
    if (!ruleBase.questions.some((q) => q.id === id)) dropped.push(id);
  }
  return { answers: kept, dropped };
}

/**
 * Records one answer (new or changed) and re-evaluates branching: answers to questions that no
 * longer apply are dropped, and questions that now apply come back from nextQuestion.
 */
export function setAnswer(
  ruleBase: RuleBase,
  answers: RawAnswers,
  questionId: string,
  value: string,
): Reevaluated {
  return pruneAnswers(ruleBase, { ...answers, [questionId]: value });
}

/** One line of the review screen. */
export interface ReviewItem {
  question: Question;
  value: string;
  /** The choice's label, or a note for "unsure". */
  label: string;
}

/** Every applicable answer in questionnaire order, for the review screen. */
export function reviewItems(ruleBase: RuleBase, answers: RawAnswers): ReviewItem[] {
  const items: ReviewItem[] = [];
  for (const question of applicableQuestions(ruleBase, answers)) {
    const value = answers[question.id];
    if (value === undefined) continue;
    items.push({ question, value, label: choiceLabel(question, value) });
  }
  return items;
}

/** The label a person saw for a value. */
export function choiceLabel(question: Question, value: string): string {
  if (value === UNSURE) return "Not sure (counts as neutral)";
  return question.choices.find((c) => c.value === value)?.label ?? value;
}

/** Why an answer found in a partial profile cannot be kept. */
export type AnswerProblem =
  | { kind: "not-a-mapping"; message: string }
  | { kind: "unknown-question"; question: string; message: string }
  | { kind: "invalid-value"; question: string; message: string; suggestion?: string }
  | { kind: "not-applicable"; question: string; message: string };

/** What a partial profile's answers are worth for resuming. */
export interface AnswerAssessment {
  /** Valid answers to questions that apply. */
  answers: RawAnswers;
  /** Answers that were dropped, each with the reason. */
  problems: AnswerProblem[];
  /** Applicable questions still to ask, in order. */
  missing: string[];
}

/**
 * Sorts the `answers` of a partial profile (as parsed from YAML or JSON) into those that can be
 * kept and those that cannot, with a reason a person can act on, and lists what is left to ask.
 */
export function assessAnswers(ruleBase: RuleBase, raw: unknown): AnswerAssessment {
  const problems: AnswerProblem[] = [];
  const valid: Record<string, string> = {};
  if (raw !== undefined && raw !== null) {
    if (typeof raw !== "object" || Array.isArray(raw)) {
      problems.push({
        kind: "not-a-mapping",
        message:
          "answers: expected a mapping of question id to answer; all questions will be asked",
      });
    } else {
      const ids = ruleBase.questions.map((q) => q.id);
      for (const [id, value] of Object.entries(raw)) {
        const question = ruleBase.questions.find((q) => q.id === id);
        if (!question) {
          const hint = suggest(id, ids);
          problems.push({
            kind: "unknown-question",
            question: id,
            message: `answers.${id}: unknown question, ignored${hint ? ` (did you mean "${hint}"?)` : ""}`,
          });
          continue;
        }
        const allowed = [...question.choices.map((c) => c.value), UNSURE];
        const text = typeof value === "string" || typeof value === "boolean" ? String(value) : null;
        if (text === null || !allowed.includes(text)) {
          // Quoted (or shown as JSON) so that an empty or odd value still reads as a value.
          const shown =
            text !== null ? JSON.stringify(text) : (JSON.stringify(value) ?? String(value));
          const suggestion = text !== null ? suggest(text, allowed) : undefined;
          problems.push({
            kind: "invalid-value",
            question: id,
            message: `answers.${id}: ${shown} is not an answer to this question; ${expectedOneOf(text ?? undefined, allowed)}; it will be asked again`,
            ...(suggestion ? { suggestion } : {}),
          });
          continue;
        }
        valid[id] = text;
      }
    }
  }
  const { answers, dropped } = pruneAnswers(ruleBase, valid);
  for (const id of dropped) {
    const question = ruleBase.questions.find((q) => q.id === id);
    if (!question?.askWhen) continue;
    problems.push({
      kind: "not-applicable",
      question: id,
      message: `answers.${id}: does not apply (it is asked only when ${describeCondition(question.askWhen)}), so it is dropped`,
    });
  }
  return { answers, problems, missing: missingQuestions(ruleBase, answers) };
}

/** A condition in words: "cloudAcceptance is not none", "customers is clinics or hospitals". */
export function describeCondition(condition: Condition): string {
  if ("all" in condition) return condition.all.map(describeCondition).join(" and ");
  if ("any" in condition) return condition.any.map(describeCondition).join(" or ");
  if ("not" in condition) {
    const inner = condition.not;
    if ("question" in inner) return `${inner.question} is not ${inner.in.join(" or ")}`;
    return `not (${describeCondition(inner)})`;
  }
  return `${condition.question} is ${condition.in.join(" or ")}`;
}
