import { InputError } from "../diagnostics.js";

/** A mistake in how the command was called (flag, argument): exit 2, with what to run instead. */
export class UsageError extends Error {
  override readonly name = "UsageError";
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

/** The person pressed Ctrl-C; whatever had to be saved has been. */
export class Interrupted extends Error {
  override readonly name = "Interrupted";
}

export const ExitCode = {
  ok: 0,
  checkFailed: 1,
  usage: 2,
  internal: 3,
  interrupted: 130,
} as const;

/** Maps anything thrown out of a command to the documented exit code. */
export function exitCodeFor(error: unknown): number {
  if (error instanceof InputError || error instanceof UsageError) return ExitCode.usage;
  if (error instanceof Interrupted) return ExitCode.interrupted;
  if (error instanceof Error && error.name === "ExitPromptError") return ExitCode.interrupted;
  return ExitCode.internal;
}
