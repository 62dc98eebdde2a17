import * as z from "zod/mini";
import { profileSchema } from "../profile/schema.js";
import type { RuleFileKey } from "./load.js";
import { scenarioSchema } from "./scenarios.js";
import { type RuleBase, ruleFiles } from "./schema.js";

/** The files `schema` can describe. */
export const schemaKinds = ["profile", "rules", "scenario"] as const;
export type SchemaKind = (typeof schemaKinds)[number];

type JsonSchema = Record<string, unknown>;

/** Input side: what a person may write (defaults optional, booleans where YAML gives booleans). */
function toJsonSchema(schema: z.ZodMiniType, title: string, description: string): JsonSchema {
  const generated = z.toJSONSchema(schema, { target: "draft-2020-12", io: "input" });
  const { $schema, ...rest } = generated as JsonSchema;
  return { $schema, title, description, ...rest };
}

/** JSON Schema (draft 2020-12) of a profile for a rule base: its questions, values, prompts and ids. */
export function profileJsonSchema(ruleBase: RuleBase): JsonSchema {
  return toJsonSchema(
    profileSchema(ruleBase),
    "deploy-advisor profile",
    `A project's answers to the deploy-advisor questionnaire (rule base ${ruleBase.meta.rulesVersion}).`,
  );
}

/** JSON Schema of a scenario file (rules/scenarios/*.yaml) for a rule base. */
export function scenarioJsonSchema(ruleBase: RuleBase): JsonSchema {
  return toJsonSchema(
    scenarioSchema(ruleBase),
    "deploy-advisor rule-base scenario",
    "A profile and the result the rule base must give for it; run with `deploy-advisor rules test`.",
  );
}

/**
 * JSON Schema of rule files. With a file key, that one file; without, any of the five (each has
 * its own required top-level key, so an editor can tell which one applies).
 */
export function rulesJsonSchema(file?: RuleFileKey): JsonSchema {
  if (file)
    return toJsonSchema(
      ruleFiles[file].schema,
      `deploy-advisor rule file ${ruleFiles[file].file}`,
      `The ${ruleFiles[file].file} file of a deploy-advisor rule base.`,
    );
  const schemas = Object.values(ruleFiles).map((f) => f.schema as z.ZodMiniType);
  return toJsonSchema(
    z.union(schemas),
    "deploy-advisor rule file",
    `Any file of a deploy-advisor rule base: ${Object.values(ruleFiles)
      .map((f) => f.file)
      .join(", ")}. References between files are checked by \`deploy-advisor rules lint\`.`,
  );
}

/** One schema as a file: two-space JSON with a trailing newline, the same bytes every time. */
export function renderJsonSchema(schema: JsonSchema): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}
