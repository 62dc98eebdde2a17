import type { RuleBase } from "../rulebase/schema.js";

/** Filled in by the build: the default rules/ already validated, so start-up skips YAML and zod. */
declare const __BUILTIN_RULES_JSON__: string | undefined;

/** The built-in rule base embedded by the build; undefined when running from source. */
export const embeddedRules: RuleBase | undefined =
  typeof __BUILTIN_RULES_JSON__ !== "undefined"
    ? (JSON.parse(__BUILTIN_RULES_JSON__) as RuleBase)
    : undefined;
