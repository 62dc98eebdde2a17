// zod/mini, like the profile schema, so the two share one small validation core in the bundle.
import * as z from "zod/mini";

/** Ids are kebab-case or camelCase words so they read well in YAML, JSON and CLI flags. */
const id = z.string().check(
  z.regex(/^[a-z][a-zA-Z0-9]*(?:[-.][a-z0-9][a-zA-Z0-9]*)*$/, {
    error: "expected an id of lowercase letters, digits, '-' or '.', starting with a letter",
  }),
  // Ids become keys of plain objects (answers, weights): "constructor" or "toString" would be
  // found on every object through its prototype, as if answered or weighted.
  z.refine((value) => !(value in Object.prototype), {
    error: "this id is reserved (a built-in property name of JavaScript objects); choose another",
  }),
);
const text = z.string().check(z.minLength(1));
const nonEmptyArray = <T extends z.ZodMiniType>(item: T) => z.array(item).check(z.minLength(1));
/** YAML writes yes/no values as booleans; choices and conditions compare them as text. */
const valueText = z.pipe(z.union([text, z.boolean()]), z.transform(String));

/** A declarative condition over answers; never code. */
export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | { question: string; in: string[] };

export const conditionSchema: z.ZodMiniType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ all: nonEmptyArray(conditionSchema) }),
    z.strictObject({ any: nonEmptyArray(conditionSchema) }),
    z.strictObject({ not: conditionSchema }),
    z.strictObject({ question: id, in: nonEmptyArray(valueText) }),
  ]),
) as z.ZodMiniType<Condition>;

const impactMagnitude = z.int().check(z.minimum(-5), z.maximum(5));
const importanceWeight = z.int().check(z.minimum(0), z.maximum(5));

export const factorSchema = z.strictObject({
  id,
  name: text,
  description: text,
  /** Importance the factor has before any answer, so the article's general trade-offs still count. */
  baseline: z._default(importanceWeight, 0),
});

export const articleItemSchema = z.strictObject({
  id,
  text,
  /** Signed effect of this item on each factor: positive helps the strategy, negative hurts it. */
  impacts: z._default(z.record(id, impactMagnitude), {}),
  /** Items of another strategy that this one takes over, where the article says a hybrid shares them. */
  inherits: z.optional(z.array(id)),
  /** Ids of footnotes (in the same strategy) that qualify this item. */
  footnotes: z.optional(z.array(id)),
  /** The rule base's reading of a vague sentence in the article, shown with the item. */
  interpretation: z.optional(z.string()),
});

export const footnoteSchema = z.strictObject({
  id,
  number: z.int().check(z.minimum(1)),
  text,
});

export const agreementSchema = z.strictObject({
  id,
  parties: z.tuple([text, text]),
  text,
});

export const businessAssociateSchema = z.strictObject({
  /** yes: the vendor is a Business Associate; no: it is not; conditional: not, as long as the conditions hold. */
  status: z.enum(["yes", "no", "conditional"]),
  summary: text,
  agreements: z.array(agreementSchema),
  conditions: z.array(text),
  /** What would turn a "no" into a "yes". */
  changesIf: z.array(text),
});

export const strategySchema = z.strictObject({
  id,
  number: z.int().check(z.minimum(1)),
  name: text,
  summary: text,
  /** The article's own statement of what a hybrid inherits, reworded. */
  inheritance: z.optional(z.string()),
  advantages: nonEmptyArray(articleItemSchema),
  disadvantages: nonEmptyArray(articleItemSchema),
  footnotes: z._default(z.array(footnoteSchema), []),
  businessAssociate: businessAssociateSchema,
  complianceFeatures: z.array(id),
});

export const complianceFeatureSchema = z.strictObject({
  id,
  name: text,
  citation: text,
  text,
});

export const exclusionSchema = z.strictObject({
  strategy: id,
  reason: text,
});

export const choiceSchema = z.strictObject({
  value: valueText,
  label: text,
  /** Importance this answer adds to each factor. */
  weights: z._default(z.record(id, importanceWeight), {}),
  excludes: z._default(z.array(exclusionSchema), []),
});

export const questionSchema = z.strictObject({
  id,
  prompt: text,
  help: text,
  type: z.enum(["choice", "boolean"]),
  choices: z.array(choiceSchema).check(z.minLength(2)),
  /** The value offered first in the questionnaire. */
  default: z.optional(valueText),
  askWhen: z.optional(conditionSchema),
});

export const metaSchema = z.strictObject({
  schemaVersion: z.literal(1),
  rulesVersion: z
    .string()
    .check(z.regex(/^\d+\.\d+\.\d+$/, { error: "expected a semantic version such as 1.0.0" })),
  source: z.strictObject({
    title: text,
    date: z
      .string()
      .check(z.regex(/^\d{4}-\d{2}-\d{2}$/, { error: "expected a date as YYYY-MM-DD" })),
    note: z.optional(z.string()),
  }),
  regulation: nonEmptyArray(z.strictObject({ citation: text, text })),
  disclaimer: text,
});

export const factorsFileSchema = z.strictObject({ factors: nonEmptyArray(factorSchema) });
export const strategiesFileSchema = z.strictObject({ strategies: nonEmptyArray(strategySchema) });
export const questionsFileSchema = z.strictObject({ questions: nonEmptyArray(questionSchema) });
export const complianceFileSchema = z.strictObject({
  complianceFeatures: nonEmptyArray(complianceFeatureSchema),
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
