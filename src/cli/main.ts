import { InputError, inputErrorLines } from "../diagnostics.js";
import { ExitCode, exitCodeFor, UsageError } from "./errors.js";
import { packageVersion, prebuiltHelp } from "./package-info.js";

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

/** Answers --version and --help without loading the command parser, which is most of start-up. */
function quickAnswer(argv: string[]): string | undefined {
  if (argv.length !== 1) return undefined;
  if (argv[0] === "--version" || argv[0] === "-V") return `${packageVersion()}\n`;
  if (argv[0] === "--help" || argv[0] === "-h") return prebuiltHelp();
  return undefined;
}

/** The entry point: the only place that sets the process exit code. */
export async function main(argv: string[]): Promise<void> {
  // A reader that stops early (… | head) closes the pipe; that is not a failure of ours.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
  });
  let code: number;
  try {
    const quick = quickAnswer(argv);
    if (quick !== undefined) {
      process.stdout.write(quick);
      code = ExitCode.ok;
    } else {
      const { runProgram } = await import("./program.js");
      code = await runProgram(argv);
    }
  } catch (error) {
    code = report(error);
  }
  process.exitCode = code;
}

void main(process.argv.slice(2));
