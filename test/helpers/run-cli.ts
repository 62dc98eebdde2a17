import { spawn, spawnSync } from "node:child_process";
import { join } from "node:path";
import { repoRoot } from "./rules.js";

/** The built CLI, as users run it (vitest's globalSetup builds it once). */
export const CLI = join(repoRoot, "dist", "cli.js");

/** What a run of the CLI produced. */
export interface CliResult {
  /** Exit status; null only when a signal ended the process. */
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** Text piped to standard input; without it stdin is an empty pipe, never a terminal. */
  input?: string;
  /** Variables to set on top of the clean environment; undefined removes one. */
  env?: Record<string, string | undefined>;
  cwd?: string;
}

const TIMEOUT_MS = 20_000;

/**
 * The test's own environment minus anything that changes colour or debugging output, with
 * FORCE_COLOR=0 so output is comparable, then the caller's overrides.
 */
export function cliEnv(overrides: RunOptions["env"] = {}): NodeJS.ProcessEnv {
  const env: Record<string, string | undefined> = { ...process.env, FORCE_COLOR: "0" };
  for (const name of ["NO_COLOR", "DEBUG", "NODE_OPTIONS"]) delete env[name];
  for (const [name, value] of Object.entries(overrides)) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  return env as NodeJS.ProcessEnv;
}

/** Runs `node dist/cli.js ...args` and waits for it. */
export function runCli(args: readonly string[], options: RunOptions = {}): CliResult {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? repoRoot,
    env: cliEnv(options.env),
    input: options.input ?? "",
    encoding: "utf8",
    maxBuffer: 16 * 1024 * 1024,
    timeout: TIMEOUT_MS,
  });
  if (result.error) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The same as runCli without blocking, so independent runs can overlap (it.concurrent). */
export function runCliAsync(args: readonly string[], options: RunOptions = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: options.cwd ?? repoRoot,
      env: cliEnv(options.env),
      timeout: TIMEOUT_MS,
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.input ?? "");
  });
}
