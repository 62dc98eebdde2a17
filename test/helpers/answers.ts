import fc from "fast-check";
import type { RuleBase } from "../../src/rulebase/schema.js";

/** Every question's default answer: what pressing Enter through the questionnaire gives. */
export function defaultAnswers(ruleBase: RuleBase): Record<string, string> {
  return Object.fromEntries(
    ruleBase.questions.map((q) => [q.id, q.default ?? q.choices[0]?.value ?? "unsure"]),
  );
}

/** Any set of answers a profile could hold: each question missing, unsure or one of its choices. */
export function anyAnswers(ruleBase: RuleBase): fc.Arbitrary<Record<string, string>> {
  return fc
    .record(
      Object.fromEntries(
        ruleBase.questions.map((q) => [
          q.id,
          fc.constantFrom(undefined, "unsure", ...q.choices.map((c) => c.value)),
        ]),
      ),
    )
    .map(
      (drawn) =>
        Object.fromEntries(Object.entries(drawn).filter(([, v]) => v !== undefined)) as Record<
          string,
          string
        >,
    );
}
