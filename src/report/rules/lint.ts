import type { ChalkInstance } from "chalk";
import type { WinSearchResult } from "../../engine/search.js";
import type { LintFinding, LintReport } from "../../rulebase/lint.js";
import type { RuleBase } from "../../rulebase/schema.js";

export const lintFormats = ["text", "json"] as const;
export type LintFormat = (typeof lintFormats)[number];

/** What `rules lint` reports on: the directory, its rule base and the findings. */
export interface LintOutcome {
  dir: string;
  ruleBase: RuleBase;
  report: LintReport;
}

/** Counts of findings by severity. */
export function lintCounts(findings: readonly LintFinding[]): { errors: number; warnings: number } {
  const errors = findings.filter((f) => f.severity === "error").length;
  return { errors, warnings: findings.length - errors };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function profileLines(result: WinSearchResult): string[] {
  const entries = Object.entries(result.answers);
  if (entries.length === 0) return ["      (no answers at all)"];
  return entries.map(([question, answer]) => `      ${question}: ${answer}`);
}

/** Compiler-style lines (file:line:col: severity: message [code]), then a summary. */
export function renderLintText(
  outcome: LintOutcome,
  style: ChalkInstance,
  options: { verbose: boolean },
): string {
  const { findings, strategies } = outcome.report;
  const lines = findings.map((f) => {
    const severity = f.severity === "error" ? style.red("error") : style.yellow("warning");
    return `${f.file}:${f.line}:${f.column}: ${severity}: ${f.message} ${style.dim(`[${f.code}]`)}`;
  });
  if (options.verbose) {
    if (lines.length) lines.push("");
    lines.push(style.bold("A profile that makes each strategy the recommendation:"));
    for (const result of strategies) {
      if (result.wins) {
        lines.push(
          `  ${style.bold(result.strategy)} ${result.margin === null ? "wins, every rival excluded," : `wins by ${result.margin} points`} with:`,
          ...profileLines(result),
        );
      } else lines.push(`  ${style.bold(result.strategy)}: ${style.red("none found")}`);
    }
  }
  const { errors, warnings } = lintCounts(findings);
  const rb = outcome.ruleBase;
  const size = `${plural(rb.strategies.length, "strategy", "strategies")}, ${plural(rb.questions.length, "question")}, ${plural(rb.factors.length, "factor")}`;
  if (lines.length) lines.push("");
  if (findings.length === 0) {
    lines.push(
      `${style.green("✓")} ${outcome.dir}: no problems found (${size}); every strategy can win${options.verbose ? "" : " (--verbose shows a profile for each)"}`,
    );
  } else {
    const summary = [
      ...(errors ? [style.red(plural(errors, "error"))] : []),
      ...(warnings ? [style.yellow(plural(warnings, "warning"))] : []),
    ].join(", ");
    lines.push(`${outcome.dir}: ${summary} (${size})`);
  }
  return `${lines.join("\n")}\n`;
}

/** The machine-readable lint report: findings, counts and the profile found for each strategy. */
export function lintJson(outcome: LintOutcome) {
  const { errors, warnings } = lintCounts(outcome.report.findings);
  return {
    rules: outcome.dir,
    ok: errors === 0,
    errors,
    warnings,
    findings: outcome.report.findings,
    strategies: outcome.report.strategies.map((r) => ({
      id: r.strategy,
      canWin: r.wins,
      margin: r.margin,
      winner: r.winner,
      answers: r.answers,
      evaluated: r.evaluated,
    })),
  };
}

export const lintRenderers = {
  text: renderLintText,
  json: (outcome) => `${JSON.stringify(lintJson(outcome), null, 2)}\n`,
} as const satisfies Record<
  LintFormat,
  (outcome: LintOutcome, style: ChalkInstance, options: { verbose: boolean }) => string
>;
