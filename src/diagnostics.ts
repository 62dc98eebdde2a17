import { closest, distance } from "fastest-levenshtein";
import { MAX_DIAGNOSTICS } from "./limits.js";

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
  const lines = error.diagnostics.slice(0, MAX_DIAGNOSTICS).map(formatDiagnostic);
  if (error.diagnostics.length > MAX_DIAGNOSTICS) {
    lines.push(`… and ${error.diagnostics.length - MAX_DIAGNOSTICS} more problems`);
  }
  if (
    error.diagnostics.length === 0 ||
    !error.diagnostics.some((d) => error.message.includes(d.message))
  ) {
    lines.push(`deploy-advisor: ${error.message}`);
  }
  if (error.hint) lines.push(error.hint);
  return lines;
}

const MAX_SUGGEST_LENGTH = 100;
const MAX_QUOTED_LENGTH = 60;

/** Text cut to at most `max` characters, with an ellipsis when anything was cut. */
export function shorten(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** A value from a user's file, quoted for a message: shortened, with control characters escaped. */
export function quote(value: string): string {
  return JSON.stringify(shorten(value, MAX_QUOTED_LENGTH));
}

/** A "did you mean" for a near miss, or nothing when no candidate is close enough to help. */
export function suggest(value: string, candidates: readonly string[]): string | undefined {
  // Edit distance costs length x length: a hostile file's huge strings must not stall the message.
  if (candidates.length === 0 || value.length > MAX_SUGGEST_LENGTH) return undefined;
  const lower = value.toLowerCase();
  const caseOnly = candidates.find((c) => c.toLowerCase() === lower);
  if (caseOnly) return caseOnly;
  const short = candidates.filter((c) => c.length <= MAX_SUGGEST_LENGTH);
  if (short.length === 0) return undefined;
  const best = closest(value, short);
  const limit = Math.max(2, Math.floor(best.length / 3));
  return distance(value, best) <= limit ? best : undefined;
}

/** Characters of allowed values one message lists; the rest are counted. */
const MAX_LISTED_LENGTH = 400;

/** "expected one of: a, b, c (did you mean b?)" */
export function expectedOneOf(value: string | undefined, allowed: readonly string[]): string {
  const hint = value === undefined ? undefined : suggest(value, allowed);
  // A custom rule base may hold any number of ids of any length: the message stays readable.
  const shown: string[] = [];
  let length = 0;
  for (const a of allowed) {
    const item = shorten(a, MAX_QUOTED_LENGTH);
    if (shown.length > 0 && length + item.length > MAX_LISTED_LENGTH) break;
    shown.push(item);
    length += item.length + 2;
  }
  const rest = allowed.length - shown.length;
  const more = rest > 0 ? ` and ${rest} more` : "";
  return `expected one of: ${shown.join(", ")}${more}${hint ? ` (did you mean "${hint}"?)` : ""}`;
}
