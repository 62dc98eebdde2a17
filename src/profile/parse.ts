import { parseSourceQuickly } from "../rulebase/quick-source.js";
import type { RuleBase } from "../rulebase/schema.js";
import type { SourceFile } from "../rulebase/yaml-source.js";
import { fastValidateProfile } from "./fast-validate.js";
import { fullParser, loadFullParser } from "./full-parser.js";
import type { Profile } from "./schema.js";

/** A validated profile together with its source, so later reports can cite lines. */
export interface LoadedProfile {
  profile: Profile;
  source: SourceFile;
}

const schemaCache = new WeakMap<
  RuleBase,
  ReturnType<ReturnType<typeof fullParser>["profileSchema"]>
>();

/** An ordinary profile read and validated without the full parser, or undefined. */
function parseQuickly(ruleBase: RuleBase, file: string, text: string): LoadedProfile | undefined {
  // Its lines and columns come from the full parser, which is loaded by then (see parseProfile).
  const source = parseSourceQuickly(file, text, () => fullParser().parseSource(file, text));
  const profile = source && fastValidateProfile(ruleBase, source.data);
  return source && profile ? { profile, source } : undefined;
}

/**
 * Parses and validates a profile (YAML or JSON text) against a rule base. Throws InputError.
 * Loads the full parser only for a profile the quick path declines; a caller that will ask the
 * result for lines and columns (`check`'s reports) awaits loadFullParser() itself.
 */
export async function parseProfile(
  ruleBase: RuleBase,
  file: string,
  text: string,
): Promise<LoadedProfile> {
  const quick = parseQuickly(ruleBase, file, text);
  if (quick) return quick;
  await loadFullParser();
  return parseProfileLoaded(ruleBase, file, text);
}

/** parseProfile for a caller that has awaited loadFullParser(): synchronous, for many files. */
export function parseProfileLoaded(ruleBase: RuleBase, file: string, text: string): LoadedProfile {
  const quick = parseQuickly(ruleBase, file, text);
  if (quick) return quick;
  const { parseSource, validate, profileSchema } = fullParser();
  const source = parseSource(file, text);
  const fast = fastValidateProfile(ruleBase, source.data);
  if (fast) return { profile: fast, source };
  let schema = schemaCache.get(ruleBase);
  if (!schema) {
    schema = profileSchema(ruleBase, { describe: false });
    schemaCache.set(ruleBase, schema);
  }
  const profile = validate(source, schema) as Profile;
  return { profile, source };
}
