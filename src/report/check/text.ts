import type { ChalkInstance } from "chalk";
import { wrap } from "../layout.js";
import {
  type CheckRun,
  type Finding,
  failText,
  type Position,
  passText,
  shownAnswers,
  summaryText,
} from "./model.js";

/** Control characters (a terminal escape, a stray newline) from a file name or profile are shown, not obeyed. */
function printable(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point.
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => JSON.stringify(c).slice(1, -1));
}

/** A finding with its place as file:line, which terminals and editors turn into a link. */
function findingLines(file: string, finding: Finding, mark: string): string[] {
  const where = (at: Position) => `${file}:${at.line}:`;
  const lines = [wrap(`${where(finding.at)} ${printable(finding.message)}`, 4, `  ${mark} `)];
  for (const answer of shownAnswers(finding))
    lines.push(wrap(`${where(answer.at)} ${printable(answer.message)}`, 6, "    ↳ "));
  return lines;
}

/** The terminal report: one quiet line per justified profile, every reason for the others. */
export function renderCheckText(run: CheckRun, style: ChalkInstance): string {
  const out: string[] = [];
  for (const result of run.results) {
    const file = printable(result.file);
    if (result.status === "error") {
      out.push(
        `${style.red("✗")} ${style.bold(file)}: not checked, the profile has an input error (reported on standard error)`,
      );
      continue;
    }
    if (result.status === "pass") {
      out.push(`${style.green("✓")} ${style.bold(file)}: ${passText(result)}`);
    } else {
      out.push(`${style.red("✗")} ${style.bold(file)}: ${style.red(failText(result))}`);
      for (const reason of result.reasons) out.push(...findingLines(file, reason, style.red("✗")));
    }
    for (const warning of result.warnings)
      out.push(...findingLines(file, warning, style.yellow("!")));
    if (result.hint) out.push(style.dim(wrap(printable(result.hint), 4, "  → ")));
  }
  if (run.results.length > 1) out.push("", style.bold(summaryText(run)));
  return `${out.join("\n")}\n`;
}
