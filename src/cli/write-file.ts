import {
  closeSync,
  fsyncSync,
  lstatSync,
  openSync,
  renameSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import { basename, dirname, join } from "node:path";
import { InputError } from "../diagnostics.js";

/** Whether a path exists (without following a final symlink, so a dangling link still counts). */
export function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/** Makes temporary names unique within a process; "wx" below refuses any clash with another. */
let temporaryCounter = 0;

/**
 * Writes a file whole: to a temporary file in the same directory, flushed, then renamed over the
 * target, so a crash, a full disk or Ctrl-C leaves either the old file or the new one, never half.
 * Refuses to replace an existing file unless `overwrite` is set; callers ask the person first.
 */
export function writeFileAtomic(path: string, text: string, options: { overwrite: boolean }): void {
  if (!options.overwrite && exists(path)) {
    throw new InputError(
      `${path}: already exists; not overwriting it`,
      [],
      "Pass --force to replace it, or choose another file name.",
    );
  }
  const temporary = join(
    dirname(path),
    `.${basename(path)}.${process.pid}.${Date.now().toString(36)}.${(temporaryCounter++).toString(36)}.tmp`,
  );
  let fd: number | undefined;
  try {
    fd = openSync(temporary, "wx", 0o644);
    writeSync(fd, text);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temporary, path);
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    try {
      unlinkSync(temporary);
    } catch {
      // The temporary file may never have been created.
    }
    throw writeError(path, error);
  }
}

function writeError(path: string, error: unknown): InputError {
  const code = (error as NodeJS.ErrnoException).code;
  const reason =
    code === "ENOSPC"
      ? "the disk is full"
      : code === "EACCES" || code === "EPERM" || code === "EROFS"
        ? "the directory is not writable"
        : code === "ENOENT"
          ? "the directory does not exist"
          : code === "EISDIR"
            ? "it is a directory"
            : `${code ?? (error as Error).message}`;
  return new InputError(`${path}: cannot write it (${reason}); any existing file is unchanged`);
}
