import { spawnSync } from "node:child_process";
import { join } from "node:path";

const root = join(import.meta.dirname, "..", "..");
/** The built CLI, as users run it (vitest's global setup builds it). */
export const cli = join(root, "dist", "cli.js");

/** Runs `deploy-advisor` with arguments, without colour, and returns what it printed and its exit code. */
export function runCli(args: string[], options: { input?: string; cwd?: string } = {}) {
  const env: NodeJS.ProcessEnv = { ...process.env, FORCE_COLOR: "0" };
  delete env.NO_COLOR;
  const result = spawnSync(process.execPath, [cli, ...args], {
    cwd: options.cwd ?? root,
    env,
    input: options.input ?? "",
    encoding: "utf8",
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
