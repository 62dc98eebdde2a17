import { execFileSync, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";

/** Fails loudly when tmux is missing: CI installs it, and skipping would hide untested code. */
export function requireTmux(): void {
  const found = spawnSync("tmux", ["-V"], { encoding: "utf8" });
  if (found.error || found.status !== 0) {
    throw new Error(
      "tmux is required for the terminal tests but was not found; install it (apt-get install -y tmux), as .ci/run does",
    );
  }
}

/** Quotes one word for the shell tmux runs a command with. */
function sh(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}

/**
 * One program in a real terminal: a detached tmux session of fixed size on its own socket, so
 * parallel runs never meet. The command's exit status is printed as "[exit N]" when it ends.
 */
export class TmuxSession {
  readonly socket = `deploy-advisor-test-${process.pid}-${randomBytes(4).toString("hex")}`;
  private started = false;

  constructor(
    private readonly options: {
      cwd: string;
      env?: Record<string, string>;
      width?: number;
      height?: number;
    },
  ) {}

  private tmux(args: string[]): string {
    return execFileSync("tmux", ["-L", this.socket, "-f", "/dev/null", ...args], {
      cwd: this.options.cwd,
      encoding: "utf8",
      env: { ...process.env, TERM: "xterm-256color" },
    });
  }

  /** Starts `argv` (words, quoted here) in the terminal; stdout may be redirected to a file. */
  start(argv: string[], options: { stdoutTo?: string } = {}): void {
    const env = Object.entries({ TERM: "xterm-256color", ...this.options.env }).map(
      ([key, value]) => `${key}=${sh(value)}`,
    );
    const redirect = options.stdoutTo ? ` > ${sh(options.stdoutTo)}` : "";
    const command = `env ${env.join(" ")} ${argv.map(sh).join(" ")}${redirect}; echo "[exit $?]"; exec sleep 600`;
    this.tmux([
      "new-session",
      "-d",
      "-s",
      "t",
      "-x",
      String(this.options.width ?? 80),
      "-y",
      String(this.options.height ?? 30),
      command,
    ]);
    this.started = true;
  }

  /** The visible screen as text; with `history`, everything that scrolled off too. */
  screen(options: { history?: boolean; escapes?: boolean } = {}): string {
    return this.tmux([
      "capture-pane",
      "-p",
      // Joined: a line the terminal wrapped at 80 columns reads as the one line it is.
      "-J",
      "-t",
      "t",
      ...(options.history ? ["-S", "-"] : []),
      ...(options.escapes ? ["-e"] : []),
    ]);
  }

  /** Sends keys as tmux names them (Enter, Down, C-c) or literal text with `literal`. */
  send(keys: string[], options: { literal?: boolean } = {}): void {
    this.tmux(["send-keys", "-t", "t", ...(options.literal ? ["-l"] : []), ...keys]);
  }

  /** Polls the screen until `pattern` shows up; fails with the screen when the deadline passes. */
  async waitFor(
    pattern: RegExp | string,
    deadlineMs = 30_000,
    options: { history?: boolean } = {},
  ) {
    const until = Date.now() + deadlineMs;
    let last = "";
    for (;;) {
      last = this.screen(options);
      if (typeof pattern === "string" ? last.includes(pattern) : pattern.test(last)) return last;
      if (Date.now() > until) {
        throw new Error(`timed out waiting for ${String(pattern)}; the screen shows:\n${last}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Waits for the command to end and returns its exit status. */
  async exitStatus(deadlineMs = 30_000): Promise<number> {
    const screen = await this.waitFor(/\[exit (\d+)\]/, deadlineMs);
    return Number(/\[exit (\d+)\]/.exec(screen)?.[1]);
  }

  /** The process id of the program started (the child of the pane's shell), read from /proc. */
  programPid(): number {
    const shell = this.tmux(["display-message", "-p", "-t", "t", "#{pane_pid}"]).trim();
    const children = readFileSync(`/proc/${shell}/task/${shell}/children`, "utf8").trim();
    const pid = Number(children.split(/\s+/)[0]);
    if (!Number.isInteger(pid) || pid <= 0) throw new Error(`no program under pane ${shell}`);
    return pid;
  }

  /** Stops the tmux server of this session, and with it the program. */
  kill(): void {
    if (!this.started) return;
    try {
      this.tmux(["kill-server"]);
    } catch {
      // Already gone.
    }
  }
}
