// zod/mini rather than zod: profiles are validated on every run, and the mini build tree-shakes
// to a fraction of the classic one, which keeps start-up close to bare Node.
import * as z from "zod/mini";
import type { RuleBase } from "../rulebase/schema.js";

import { isRealDate, UNSURE } from "./values.js";

export { isRealDate, UNSURE } from "./values.js";

const isoDate = z.string().check(
  // abort: a malformed date gets one message, not a second about the calendar.
  z.regex(/^\d{4}-\d{2}-\d{2}$/, { error: "expected a date as YYYY-MM-DD", abort: true }),
  z.refine(isRealDate, { error: "expected a real calendar date as YYYY-MM-DD" }),
);

const nonEmpty = (values: string[]) => values as [string, ...string[]];

/** Attaches a description, which the JSON Schema (`deploy-advisor schema`) shows editors. */
export function described<T extends z.ZodMiniType>(schema: T, description: string): T {
  (schema as z.ZodMiniType).register(z.globalRegistry, { description });
  return schema;
}

/**
 * The profile schema for a given rule base: answers, strategies and factors come from it.
 * Validation runs on every start, and building zod schemas is most of its cost, so without
 * descriptions (which only the JSON Schema needs) identical value sets share one schema.
 */
export function profileSchema(ruleBase: RuleBase, options: { describe?: boolean } = {}) {
  const describe = options.describe ?? true;
  const withDescription = <T extends z.ZodMiniType>(schema: T, description: string): T =>
    describe ? described(schema, description) : schema;
  const shared = new Map<string, z.ZodMiniType>();
  const answers: Record<string, z.ZodMiniType> = {};
  for (const question of ruleBase.questions) {
    const values = [...question.choices.map((c) => c.value), UNSURE];
    const key = `${question.type}:${JSON.stringify(values)}`;
    let answer = describe ? undefined : shared.get(key);
    if (!answer) {
      const asText = z.enum(nonEmpty(values));
      // The text branch first: editors validating with the JSON Schema then name its allowed values.
      answer = z.optional(
        question.type === "boolean"
          ? z.union([asText, z.pipe(z.boolean(), z.transform(String))])
          : asText,
      );
      shared.set(key, answer);
    }
    answers[question.id] = withDescription(answer, question.prompt);
  }
  const strategyIds = nonEmpty(ruleBase.strategies.map((s) => s.id));
  const weights: Record<string, z.ZodMiniType> = {};
  const importance = z.optional(z.int().check(z.minimum(0), z.maximum(5)));
  for (const factor of ruleBase.factors) {
    weights[factor.id] = describe
      ? described(
          z.optional(z.int().check(z.minimum(0), z.maximum(5))),
          `${factor.name}: importance 0-5`,
        )
      : importance;
  }
  return z.strictObject({
    version: withDescription(z.literal(1), "Profile format version; always 1."),
    project: withDescription(
      z.optional(z.string().check(z.maxLength(200))),
      "A label for the project.",
    ),
    answers: withDescription(
      z._default(z.strictObject(answers), {}),
      'Question id -> answer. Any question may be answered "unsure".',
    ),
    chosen: withDescription(
      z.optional(z.enum(strategyIds)),
      "The deployment strategy the project has chosen.",
    ),
    rationale: withDescription(
      z.optional(z.string().check(z.maxLength(5000))),
      "Why this strategy was chosen.",
    ),
    decided: withDescription(z.optional(isoDate), "When the choice was made (YYYY-MM-DD)."),
    reviewBy: withDescription(
      z.optional(isoDate),
      "`check` fails once this date (YYYY-MM-DD) has passed.",
    ),
    tolerance: withDescription(
      z.optional(z.number().check(z.minimum(0), z.maximum(100))),
      "Points the chosen strategy may trail the best by in `check` (default 10).",
    ),
    weights: withDescription(
      z.optional(z.strictObject(weights)),
      "Factor id -> importance 0..5, replacing what the answers give.",
    ),
    decision: withDescription(
      z.optional(
        z.strictObject({
          date: isoDate,
          rulesVersion: z.string().check(z.minLength(1)),
          recommended: z.nullable(z.enum(strategyIds)),
          scores: z.optional(z.record(z.string(), z.number())),
        }),
      ),
      "Written by the tool when a decision is recorded (recommend --record).",
    ),
  });
}

/** A validated profile; answers are normalised to strings ("true"/"false" for yes/no questions). */
export type Profile = z.output<ReturnType<typeof profileSchema>> & {
  answers: Record<string, string | undefined>;
  weights?: Record<string, number | undefined>;
};
