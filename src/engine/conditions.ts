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

/** A condition in words, for messages and comments: "cloudAcceptance is not none". */
export function describeCondition(condition: Condition): string {
  const group = (c: Condition) => {
    const text = describeCondition(c);
    return "all" in c || "any" in c ? `(${text})` : text;
  };
  if ("all" in condition) return condition.all.map(group).join(" and ");
  if ("any" in condition) return condition.any.map(group).join(" or ");
  if ("not" in condition) {
    const inner = condition.not;
    if ("question" in inner) return leaf(inner, true);
    return `not ${group(inner)}`;
  }
  return leaf(condition, false);
}

function leaf(condition: { question: string; in: string[] }, negated: boolean): string {
  if (condition.in.length === 1)
    return `${condition.question} is ${negated ? "not " : ""}${condition.in[0]}`;
  return `${condition.question} is ${negated ? "none of" : "one of"} ${condition.in.join(", ")}`;
}
