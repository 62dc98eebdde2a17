// What "stays calm" means, checked the same way by every safety test: in-process, a command
// either returns or throws an error meant for the user; through the built CLI, it exits 0, 1
// or 2 with a short message and no stack trace; and no built-in prototype ever changes.
import { type SpawnSyncOptions, spawnSync } from "node:child_process";
import { join } from "node:path";
import { expect } from "vitest";
import { UsageError } from "../../src/cli/errors.js";
import { InputError } from "../../src/diagnostics.js";
import { repoRoot } from "./hostile-commands.js";

/** The built CLI, as users run it. */
export const CLI = join(repoRoot, "dist", "cli.js");

/** What one run of the built CLI produced. */
export interface CliRun {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  input?: string | Buffer;
  /** Extra arguments for node itself, before the script (e.g. --require a preload). */
  nodeArgs?: string[];
  env?: Record<string, string | undefined>;
  uid?: number;
  gid?: number;
  cwd?: string;
}

/** Runs `node [nodeArgs] dist/cli.js ...args` with colour off, a clean DEBUG, and a timeout. */
export function runCli(args: readonly string[], options: CliOptions = {}): CliRun {
  const env: Record<string, string | undefined> = { ...process.env, FORCE_COLOR: "0" };
  for (const name of ["NO_COLOR", "DEBUG", "NODE_OPTIONS"]) delete env[name];
  Object.assign(env, options.env);
  const spawnOptions: SpawnSyncOptions = {
    cwd: options.cwd ?? repoRoot,
    env: env as NodeJS.ProcessEnv,
    input: options.input ?? "",
    maxBuffer: 64 * 1024 * 1024,
    // A hang is a failure too: a FIFO or an alias bomb must not stall the tool.
    timeout: 30_000,
    ...(options.uid !== undefined ? { uid: options.uid } : {}),
    ...(options.gid !== undefined ? { gid: options.gid } : {}),
  };
  const result = spawnSync(
    process.execPath,
    [...(options.nodeArgs ?? []), CLI, ...args],
    spawnOptions,
  );
  if (result.error) throw result.error;
  return {
    status: result.status,
    signal: result.signal,
    stdout: String(result.stdout),
    stderr: String(result.stderr),
  };
}

/** A stack frame as Node prints them ("    at fn (file:1:2)"). */
const STACK_FRAME = /^\s+at .+(:\d+:\d+\)?|\(native\)|<anonymous>\)?)$/m;
/** Longest line and most lines a message to stderr may have and still count as short. */
export const MAX_MESSAGE_LINE = 1_000;
export const MAX_MESSAGE_LINES = 60;

/** Problems with a run's stderr as a user-facing message; empty when it is one. */
export function messageProblems(stderr: string): string[] {
  const problems: string[] = [];
  if (STACK_FRAME.test(stderr)) problems.push("stderr holds a stack trace");
  if (/internal error|a bug in deploy-advisor/.test(stderr)) problems.push("reported as a bug");
  const lines = stderr.split("\n").filter((line) => line !== "");
  if (lines.length > MAX_MESSAGE_LINES) problems.push(`stderr has ${lines.length} lines`);
  const long = lines.find((line) => line.length > MAX_MESSAGE_LINE);
  if (long) problems.push(`a stderr line has ${long.length} characters`);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
  if (/[\u0000-\u0008\u000B-\u001F\u007F]/.test(stderr))
    problems.push("stderr holds raw control characters");
  return problems;
}

/** Asserts the CLI ended calmly: exit 0, 1 or 2, and a short message without a stack trace. */
export function expectCalm(run: CliRun, label: string): void {
  const context = `${label}\nexit ${run.status} (signal ${run.signal})\nstderr:\n${run.stderr.slice(0, 2_000)}`;
  expect(run.signal, context).toBeNull();
  expect([0, 1, 2], context).toContain(run.status);
  expect(messageProblems(run.stderr), context).toEqual([]);
  if (run.status === 0) expect(run.stdout.length, context).toBeGreaterThan(0);
  // A failed check (exit 1) reports on stdout, in the format asked for; errors go to stderr.
  else if (run.status === 1)
    expect(`${run.stdout}${run.stderr}`.trim().length, context).toBeGreaterThan(0);
  else expect(run.stderr.trim().length, context).toBeGreaterThan(0);
}

/** Runs `fn`; returns "ok", or the error if it is one meant for the user. Anything else is rethrown. */
export async function userOutcome(fn: () => unknown): Promise<"ok" | InputError | UsageError> {
  try {
    await fn();
    return "ok";
  } catch (error) {
    if (error instanceof InputError || error instanceof UsageError) return error;
    throw error;
  }
}

/** The lines main.ts would print for a user error, so in-process cases check message size too. */
export function messageLines(error: InputError | UsageError): string[] {
  if (error instanceof UsageError) return [error.message, error.hint ?? ""];
  return [
    error.message,
    ...error.diagnostics.slice(0, 50).map((d) => `${d.file}:${d.line}:${d.column}: ${d.message}`),
  ];
}

const watched = [
  Object.prototype,
  Array.prototype,
  Function.prototype,
  String.prototype,
  Number.prototype,
  Boolean.prototype,
] as const;

type Snapshot = [PropertyKey, PropertyDescriptor | undefined][][];

/** Every own property of the built-in prototypes, to compare after running untrusted input. */
export function prototypeSnapshot(): Snapshot {
  return watched.map((proto) =>
    Reflect.ownKeys(proto).map((key) => [key, Object.getOwnPropertyDescriptor(proto, key)]),
  );
}

/** Lists what changed on a built-in prototype since the snapshot; empty when nothing did. */
export function prototypeChanges(before: Snapshot): string[] {
  const changes: string[] = [];
  const after = prototypeSnapshot();
  watched.forEach((proto, i) => {
    const name = proto === Object.prototype ? "Object" : (proto.constructor?.name ?? String(i));
    const was = new Map(before[i]);
    const now = new Map(after[i]);
    for (const [key, descriptor] of now) {
      const old = was.get(key);
      if (!old) changes.push(`${name}.prototype gained ${String(key)}`);
      else if (
        old.value !== descriptor?.value ||
        old.get !== descriptor?.get ||
        old.set !== descriptor?.set ||
        old.writable !== descriptor?.writable
      )
        changes.push(`${name}.prototype.${String(key)} changed`);
    }
    for (const key of was.keys())
      if (!now.has(key)) changes.push(`${name}.prototype lost ${String(key)}`);
  });
  if (Object.getPrototypeOf(Object.prototype) !== null)
    changes.push("Object.prototype got a prototype");
  if (Object.getPrototypeOf({}) !== Object.prototype) changes.push("{} no longer inherits Object");
  return changes;
}

/**
 * Runs untrusted input in-process and returns "ok" or the user error it ended with. Fails the
 * test on any other exception, on a message line too long to read, and on a prototype change.
 */
export async function expectCalmInProcess(
  run: () => unknown,
  before: Snapshot = prototypeSnapshot(),
): Promise<"ok" | InputError | UsageError> {
  const outcome = await userOutcome(run);
  if (outcome !== "ok")
    for (const line of messageLines(outcome))
      expect(line.length, line.slice(0, 300)).toBeLessThanOrEqual(MAX_MESSAGE_LINE);
  expect(prototypeChanges(before)).toEqual([]);
  return outcome;
}
