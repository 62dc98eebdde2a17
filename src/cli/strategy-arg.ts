import { expectedOneOf } from "../diagnostics.js";
import type { RuleBase, Strategy } from "../rulebase/schema.js";
import { UsageError } from "./errors.js";

/** Finds a strategy named on the command line by id or by its number; a usage error otherwise. */
export function resolveStrategy(ruleBase: RuleBase, argument: string): Strategy {
  const strategy = ruleBase.strategies.find(
    (s) => s.id === argument || String(s.number) === argument,
  );
  if (strategy) return strategy;
  const ids = ruleBase.strategies.map((s) => s.id);
  throw new UsageError(
    `unknown strategy "${argument}"; ${expectedOneOf(argument, ids)}`,
    "List them with: deploy-advisor strategies",
  );
}
