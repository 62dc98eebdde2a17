/** The one place reports reach stdout; a closed pipe (… | head) is not an error. */
export function writeStdout(text: string): void {
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
