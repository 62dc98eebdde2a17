import type { Diagnostic } from "../../diagnostics.js";
import type {
  CheckReason,
  CheckVerdict,
  CheckWarning,
  Cost,
  ToleranceSource,
} from "../../engine/check.js";
import type { SourceFile } from "../../rulebase/yaml-source.js";

/** A place in a profile: 1-based line and column. */
export interface Position {
  line: number;
  column: number;
}

/** One answer (or weight override) a reader should revisit, worded and located. */
export interface ResponsibleAnswer {
  /** Data path in the profile, e.g. "answers.customers" or "weights.hosting-cost". */
  path: string;
  message: string;
  /** Score points this answer costs the chosen strategy against the winner. */
  points: number;
  at: Position;
}

/** A reason or a warning as every format shows it: the engine's data, a sentence, a place. */
export interface Finding {
  severity: "error" | "warning";
  data: CheckReason | CheckWarning;
  message: string;
  at: Position;
  /** Further answers behind this finding, each at its own line (for "behind": every answer that costs points, largest first). */
  answers: ResponsibleAnswer[];
}

/** A profile that was read and judged. */
export interface CheckedFile {
  file: string;
  status: "pass" | "fail";
  project?: string;
  chosen: string;
  recommended: string | null;
  score: number;
  behind: number | null;
  tolerance: number;
  toleranceSource: ToleranceSource;
  reasons: Finding[];
  warnings: Finding[];
  /** What to do about a failure, in one sentence. */
  hint?: string;
}

/** A profile that could not be judged: unreadable, invalid, or without `chosen`. */
export interface UncheckedFile {
  file: string;
  status: "error";
  error: { message: string; diagnostics: Diagnostic[]; hint?: string };
}

export type FileResult = CheckedFile | UncheckedFile;

/** Everything a check report format receives. */
export interface CheckRun {
  ok: boolean;
  rulesVersion: string;
  results: FileResult[];
  summary: { passed: number; failed: number; errors: number };
}

/** Costly answers named in the text, github and junit reports (more when tied). */
export const MAX_ANSWERS_SHOWN = 3;

const toleranceWords: Record<ToleranceSource, string> = {
  flag: "set by --tolerance",
  profile: "set by the profile",
  default: "the default",
};

function costMessage(cost: Cost, chosen: string, winner: string): string {
  const what =
    cost.source === "answer"
      ? `${cost.question} = ${cost.answer}`
      : `weights.${cost.factor} = ${cost.importance}`;
  return `${what} costs ${chosen} ${cost.points} points against ${winner}`;
}

/** The sentence for one reason or warning; the same words in every format. */
export function describeFinding(
  data: CheckReason | CheckWarning,
  chosen: string,
  file: string,
): string {
  switch (data.kind) {
    case "excluded":
      return `${chosen} is excluded by ${data.question} = ${data.answer}: ${data.text}`;
    case "behind":
      return `${chosen} scores ${data.chosenScore}, ${data.behind} points behind ${data.recommended} (${data.recommendedScore}); the tolerance is ${data.tolerance} (${toleranceWords[data.toleranceSource]})`;
    case "review-overdue":
      return `the review date ${data.reviewBy} has passed (today is ${data.today}); review the decision and set a new reviewBy`;
    case "unanswered":
      return `${data.questions.length} question${data.questions.length === 1 ? "" : "s"} unanswered, counted as neutral: ${data.questions.join(", ")}`;
    case "drift": {
      const again = `record it again with: deploy-advisor recommend ${file} --record`;
      const { recorded, current } = data;
      if (!data.changed.includes("recommended"))
        return `the decision was recorded on ${recorded.date} with rule base ${recorded.rulesVersion}; the rule base is now ${current.rulesVersion} (it still recommends ${current.recommended ?? "nothing"}); ${again}`;
      return `the decision recorded on ${recorded.date} (rule base ${recorded.rulesVersion}) recommended ${recorded.recommended ?? "nothing"}; rule base ${current.rulesVersion} now recommends ${current.recommended ?? "nothing"}; ${again}`;
    }
  }
}

/** Where a finding points: the answer responsible, or the key the reader must change. */
function findingPosition(data: CheckReason | CheckWarning, source: SourceFile): Position {
  switch (data.kind) {
    case "excluded":
      return source.locate(["answers", data.question]);
    case "behind":
      return source.locate(["chosen"]);
    case "review-overdue":
      return source.locate(["reviewBy"]);
    case "unanswered":
      return source.locate(["answers"], { key: true });
    case "drift":
      return source.locate(["decision"], { key: true });
  }
}

function responsibleAnswers(
  data: CheckReason | CheckWarning,
  chosen: string,
  source: SourceFile,
): ResponsibleAnswer[] {
  if (data.kind !== "behind") return [];
  return data.costs.map((cost) => {
    const path = cost.source === "answer" ? ["answers", cost.question] : ["weights", cost.factor];
    return {
      path: path.join("."),
      message: costMessage(cost, chosen, data.recommended),
      points: cost.points,
      at: source.locate(path),
    };
  });
}

/**
 * The answers a report names for a finding: the costliest few, plus any tied with the last of
 * them (cutting between equals would be arbitrary). The JSON report lists them all.
 */
export function shownAnswers(finding: Finding): ResponsibleAnswer[] {
  const threshold =
    finding.answers[Math.min(MAX_ANSWERS_SHOWN, finding.answers.length) - 1]?.points ?? 0;
  return finding.answers.filter((a) => a.points >= threshold);
}

function hintFor(verdict: CheckVerdict, file: string): string | undefined {
  if (verdict.ok) return undefined;
  const kinds = new Set(verdict.reasons.map((r) => r.kind));
  if (kinds.has("excluded") || kinds.has("behind")) {
    const switchTo = verdict.recommended ? `, or set chosen: ${verdict.recommended}` : "";
    return `Revisit the answers named above if they no longer hold${switchTo}; see why with: deploy-advisor recommend ${file}`;
  }
  if (kinds.has("drift"))
    return `Review the new ranking with: deploy-advisor recommend ${file}, then record it with --record`;
  return "Review the decision with your team, then move reviewBy to the next review date.";
}

/** Turns one engine verdict into the located, worded result the formats print. */
export function checkedFile(
  file: string,
  project: string | undefined,
  verdict: CheckVerdict,
  source: SourceFile,
): CheckedFile {
  const finding =
    (severity: Finding["severity"]) =>
    (data: CheckReason | CheckWarning): Finding => ({
      severity,
      data,
      message: describeFinding(data, verdict.chosen, file),
      at: findingPosition(data, source),
      answers: responsibleAnswers(data, verdict.chosen, source),
    });
  const hint = hintFor(verdict, file);
  return {
    file,
    status: verdict.ok ? "pass" : "fail",
    ...(project !== undefined ? { project } : {}),
    chosen: verdict.chosen,
    recommended: verdict.recommended,
    score: verdict.chosenScore,
    behind: verdict.behind,
    tolerance: verdict.tolerance,
    toleranceSource: verdict.toleranceSource,
    reasons: verdict.reasons.map(finding("error")),
    warnings: verdict.warnings.map(finding("warning")),
    ...(hint ? { hint } : {}),
  };
}

/** Collects per-file results into the run every format renders. */
export function checkRun(rulesVersion: string, results: FileResult[]): CheckRun {
  const count = (status: FileResult["status"]) => results.filter((r) => r.status === status).length;
  const summary = { passed: count("pass"), failed: count("fail"), errors: count("error") };
  return { ok: summary.failed === 0 && summary.errors === 0, rulesVersion, results, summary };
}

/** "3 profiles: 2 passed, 1 failed", naming only the outcomes that occurred besides passing. */
export function summaryText(run: CheckRun): string {
  const { passed, failed, errors } = run.summary;
  const total = run.results.length;
  const parts = [`${passed} passed`];
  if (failed) parts.push(`${failed} failed`);
  if (errors) parts.push(`${errors} not checked (input error)`);
  return `${total} profile${total === 1 ? "" : "s"}: ${parts.join(", ")}`;
}

/** The one-line description of a pass: the chosen strategy and how it stands. */
export function passText(result: CheckedFile): string {
  const standing =
    result.behind === null || result.behind <= 0
      ? "ranked first"
      : `${result.behind} behind ${result.recommended}, within the tolerance of ${result.tolerance}`;
  return `${result.chosen} is justified (score ${result.score}, ${standing})`;
}

/** The one-line headline of a failure. */
export function failText(result: CheckedFile): string {
  const n = result.reasons.length;
  return `${result.chosen} is not justified (${n} reason${n === 1 ? "" : "s"})`;
}
