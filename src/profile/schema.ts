import { z } from "zod";
import type { RuleBase } from "../rulebase/schema.js";

/** Every question accepts this answer; it counts as no answer. */
export const UNSURE = "unsure";

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: "expected a date as YYYY-MM-DD" })
  .refine(
    (value) =>
      !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) &&
      new Date(`${value}T00:00:00Z`).toISOString().startsWith(value),
    {
      message: "expected a real calendar date as YYYY-MM-DD",
    },
  );

/** The profile schema for a given rule base: answers, strategies and factors come from it. */
export function profileSchema(ruleBase: RuleBase) {
  const answers: Record<string, z.ZodType> = {};
  for (const question of ruleBase.questions) {
    const values = [...question.choices.map((c) => c.value), UNSURE] as unknown as [
      string,
      ...string[],
    ];
    const asText = z.enum(values);
    // The prompt sits on the outermost schema so editors show it on hover for booleans too.
    const answer =
      question.type === "boolean" ? z.union([asText, z.boolean().transform(String)]) : asText;
    answers[question.id] = answer.meta({ description: question.prompt }).optional();
  }
  const strategyIds = ruleBase.strategies.map((s) => s.id) as [string, ...string[]];
  const factorIds = ruleBase.factors.map((f) => f.id);
  const weights: Record<string, z.ZodType> = {};
  for (const factor of factorIds) {
    weights[factor] = z
      .number()
      .int()
      .min(0)
      .max(5)
      .optional()
      .meta({ description: ruleBase.factors.find((f) => f.id === factor)?.name });
  }
  return z.strictObject({
    version: z.literal(1).meta({ description: "Profile format version; always 1." }),
    project: z.string().max(200).optional().meta({ description: "A label for the project." }),
    answers: z
      .strictObject(answers)
      .default({})
      .meta({ description: 'Question id -> answer. Any question may be answered "unsure".' }),
    chosen: z
      .enum(strategyIds)
      .optional()
      .meta({ description: "The deployment strategy the project has chosen." }),
    rationale: z
      .string()
      .max(5000)
      .optional()
      .meta({ description: "Why this strategy was chosen." }),
    decided: isoDate.optional().meta({ description: "When the choice was made (YYYY-MM-DD)." }),
    reviewBy: isoDate
      .optional()
      .meta({ description: "`check` fails once this date (YYYY-MM-DD) has passed." }),
    tolerance: z.number().min(0).max(100).optional().meta({
      description: "Points the chosen strategy may trail the best by in `check` (default 10).",
    }),
    weights: z
      .strictObject(weights)
      .optional()
      .meta({ description: "Factor id -> importance 0..5, replacing what the answers give." }),
    decision: z
      .strictObject({
        date: isoDate,
        rulesVersion: z.string().min(1),
        recommended: z.enum(strategyIds).nullable(),
        scores: z.record(z.string(), z.number()).optional(),
      })
      .optional()
      .meta({ description: "Written by the tool when a decision is recorded." }),
  });
}

export type Profile = z.output<ReturnType<typeof profileSchema>> & {
  answers: Record<string, string | undefined>;
  weights?: Record<string, number | undefined>;
};
