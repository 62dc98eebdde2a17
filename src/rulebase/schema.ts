import { z } from "zod";

/** Ids are kebab-case or camelCase words so they read well in YAML, JSON and CLI flags. */
const id = z.string().regex(/^[a-z][a-zA-Z0-9]*(?:[-.][a-z0-9][a-zA-Z0-9]*)*$/, {
  message: "expected an id of lowercase letters, digits, '-' or '.', starting with a letter",
});

/** A declarative condition over answers; never code. */
export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | { question: string; in: string[] };

export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ all: z.array(conditionSchema).min(1) }),
    z.strictObject({ any: z.array(conditionSchema).min(1) }),
    z.strictObject({ not: conditionSchema }),
    z.strictObject({
      question: id,
      in: z.array(z.union([z.string(), z.boolean()]).transform(String)).min(1),
    }),
  ]),
);

const impactMagnitude = z.number().int().min(-5).max(5);
const importanceWeight = z.number().int().min(0).max(5);

export const factorSchema = z.strictObject({
  id,
  name: z.string().min(1),
  description: z.string().min(1),
  /** Importance the factor has before any answer, so the article's general trade-offs still count. */
  baseline: importanceWeight.default(0),
});

export const articleItemSchema = z.strictObject({
  id,
  text: z.string().min(1),
  /** Signed effect of this item on each factor: positive helps the strategy, negative hurts it. */
  impacts: z.record(id, impactMagnitude).default({}),
  /** Items of another strategy that this one takes over, where the article says a hybrid shares them. */
  inherits: z.array(id).optional(),
  /** Ids of footnotes (in the same strategy) that qualify this item. */
  footnotes: z.array(id).optional(),
  /** The rule base's reading of a vague sentence in the article, shown with the item. */
  interpretation: z.string().optional(),
});

export const footnoteSchema = z.strictObject({
  id,
  number: z.number().int().positive(),
  text: z.string().min(1),
});

export const agreementSchema = z.strictObject({
  id,
  parties: z.tuple([z.string().min(1), z.string().min(1)]),
  text: z.string().min(1),
});

export const businessAssociateSchema = z.strictObject({
  /** yes: the vendor is a Business Associate; no: it is not; conditional: not, as long as the conditions hold. */
  status: z.enum(["yes", "no", "conditional"]),
  summary: z.string().min(1),
  agreements: z.array(agreementSchema),
  conditions: z.array(z.string().min(1)),
  /** What would turn a "no" into a "yes". */
  changesIf: z.array(z.string().min(1)),
});

export const strategySchema = z.strictObject({
  id,
  number: z.number().int().positive(),
  name: z.string().min(1),
  summary: z.string().min(1),
  /** The article's own statement of what a hybrid inherits, reworded. */
  inheritance: z.string().optional(),
  advantages: z.array(articleItemSchema).min(1),
  disadvantages: z.array(articleItemSchema).min(1),
  footnotes: z.array(footnoteSchema).default([]),
  businessAssociate: businessAssociateSchema,
  complianceFeatures: z.array(id),
});

export const complianceFeatureSchema = z.strictObject({
  id,
  name: z.string().min(1),
  citation: z.string().min(1),
  text: z.string().min(1),
});

export const exclusionSchema = z.strictObject({
  strategy: id,
  reason: z.string().min(1),
});

export const choiceSchema = z.strictObject({
  value: z.union([z.string().min(1), z.boolean()]).transform(String),
  label: z.string().min(1),
  /** Importance this answer adds to each factor. */
  weights: z.record(id, importanceWeight).default({}),
  excludes: z.array(exclusionSchema).default([]),
});

export const questionSchema = z.strictObject({
  id,
  prompt: z.string().min(1),
  help: z.string().min(1),
  type: z.enum(["choice", "boolean"]),
  choices: z.array(choiceSchema).min(2),
  /** The value offered first in the questionnaire. */
  default: z.union([z.string(), z.boolean()]).transform(String).optional(),
  askWhen: conditionSchema.optional(),
});

export const metaSchema = z.strictObject({
  schemaVersion: z.literal(1),
  rulesVersion: z
    .string()
    .regex(/^\d+\.\d+\.\d+$/, { message: "expected a semantic version such as 1.0.0" }),
  source: z.strictObject({
    title: z.string().min(1),
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    note: z.string().optional(),
  }),
  regulation: z
    .array(z.strictObject({ citation: z.string().min(1), text: z.string().min(1) }))
    .min(1),
  disclaimer: z.string().min(1),
});

export const factorsFileSchema = z.strictObject({ factors: z.array(factorSchema).min(1) });
export const strategiesFileSchema = z.strictObject({ strategies: z.array(strategySchema).min(1) });
export const questionsFileSchema = z.strictObject({ questions: z.array(questionSchema).min(1) });
export const complianceFileSchema = z.strictObject({
  complianceFeatures: z.array(complianceFeatureSchema).min(1),
});

/** The files a rule base directory holds, each with the schema its content must meet. */
export const ruleFiles = {
  meta: { file: "meta.yaml", schema: metaSchema },
  factors: { file: "factors.yaml", schema: factorsFileSchema },
  compliance: { file: "compliance.yaml", schema: complianceFileSchema },
  strategies: { file: "strategies.yaml", schema: strategiesFileSchema },
  questions: { file: "questions.yaml", schema: questionsFileSchema },
} as const;

export type Factor = z.output<typeof factorSchema>;
export type ArticleItem = z.output<typeof articleItemSchema>;
export type Footnote = z.output<typeof footnoteSchema>;
export type Agreement = z.output<typeof agreementSchema>;
export type BusinessAssociate = z.output<typeof businessAssociateSchema>;
export type Strategy = z.output<typeof strategySchema>;
export type ComplianceFeature = z.output<typeof complianceFeatureSchema>;
export type Choice = z.output<typeof choiceSchema>;
export type Question = z.output<typeof questionSchema>;
export type Meta = z.output<typeof metaSchema>;

/** A loaded, cross-checked rule base. Plain data: it can be serialised to JSON and back. */
export interface RuleBase {
  meta: Meta;
  factors: Factor[];
  complianceFeatures: ComplianceFeature[];
  strategies: Strategy[];
  questions: Question[];
}
