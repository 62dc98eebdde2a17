import { closest, distance } from "fastest-levenshtein";

/** One problem in a user's file, pinned to the place a person should look. */
export interface Diagnostic {
  file: string;
  line: number;
  column: number;
  message: string;
  severity: "error" | "warning";
}

/** Bad input from the user (a file, a flag, stdin): reported without a stack trace, exit 2. */
export class InputError extends Error {
  override readonly name = "InputError";
  constructor(
    message: string,
    readonly diagnostics: Diagnostic[] = [],
    readonly hint?: string,
  ) {
    super(message);
  }
}

/** Formats a diagnostic the way compilers do, so editors and terminals can link to it. */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column}: ${d.severity}: ${d.message}`;
}

/** The lines to print for an input error: each located diagnostic, the summary unless it repeats them, the hint. */
export function inputErrorLines(error: InputError): string[] {
  const lines = error.diagnostics.map(formatDiagnostic);
  if (
    error.diagnostics.length === 0 ||
    !error.diagnostics.some((d) => error.message.includes(d.message))
  ) {
    lines.push(`deploy-advisor: ${error.message}`);
  }
  if (error.hint) lines.push(error.hint);
  return lines;
}

/** A "did you mean" for a near miss, or nothing when no candidate is close enough to help. */
export function suggest(value: string, candidates: readonly string[]): string | undefined {
  if (candidates.length === 0) return undefined;
  const lower = value.toLowerCase();
  const caseOnly = candidates.find((c) => c.toLowerCase() === lower);
  if (caseOnly) return caseOnly;
  const best = closest(value, candidates as string[]);
  const limit = Math.max(2, Math.floor(best.length / 3));
  return distance(value, best) <= limit ? best : undefined;
}

/** "expected one of: a, b, c (did you mean b?)" */
export function expectedOneOf(value: string | undefined, allowed: readonly string[]): string {
  const hint = value === undefined ? undefined : suggest(value, allowed);
  return `expected one of: ${allowed.join(", ")}${hint ? ` (did you mean "${hint}"?)` : ""}`;
}
