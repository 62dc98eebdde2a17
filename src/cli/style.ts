import type { ChalkInstance } from "chalk";

/** Decides colour once: --no-color and NO_COLOR win, then FORCE_COLOR, then whether stdout is a terminal. */
export function colorLevel(
  options: { color?: boolean },
  env: NodeJS.ProcessEnv,
  isTTY: boolean,
): 0 | 1 | 2 | 3 {
  if (options.color === false) return 0;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return 0;
  const force = env.FORCE_COLOR;
  if (force !== undefined) {
    if (force === "0" || force === "false") return 0;
    return force === "2" ? 2 : force === "3" ? 3 : 1;
  }
  return isTTY && env.TERM !== "dumb" ? 1 : 0;
}

/**
 * Every style as the identity, for output without colour. CI runs and pipes never colour, and
 * skipping chalk there saves its start-up work (terminal detection, style tables) on every run.
 */
export const plainStyle: ChalkInstance = new Proxy((...text: unknown[]) => text.join(" "), {
  // "then" must stay undefined, or awaiting the style would treat it as a promise and hang.
  get: (_target, key) =>
    key === "level" ? 0 : key === "then" || typeof key === "symbol" ? undefined : plainStyle,
}) as unknown as ChalkInstance;

/** A chalk instance at a fixed level, so reports never consult the environment themselves. */
export async function makeStyle(level: 0 | 1 | 2 | 3): Promise<ChalkInstance> {
  if (level === 0) return plainStyle;
  const { Chalk } = await import("chalk");
  return new Chalk({ level });
}
