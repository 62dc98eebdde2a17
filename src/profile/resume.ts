import { type Diagnostic, InputError } from "../diagnostics.js";
import { type AnswerAssessment, assessAnswers } from "../questionnaire/flow.js";
import type { RuleBase } from "../rulebase/schema.js";
import { parseSource, type SourceFile, validate } from "../rulebase/yaml-source.js";
import { profileSchema } from "./schema.js";
import type { ProfileData } from "./serialize.js";

/** A partial profile read leniently: what can be kept, and a located warning for all that cannot. */
export interface PartialProfile {
  /** Valid fields other than answers (project, weights, chosen, ...), kept for the saved profile. */
  rest: Omit<ProfileData, "answers">;
  assessment: AnswerAssessment;
  warnings: Diagnostic[];
}

/**
 * Reads a profile that may be incomplete or partly wrong, as `ask --from` needs: a value that
 * fails validation is dropped with a warning (file:line:col, what was expected) instead of
 * stopping, so the questionnaire can ask for it again. Only text that is not YAML at all, or not
 * a mapping, is an error.
 */
export function readPartialProfile(ruleBase: RuleBase, file: string, text: string): PartialProfile {
  const source = parseSource(file, text);
  const data = source.data;
  if (data === null || typeof data !== "object" || Array.isArray(data)) {
    throw new InputError(`${file}: expected a profile (a mapping with version and answers)`, [
      {
        file,
        line: 1,
        column: 1,
        severity: "error",
        message: "expected a mapping with version: 1 and answers",
      },
    ]);
  }
  const record = data as Record<string, unknown>;
  const warnings: Diagnostic[] = [];

  const assessment = assessAnswers(ruleBase, record.answers);
  for (const problem of assessment.problems) {
    const path = problem.kind === "not-a-mapping" ? ["answers"] : ["answers", problem.question];
    const onKey = problem.kind === "unknown-question" || problem.kind === "not-applicable";
    warnings.push({
      file,
      ...source.locate(path, { key: onKey }),
      severity: "warning",
      message: problem.message,
    });
  }

  // Everything but the answers: validate the remaining fields together and drop each that fails.
  // A partial profile need not say `version: 1` yet; the saved one always will.
  const rest: Record<string, unknown> = { ...record, version: 1, answers: {} };
  const schema = profileSchema(ruleBase);
  for (let attempt = 0; attempt < 20; attempt++) {
    const result = schema.safeParse(rest);
    if (result.success) break;
    const failing = new Set<string>();
    for (const issue of result.error.issues) {
      if (issue.code === "unrecognized_keys" && issue.path.length === 0)
        for (const key of issue.keys) failing.add(key);
      else if (issue.path[0] !== undefined) failing.add(String(issue.path[0]));
    }
    warnings.push(...describeFailures(source, rest, schema));
    if (failing.size === 0) break;
    for (const key of failing) delete rest[key];
  }
  if (record.version !== undefined && record.version !== 1) {
    warnings.push({
      file,
      ...source.locate(["version"]),
      severity: "warning",
      message: "version: expected 1; the saved profile will say version: 1",
    });
  }
  warnings.sort((a, b) => a.line - b.line || a.column - b.column);
  const { version: _version, answers: _answers, ...kept } = rest;
  return { rest: kept as Omit<ProfileData, "answers">, assessment, warnings };
}

/** The same located messages `recommend` gives, downgraded to warnings and marked as dropped. */
function describeFailures(
  source: SourceFile,
  data: Record<string, unknown>,
  schema: ReturnType<typeof profileSchema>,
): Diagnostic[] {
  try {
    validate({ ...source, data, locate: source.locate }, schema);
    return [];
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return error.diagnostics.map((d) => ({
      ...d,
      severity: "warning",
      message: `${d.message}; dropped`,
    }));
  }
}
