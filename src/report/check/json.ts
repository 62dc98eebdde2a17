import type { CheckRun, FileResult, Finding } from "./model.js";

function findingJson(finding: Finding) {
  return {
    ...finding.data,
    message: finding.message,
    line: finding.at.line,
    column: finding.at.column,
    answers: finding.answers.map((a) => ({
      path: a.path,
      message: a.message,
      points: a.points,
      line: a.at.line,
      column: a.at.column,
    })),
  };
}

function resultJson(result: FileResult) {
  if (result.status === "error") {
    return {
      file: result.file,
      ok: false,
      chosen: null,
      recommended: null,
      reasons: [],
      warnings: [],
      error: {
        message: result.error.message,
        diagnostics: result.error.diagnostics,
        hint: result.error.hint ?? null,
      },
    };
  }
  return {
    file: result.file,
    ok: result.status === "pass",
    project: result.project ?? null,
    chosen: result.chosen,
    recommended: result.recommended,
    score: result.score,
    behind: result.behind,
    tolerance: result.tolerance,
    toleranceSource: result.toleranceSource,
    reasons: result.reasons.map(findingJson),
    warnings: result.warnings.map(findingJson),
    hint: result.hint ?? null,
  };
}

/** The machine-readable report: `ok`, then one entry per profile with every reason as data. */
export function renderCheckJson(run: CheckRun): string {
  const report = {
    ok: run.ok,
    summary: run.summary,
    rulesVersion: run.rulesVersion,
    results: run.results.map(resultJson),
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}
