import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";
import { InputError } from "../diagnostics.js";
import { MAX_INPUT_BYTES } from "../limits.js";

/** Reads a user's file as UTF-8 text with the size limit applied before anything is parsed. */
export function readTextFile(path: string): string {
  let fd: number;
  try {
    // O_NONBLOCK: opening a named pipe for reading would otherwise wait for a writer forever;
    // it changes nothing for regular files, and anything else is refused below before a read.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw fileError(path, error);
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) throw new InputError(`${path}: is a directory; expected a file`);
    if (stat.isFIFO()) {
      throw new InputError(
        `${path}: is a named pipe (FIFO), not a file; to read from it, pass - and redirect it to standard input (< ${path})`,
      );
    }
    if (!stat.isFile()) {
      throw new InputError(
        `${path}: is not a regular file (a device or socket); expected a YAML or JSON file`,
      );
    }
    if (stat.size > MAX_INPUT_BYTES)
      throw new InputError(`${path}: larger than 1 MiB (${stat.size} bytes); refusing to read it`);
    // A regular file's size is known: one read gets it whole (check reads thousands). The byte
    // to spare shows a file that grew since fstat; readAll then takes the rest, within the limit.
    const buffer = Buffer.allocUnsafe(stat.size + 1);
    const count = readSync(fd, buffer, 0, buffer.length, null);
    if (count <= stat.size) return decodeText(path, buffer.subarray(0, count));
    const rest = readAll(fd, MAX_INPUT_BYTES + 1 - count, path);
    return decodeText(path, Buffer.concat([buffer, rest]));
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw fileError(path, error);
  } finally {
    closeSync(fd);
  }
}

/** Reads standard input whole, refusing more than 1 MiB. */
export function readStdin(): string {
  try {
    return decodeText("<stdin>", readAll(0, MAX_INPUT_BYTES + 1));
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw fileError("<stdin>", error);
  }
}

function readAll(fd: number, limit: number, name = "<stdin>"): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  const chunk = Buffer.allocUnsafe(64 * 1024);
  for (;;) {
    let n: number;
    try {
      n = readSync(fd, chunk, 0, chunk.length, null);
    } catch (error) {
      // Non-blocking stdin (a terminal or pipe) reports EAGAIN until data arrives.
      if ((error as NodeJS.ErrnoException).code === "EAGAIN") continue;
      if ((error as NodeJS.ErrnoException).code === "EOF") break;
      throw error;
    }
    if (n === 0) break;
    total += n;
    if (total >= limit) throw new InputError(`${name}: larger than 1 MiB; refusing to read it`);
    chunks.push(Buffer.from(chunk.subarray(0, n)));
  }
  return Buffer.concat(chunks);
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/** The text of a user's file: UTF-16, NUL bytes and invalid UTF-8 are refused, not guessed at. */
export function decodeText(path: string, bytes: Uint8Array): string {
  // Editors on Windows may save UTF-16 with a byte order mark; say so rather than "NUL bytes".
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
    throw new InputError(`${path}: is UTF-16 text; save it as UTF-8`);
  if (bytes.includes(0))
    throw new InputError(`${path}: contains NUL bytes; expected a YAML or JSON text file`);
  try {
    return strictUtf8.decode(bytes);
  } catch {
    throw new InputError(`${path}: is not valid UTF-8 text; save it as UTF-8`);
  }
}

function fileError(path: string, error: unknown): InputError {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case "ENOENT":
      return new InputError(`${path}: no such file`);
    case "EACCES":
    case "EPERM":
      return new InputError(`${path}: permission denied; the file is not readable`);
    case "EISDIR":
      return new InputError(`${path}: is a directory; expected a file`);
    case "ENOTDIR":
      return new InputError(`${path}: no such file (a part of the path is not a directory)`);
    default:
      return new InputError(`${path}: cannot be read (${code ?? (error as Error).message})`);
  }
}
