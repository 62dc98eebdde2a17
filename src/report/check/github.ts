import { type CheckRun, type Finding, passText, shownAnswers, summaryText } from "./model.js";

// GitHub reads a line starting with "::" as a workflow command. Escaping as its toolkit does
// keeps anything taken from a profile or a file name inside one line and one property.

/** Escapes a command's message: '%', CR and LF. */
export function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** Escapes a command property's value: the message escapes, plus ':' and ','. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

function annotation(
  level: "error" | "warning",
  properties: { file: string; line?: number; col?: number; title: string },
  message: string,
): string {
  const props = Object.entries(properties)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${escapeProperty(String(value))}`)
    .join(",");
  return `::${level} ${props}::${escapeData(message)}`;
}

function findingAnnotations(file: string, title: string, finding: Finding): string[] {
  const level = finding.severity;
  return [
    annotation(level, { file, line: finding.at.line, title }, finding.message),
    ...shownAnswers(finding).map((a) =>
      annotation(level, { file, line: a.at.line, title }, a.message),
    ),
  ];
}

/** Workflow annotations at the responsible answer's line, then a plain summary line. */
export function renderCheckGithub(run: CheckRun): string {
  const out: string[] = [];
  for (const result of run.results) {
    if (result.status === "error") {
      const title = "deploy-advisor check: input error";
      const { diagnostics, message, hint } = result.error;
      const suffix = hint ? ` ${hint}` : "";
      if (diagnostics.length === 0)
        out.push(annotation("error", { file: result.file, title }, `${message}${suffix}`));
      for (const d of diagnostics)
        out.push(
          annotation(
            "error",
            { file: d.file, line: d.line, col: d.column, title },
            `${d.message}${suffix}`,
          ),
        );
      continue;
    }
    const title = `deploy-advisor check${result.project ? `: ${result.project}` : ""}`;
    for (const reason of result.reasons)
      out.push(...findingAnnotations(result.file, title, reason));
    for (const warning of result.warnings)
      out.push(...findingAnnotations(result.file, title, warning));
    // Plain log lines are escaped too: a file name must not be able to start a new line.
    if (result.status === "pass") out.push(escapeData(`✓ ${result.file}: ${passText(result)}`));
    else if (result.hint) out.push(escapeData(`✗ ${result.file}: ${result.hint}`));
  }
  out.push(escapeData(`deploy-advisor check: ${summaryText(run)}`));
  return `${out.join("\n")}\n`;
}
