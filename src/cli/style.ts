import { Chalk, type ChalkInstance } from "chalk";

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

/** A chalk instance at a fixed level, so reports never consult the environment themselves. */
export function makeStyle(level: 0 | 1 | 2 | 3): ChalkInstance {
  return new Chalk({ level });
}
