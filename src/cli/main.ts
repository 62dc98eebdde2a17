import { InputError, inputErrorLines } from "../diagnostics.js";
import { ExitCode, exitCodeFor, Interrupted, UsageError } from "./errors.js";
import { packageVersion } from "./package-info.js";

function report(error: unknown): number {
  const code = exitCodeFor(error);
  const out = (line: string) => process.stderr.write(`${line}\n`);
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
    const message = error instanceof Error ? error.message : String(error);
    out(
      `deploy-advisor: internal error (this is a bug in deploy-advisor ${packageVersion()}): ${message}`,
    );
    if (process.env.DEBUG?.includes("deploy-advisor") && error instanceof Error && error.stack)
      out(error.stack);
    else out("Run again with DEBUG=deploy-advisor to see the stack trace, and please report it.");
  }
  return code;
}

/** The entry point: the only place that sets the process exit code. */
export async function main(argv: string[]): Promise<void> {
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
