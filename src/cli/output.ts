import { writeStderr, writeStdout } from "../report/write.js";
import { writeFileAtomic } from "./write-file.js";

/** Sends a finished report to stdout, or whole to `out` (never replacing a file without force). */
export function writeReport(text: string, options: { out?: string; force?: boolean }): void {
  if (options.out === undefined || options.out === "-") {
    writeStdout(text);
    return;
  }
  writeFileAtomic(options.out, text, { overwrite: options.force === true });
  writeStderr(`Wrote ${options.out}`);
}
