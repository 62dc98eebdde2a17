import { Document, isMap, isPair, isScalar, type Pair, type Scalar } from "yaml";
import type { DecisionRecord } from "../engine/check.js";
import type { RuleBase } from "../rulebase/schema.js";
import { UNSURE } from "./values.js";

/** What a profile file holds (DESIGN.md section 3), with answers as the engine reads them. */
export interface ProfileData {
  project?: string;
  /** question id -> choice value or "unsure"; boolean questions use "true" / "false". */
  answers: Readonly<Record<string, string>>;
  chosen?: string;
  rationale?: string;
  decided?: string;
  reviewBy?: string;
  tolerance?: number;
  weights?: Readonly<Record<string, number | undefined>>;
  decision?: DecisionRecord;
}

/**
 * Writes a version-1 profile as commented YAML: keys in the documented order, answers in
 * questionnaire order each under its question, and yes/no answers as YAML booleans. The text
 * parses back to the same data with the profile schema, so `recommend` and `check` accept it.
 */
export function serializeProfile(
  ruleBase: RuleBase,
  data: ProfileData,
  options: { header?: string[] } = {},
): string {
  const answers: Record<string, string | boolean> = {};
  for (const question of ruleBase.questions) {
    const value = data.answers[question.id];
    if (value === undefined) continue;
    answers[question.id] =
      question.type === "boolean" && (value === "true" || value === "false")
        ? value === "true"
        : value;
  }
  const weights = data.weights
    ? Object.fromEntries(Object.entries(data.weights).filter(([, w]) => w !== undefined))
    : undefined;
  const plain = {
    version: 1,
    ...(data.project !== undefined ? { project: data.project } : {}),
    answers,
    ...(data.chosen !== undefined ? { chosen: data.chosen } : {}),
    ...(data.rationale !== undefined ? { rationale: data.rationale } : {}),
    ...(data.decided !== undefined ? { decided: data.decided } : {}),
    ...(data.reviewBy !== undefined ? { reviewBy: data.reviewBy } : {}),
    ...(data.tolerance !== undefined ? { tolerance: data.tolerance } : {}),
    ...(weights && Object.keys(weights).length > 0 ? { weights } : {}),
    ...(data.decision !== undefined ? { decision: data.decision } : {}),
  };
  const doc = new Document(plain);
  if (options.header?.length) doc.commentBefore = options.header.map((l) => ` ${l}`).join("\n");

  const root = doc.contents;
  if (isMap(root)) {
    for (const pair of root.items) {
      const key = keyOf(pair);
      if (key === "answers" && isMap(pair.value)) {
        for (const answer of pair.value.items) commentAnswer(ruleBase, answer);
      }
      const note = TOP_LEVEL_NOTES[key];
      if (note && isScalar(pair.key)) pair.key.commentBefore = ` ${note}`;
    }
  }
  return doc.toString({ lineWidth: 100 });
}

const TOP_LEVEL_NOTES: Record<string, string> = {
  answers: "Answers to the questionnaire; any may be unsure (counted as neutral).",
  chosen: "The strategy the project chose; `deploy-advisor check` verifies it stays justified.",
  tolerance:
    "How many points below the best `deploy-advisor check` lets the chosen strategy score.",
  decision: "What deploy-advisor recommended when the decision was recorded.",
};

function keyOf(pair: Pair): string {
  return isScalar(pair.key) ? String(pair.key.value) : "";
}

function commentAnswer(ruleBase: RuleBase, answer: unknown): void {
  if (!isPair(answer) || !isScalar(answer.key)) return;
  const question = ruleBase.questions.find((q) => q.id === keyOf(answer));
  if (!question) return;
  answer.key.commentBefore = ` ${question.prompt}`;
  const value = String((answer.value as Scalar | null)?.value);
  if (value === UNSURE && answer.value) (answer.value as Scalar).comment = " counted as neutral";
}
