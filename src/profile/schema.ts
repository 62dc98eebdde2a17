// zod/mini rather than zod: profiles are validated on every run, and the mini build tree-shakes
// to a fraction of the classic one, which keeps start-up close to bare Node.
import * as z from "zod/mini";
import type { RuleBase } from "../rulebase/schema.js";

/** Every question accepts this answer; it counts as no answer. */
export const UNSURE = "unsure";

const isRealDate = (value: string) => {
  const time = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().startsWith(value);
};

const isoDate = z.string().check(
  // abort: a malformed date gets one message, not a second about the calendar.
  z.regex(/^\d{4}-\d{2}-\d{2}$/, { error: "expected a date as YYYY-MM-DD", abort: true }),
  z.refine(isRealDate, { error: "expected a real calendar date as YYYY-MM-DD" }),
);

const nonEmpty = (values: string[]) => values as [string, ...string[]];

/** The profile schema for a given rule base: answers, strategies and factors come from it. */
export function profileSchema(ruleBase: RuleBase) {
  const answers: Record<string, z.ZodMiniType> = {};
  for (const question of ruleBase.questions) {
    const asText = z.enum(nonEmpty([...question.choices.map((c) => c.value), UNSURE]));
    const answer =
      question.type === "boolean"
        ? z.union([z.pipe(z.boolean(), z.transform(String)), asText])
        : asText;
    answers[question.id] = z
      .optional(answer)
      .register(z.globalRegistry, { description: question.prompt });
  }
  const strategyIds = nonEmpty(ruleBase.strategies.map((s) => s.id));
  const weights: Record<string, z.ZodMiniType> = {};
  for (const factor of ruleBase.factors) {
    weights[factor.id] = z
      .optional(z.int().check(z.minimum(0), z.maximum(5)))
      .register(z.globalRegistry, { description: `${factor.name}: importance 0-5` });
  }
  return z.strictObject({
    version: z
      .literal(1)
      .register(z.globalRegistry, { description: "Profile format version; always 1." }),
    project: z.optional(z.string().check(z.maxLength(200))),
    answers: z._default(z.strictObject(answers), {}),
    chosen: z.optional(z.enum(strategyIds)).register(z.globalRegistry, {
      description: "The deployment strategy the project has chosen.",
    }),
    rationale: z.optional(z.string().check(z.maxLength(5000))),
    decided: z.optional(isoDate),
    reviewBy: z.optional(isoDate),
    tolerance: z.optional(z.number().check(z.minimum(0), z.maximum(100))),
    weights: z.optional(z.strictObject(weights)),
    decision: z.optional(
      z.strictObject({
        date: isoDate,
        rulesVersion: z.string().check(z.minLength(1)),
        recommended: z.nullable(z.enum(strategyIds)),
        scores: z.optional(z.record(z.string(), z.number())),
      }),
    ),
  });
}

/** A validated profile; answers are normalised to strings ("true"/"false" for yes/no questions). */
export type Profile = z.output<ReturnType<typeof profileSchema>> & {
  answers: Record<string, string | undefined>;
  weights?: Record<string, number | undefined>;
};
