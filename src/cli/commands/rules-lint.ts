import { type LintFormat, lintCounts, lintRenderers } from "../../report/rules/lint.js";
import { writeStdout } from "../../report/write.js";
import { lintRuleBase } from "../../rulebase/lint.js";
import { readRuleDirWithSources } from "../../rulebase/read-dir.js";
import type { Context } from "../context.js";

export interface RulesLintOptions {
  /** The rule base directory; default: --rules, else the package's rules/. */
  dir?: string;
  format: LintFormat;
  verbose: boolean;
}

/** Loads a rule base (load errors exit 2), checks it deeper and prints the findings; 1 on any error. */
export function runRulesLint(context: Context, options: RulesLintOptions): number {
  const dir = options.dir ?? context.rulesDir();
  const { ruleBase, sources } = readRuleDirWithSources(dir);
  const report = lintRuleBase(ruleBase, sources);
  writeStdout(
    lintRenderers[options.format]({ dir, ruleBase, report }, context.style, {
      verbose: options.verbose,
    }),
  );
  return lintCounts(report.findings).errors > 0 ? 1 : 0;
}
