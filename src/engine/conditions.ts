import type { Condition, Question } from "../rulebase/schema.js";

/** Answers as the engine sees them: question id -> choice value, with "unsure" already removed. */
export type Answers = Readonly<Record<string, string>>;

/** Whether a declarative condition holds; a question without an answer matches no value. */
export function holds(condition: Condition, answers: Answers): boolean {
  if ("all" in condition) return condition.all.every((c) => holds(c, answers));
  if ("any" in condition) return condition.any.some((c) => holds(c, answers));
  if ("not" in condition) return !holds(condition.not, answers);
  const answer = answers[condition.question];
  return answer !== undefined && condition.in.includes(answer);
}

/** Whether a question applies given the answers so far (its askWhen holds, or it has none). */
export function applies(question: Question, answers: Answers): boolean {
  return question.askWhen === undefined || holds(question.askWhen, answers);
}
