import {
  type CheckRun,
  type FileResult,
  failText,
  passText,
  shownAnswers,
  summaryText,
} from "./model.js";

/**
 * Escapes text for XML element content, or for an attribute value when `attribute` is set.
 * Characters XML 1.0 cannot hold at all (most control characters, lone surrogates) become
 * U+FFFD, so the document always parses whatever a profile or file name contains.
 */
export function escapeXml(text: string, attribute = false): string {
  const escaped = text
    // biome-ignore lint/suspicious/noControlCharactersInRegex: these are what XML forbids.
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "\ufffd")
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;")
    // Parsers turn a raw CR into LF, so keep it as a reference.
    .replace(/\r/g, "&#13;");
  // In attributes, raw line breaks and tabs would be read back as spaces.
  return attribute ? escaped.replace(/\n/g, "&#10;").replace(/\t/g, "&#9;") : escaped;
}

const attrs = (values: Record<string, string | number>) =>
  Object.entries(values)
    .map(([key, value]) => ` ${key}="${escapeXml(String(value), true)}"`)
    .join("");

function testcase(result: FileResult): string[] {
  const name =
    result.status !== "error" && result.project
      ? `${result.project} (${result.file})`
      : result.file;
  const open = `    <testcase${attrs({ name, classname: "deploy-advisor.check", file: result.file })}>`;
  if (result.status === "error") {
    const { message, diagnostics, hint } = result.error;
    const details = [
      ...diagnostics.map((d) => `${d.file}:${d.line}:${d.column}: ${d.message}`),
      ...(hint ? [hint] : []),
    ];
    return [
      open,
      `      <error${attrs({ message, type: "input error" })}>${escapeXml(details.join("\n"))}</error>`,
      "    </testcase>",
    ];
  }
  const lines = [open];
  const where = (line: number) => `${result.file}:${line}`;
  if (result.status === "fail") {
    const details = result.reasons.flatMap((r) => [
      `${where(r.at.line)}: ${r.message}`,
      ...shownAnswers(r).map((a) => `  ${where(a.at.line)}: ${a.message}`),
    ]);
    if (result.hint) details.push(result.hint);
    lines.push(
      `      <failure${attrs({ message: failText(result), type: "check failed" })}>${escapeXml(details.join("\n"))}</failure>`,
    );
  }
  const out = [
    ...(result.status === "pass" ? [passText(result)] : []),
    ...result.warnings.map((w) => `warning: ${where(w.at.line)}: ${w.message}`),
  ];
  lines.push(`      <system-out>${escapeXml(out.join("\n"))}</system-out>`, "    </testcase>");
  return lines;
}

/** One JUnit testsuite with one testcase per profile, for CI test reporters (GitLab, Jenkins...). */
export function renderCheckJunit(run: CheckRun): string {
  const counts = {
    tests: run.results.length,
    failures: run.summary.failed,
    errors: run.summary.errors,
  };
  return `${[
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${attrs({ name: "deploy-advisor", ...counts })}>`,
    `  <testsuite${attrs({ name: "deploy-advisor check", ...counts, skipped: 0 })}>`,
    `    <properties><property${attrs({ name: "rulesVersion", value: run.rulesVersion })}/></properties>`,
    ...run.results.flatMap(testcase),
    `    <system-out>${escapeXml(summaryText(run))}</system-out>`,
    "  </testsuite>",
    "</testsuites>",
  ].join("\n")}\n`;
}
