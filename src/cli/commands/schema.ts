import { writeStdout } from "../../report/write.js";
import {
  profileJsonSchema,
  renderJsonSchema,
  rulesJsonSchema,
  type SchemaKind,
  scenarioJsonSchema,
} from "../../rulebase/json-schema.js";
import type { RuleFileKey } from "../../rulebase/load.js";
import type { Context } from "../context.js";

export interface SchemaOptions {
  kind: SchemaKind;
  /** For `rules`: one rule file instead of any of them. */
  file?: RuleFileKey;
}

/** Prints a JSON Schema; profile and scenario schemas follow the rule base in force. */
export function runSchema(context: Context, options: SchemaOptions): number {
  const schema =
    options.kind === "profile"
      ? profileJsonSchema(context.ruleBase())
      : options.kind === "scenario"
        ? scenarioJsonSchema(context.ruleBase())
        : rulesJsonSchema(options.file);
  writeStdout(renderJsonSchema(schema));
  return 0;
}
