import type * as YamlSource from "../rulebase/yaml-source.js";
import type * as ProfileSchema from "./schema.js";

/** The full YAML parser and the profile's zod schema, which words validation errors. */
export type FullParser = Pick<typeof YamlSource, "parseSource" | "validate"> &
  Pick<typeof ProfileSchema, "profileSchema">;

let loaded: FullParser | undefined;

/**
 * Loads the full parser on first use. Most runs never need it: ordinary profiles go through
 * quick-source and fast-validate, and loading the yaml library and zod was a tenth of
 * `recommend`'s start-up.
 */
export async function loadFullParser(): Promise<FullParser> {
  if (!loaded) {
    const [{ parseSource, validate }, { profileSchema }] = await Promise.all([
      import("../rulebase/yaml-source.js"),
      import("./schema.js"),
    ]);
    loaded = { parseSource, validate, profileSchema };
  }
  return loaded;
}

/** The full parser, for code that runs after loadFullParser(); anything else is a bug. */
export function fullParser(): FullParser {
  if (!loaded) throw new Error("the full YAML parser was used before loadFullParser() finished");
  return loaded;
}
