import { parseSourceQuickly } from "../rulebase/quick-source.js";
import type { RuleBase } from "../rulebase/schema.js";
import { parseSource, type SourceFile, validate } from "../rulebase/yaml-source.js";
import { fastValidateProfile } from "./fast-validate.js";
import { type Profile, profileSchema } from "./schema.js";

/** A validated profile together with its source, so later reports can cite lines. */
export interface LoadedProfile {
  profile: Profile;
  source: SourceFile;
}

const schemaCache = new WeakMap<RuleBase, ReturnType<typeof profileSchema>>();

/** Parses and validates a profile (YAML or JSON text) against a rule base. Throws InputError. */
export function parseProfile(ruleBase: RuleBase, file: string, text: string): LoadedProfile {
  const quick = parseSourceQuickly(file, text);
  const accepted = quick && fastValidateProfile(ruleBase, quick.data);
  if (quick && accepted) return { profile: accepted, source: quick };
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
