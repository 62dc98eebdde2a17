// From process.getBuiltinModule, not an import: the launcher bundles this file too, and an ESM
// import of node:fs would load all of Node's streams (see scripts/launcher.mjs).
const { writeSync } = process.getBuiltinModule("node:fs");

/**
 * The one place reports reach stdout. They go straight to file descriptor 1: creating
 * process.stdout loads Node's stream and socket machinery, a noticeable part of start-up for a
 * tool that runs on every push. A reader that stops early (… | head) is not an error.
 */
export function writeStdout(text: string): void {
  const bytes = Buffer.from(text, "utf8");
  let offset = 0;
  while (offset < bytes.length) {
    try {
      offset += writeSync(1, bytes, offset);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "EPIPE") return;
      // A non-blocking pipe whose reader is slow: wait a moment and go on.
      if (code === "EAGAIN") Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
      else throw error;
    }
  }
}

/** Diagnostics and progress go to stderr so stdout stays parseable. */
export function writeStderr(text: string): void {
  process.stderr.write(text.endsWith("\n") ? text : `${text}\n`);
}
