let closedPipeIgnored = false;

/** The one place reports reach stdout; a closed pipe (… | head) is not an error. */
export function writeStdout(text: string): void {
  // A closed pipe is reported as an 'error' event after write() returns, not thrown from it;
  // without a listener Node prints the stack and exits 1.
  if (!closedPipeIgnored) {
    closedPipeIgnored = true;
    process.stdout.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code !== "EPIPE") throw error;
    });
  }
  try {
    process.stdout.write(text);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EPIPE") throw error;
  }
}

/** Diagnostics and progress go to stderr so stdout stays parseable. */
export function writeStderr(text: string): void {
  process.stderr.write(text.endsWith("\n") ? text : `${text}\n`);
}
