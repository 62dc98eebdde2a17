import { InputError, inputErrorLines, shorten } from "../diagnostics.js";
import { escapeTerminal } from "../report/escape.js";
import { ExitCode, exitCodeFor, Interrupted, UsageError } from "./errors.js";
import { packageVersion } from "./package-info.js";

/** Whatever was thrown, as text; converting it must not throw in turn. */
function describeThrown(error: unknown): string {
  try {
    return error instanceof Error ? String(error.message) : String(error);
  } catch {
    return "(an exception that cannot be shown as text)";
  }
}

function report(error: unknown): number {
  const code = exitCodeFor(error);
  // Messages quote users' files: escaped, each stays one line and cannot drive the terminal.
  const out = (line: string) => process.stderr.write(`${escapeTerminal(line)}\n`);
  if (error instanceof InputError) {
    for (const line of inputErrorLines(error)) out(line);
  } else if (error instanceof UsageError) {
    if (error.message) out(`deploy-advisor: ${error.message}`);
    if (error.hint) out(error.hint);
  } else if (code === ExitCode.interrupted) {
    out("deploy-advisor: interrupted");
    // What was saved, and the command that picks up where the person left off.
    if (error instanceof Interrupted && error.message) out(error.message);
  } else {
    const message = describeThrown(error).split("\n")[0];
    const debug = process.env.DEBUG?.includes("deploy-advisor") && error instanceof Error;
    // One line: what happened, that it is our bug, and how to get what a report needs.
    out(
      `deploy-advisor: internal error (a bug in deploy-advisor ${packageVersion()}): ${shorten(message ?? "", 200)}; ${
        debug
          ? "the stack trace follows; please report it"
          : "run again with DEBUG=deploy-advisor to see the stack trace, and please report it"
      }`,
    );
    if (debug && error.stack) process.stderr.write(`${error.stack}\n`);
  }
  return code;
}

/** The entry point: the only place that sets the process exit code. */
export async function main(argv: string[]): Promise<void> {
  // A failure outside the awaited chain (an event handler, a stray promise) is still our bug:
  // it gets the same one-line report and exit 3, not Node's stack trace and exit 1.
  const crash = (error: unknown) => process.exit(report(error));
  process.on("uncaughtException", crash);
  process.on("unhandledRejection", crash);
  let code: number;
  try {
    const { runProgram } = await import("./program.js");
    code = await runProgram(argv);
  } catch (error) {
    code = report(error);
  }
  process.exitCode = code;
}

void main(process.argv.slice(2));
