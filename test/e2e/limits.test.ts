import { execFileSync, spawnSync } from "node:child_process";
import {
  chmodSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { InputError } from "../../src/diagnostics.js";
import { MAX_INPUT_BYTES } from "../../src/limits.js";
import { parseSource } from "../../src/rulebase/yaml-source.js";
import { CLI, type CliRun, expectCalm, runCli } from "../helpers/calm.js";
import {
  exampleProfile,
  miniRulesDir,
  profileInvocations,
  rulesInvocations,
} from "../helpers/hostile-commands.js";

// Every documented limit, each with its own test, through every command that reads that kind
// of input. The refusals must be exit 2 with a message that says what was wrong.

const work = mkdtempSync(join(tmpdir(), "deploy-advisor-limits-"));
// Readable by the unprivileged user the unreadable-file test runs as.
chmodSync(work, 0o755);
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs a profile invocation on a path (or on the file's bytes through stdin). */
function runProfile(invocation: (typeof profileInvocations)[number], path: string): CliRun {
  return invocation.viaStdin
    ? runCli(invocation.args(path), { input: readFileSync(path) })
    : runCli(invocation.args(path));
}

function expectRefused(run: CliRun, message: RegExp, label: string): void {
  expectCalm(run, label);
  expect(run.status, label).toBe(2);
  expect(run.stderr, label).toMatch(message);
}

/** A valid profile padded with a comment to exactly `size` bytes. */
function paddedProfile(size: number, head = "version: 1\n"): string {
  return `${head}#${"x".repeat(size - head.length - 2)}\n`;
}

/** A copy of the mini rule base, with one file replaced. */
function rulesWith(name: string, file: string, text: string): string {
  const dir = join(work, name);
  cpSync(miniRulesDir, dir, { recursive: true });
  writeFileSync(join(dir, file), text);
  return dir;
}

describe("size limit: 1 MiB", () => {
  const exact = join(work, "exactly-1mib.yaml");
  writeFileSync(exact, paddedProfile(MAX_INPUT_BYTES, "version: 1\nchosen: native\n"));
  // Broken YAML at the top: a parser would report that, so the size message proves no parse.
  const over = join(work, "over-1mib.yaml");
  writeFileSync(over, paddedProfile(MAX_INPUT_BYTES + 1, "version: [unclosed\n"));

  it.each(profileInvocations)("$name: a profile of exactly 1 MiB is read", (invocation) => {
    const run = runProfile(invocation, exact);
    expectCalm(run, invocation.name);
    expect(run.stderr).not.toMatch(/larger than 1 MiB/);
    // check judges the choice it finds (pass or fail); every other command reports and exits 0.
    expect(invocation.name.startsWith("check") ? [0, 1] : [0]).toContain(run.status);
  });

  it.each(profileInvocations)("$name: one byte more is refused before parsing", (invocation) => {
    const run = runProfile(invocation, over);
    expectRefused(run, /larger than 1 MiB.*; refusing to read it/, invocation.name);
    expect(run.stderr).not.toMatch(/unclosed|not valid YAML|flow collection/);
  });

  it.each(rulesInvocations)("$name: a rule file over 1 MiB is refused", (invocation) => {
    const dir = rulesWith("big-rules", "questions.yaml", paddedProfile(MAX_INPUT_BYTES + 10));
    const run = runCli(invocation.args(dir));
    expectRefused(run, /questions\.yaml: larger than 1 MiB/, invocation.name);
  });

  it("text already in memory over 1 MiB is refused by the parser too", () => {
    const text = paddedProfile(MAX_INPUT_BYTES + 1);
    expect(() => parseSource("big.yaml", text)).toThrow(/larger than 1 MiB; refusing to parse/);
  });
});

describe("alias bombs", () => {
  // Nine levels of nine aliases would expand to 387 million strings.
  const bomb = [
    `a0: &a0 [${Array(9).fill('"lol"').join(", ")}]`,
    ...Array.from(
      { length: 8 },
      (_, i) => `a${i + 1}: &a${i + 1} [${Array(9).fill(`*a${i}`).join(", ")}]`,
    ),
    "version: 1",
    "",
  ].join("\n");

  it.each(profileInvocations)("$name: refused as an alias bomb", (invocation) => {
    const path = join(work, "bomb.yaml");
    writeFileSync(path, bomb);
    expectRefused(
      runProfile(invocation, path),
      /too many aliases \(possible alias bomb\)/,
      invocation.name,
    );
  });

  it.each(rulesInvocations)("$name: refused in a rule file", (invocation) => {
    const dir = rulesWith(
      "bomb-rules",
      "meta.yaml",
      `${bomb}${readFileSync(join(miniRulesDir, "meta.yaml"), "utf8").replace(/^#.*\n/gm, "")}`,
    );
    expectRefused(runCli(invocation.args(dir)), /too many aliases/, invocation.name);
  });

  it("a few aliases are still fine", () => {
    const source = parseSource("ok.yaml", "base: &b {x: 1}\nuse: [*b, *b, *b]\n");
    expect(source.data).toEqual({ base: { x: 1 }, use: [{ x: 1 }, { x: 1 }, { x: 1 }] });
  });
});

describe("deep nesting", () => {
  const cases = {
    "flow sequences, 100,000 deep": `version: 1\nnest: ${"[".repeat(100_000)}${"]".repeat(100_000)}\n`,
    "flow mappings, 5,000 deep": `version: 1\nnest: ${"{a: ".repeat(5_000)}1${"}".repeat(5_000)}\n`,
    "block sequences, 100 deep": `version: 1\nnest:\n${Array.from({ length: 100 }, (_, i) => `${"  ".repeat(i + 1)}-\n`).join("")}`,
  };

  it.each(Object.entries(cases))("%s: refused with its line and column", (_, text) => {
    const path = join(work, "deep.yaml");
    writeFileSync(path, text);
    for (const invocation of profileInvocations) {
      const run = runProfile(invocation, path);
      expectRefused(
        run,
        /(deep\.yaml|<stdin>):\d+:\d+: error: nesting deeper than 64 levels/,
        invocation.name,
      );
    }
  });

  it("64 levels are allowed; 65 are not", () => {
    const nested = (depth: number) => `${"[".repeat(depth)}${"]".repeat(depth)}`;
    expect(() => parseSource("ok.yaml", nested(64))).not.toThrow();
    expect(() => parseSource("deep.yaml", nested(66))).toThrow(InputError);
  });

  it("brackets inside quotes, comments and block text do not count", () => {
    const text = `a: "${"[".repeat(100)}"\n# ${"{".repeat(100)}\nb: |\n  ${"[".repeat(100)}\n`;
    expect(() => parseSource("ok.yaml", text)).not.toThrow();
  });
});

describe("what a path names", () => {
  it.each(profileInvocations.filter((i) => !i.viaStdin))("$name: a directory", (invocation) => {
    expectRefused(
      runCli(invocation.args(work)),
      /is a directory; expected a file/,
      invocation.name,
    );
  });

  it.each(profileInvocations.filter((i) => !i.viaStdin))("$name: a missing file", (invocation) => {
    const path = join(work, "no-such-profile.yaml");
    expectRefused(
      runCli(invocation.args(path)),
      /no-such-profile\.yaml: no such file/,
      invocation.name,
    );
  });

  it.each(profileInvocations.filter((i) => !i.viaStdin))(
    "$name: a FIFO is refused without waiting for a writer",
    (invocation) => {
      const fifo = join(work, `pipe-${invocation.args("x").length}`);
      rmSync(fifo, { force: true });
      execFileSync("mkfifo", [fifo]);
      // Opening a FIFO for reading blocks until someone writes: runCli's timeout catches a hang.
      const run = runCli(invocation.args(fifo));
      expectRefused(run, /is a named pipe \(FIFO\), not a file/, invocation.name);
    },
  );

  it.each(profileInvocations.filter((i) => !i.viaStdin))(
    "$name: a device is refused without reading it",
    (invocation) => {
      // /dev/zero never ends: reading it would only stop at the size limit.
      const run = runCli(invocation.args("/dev/zero"));
      expectRefused(run, /\/dev\/zero: is not a regular file/, invocation.name);
    },
  );

  // Root reads any file whatever its mode, so as root the CLI runs as the unprivileged user
  // "nobody" (uid 65534), for whom chmod 000 really does make the read fail.
  const asRoot = process.getuid?.() === 0;
  const unprivileged = asRoot ? { uid: 65_534, gid: 65_534 } : {};
  const canDropPrivileges =
    !asRoot ||
    spawnSync(process.execPath, [CLI, "--version"], { ...unprivileged, timeout: 30_000 }).status ===
      0;

  it.skipIf(!canDropPrivileges).each(profileInvocations.filter((i) => !i.viaStdin))(
    `$name: an unreadable file (chmod 000${asRoot ? ", run as uid 65534 since tests run as root" : ""})`,
    (invocation) => {
      const path = join(work, "unreadable.yaml");
      writeFileSync(path, "version: 1\n");
      chmodSync(path, 0o000);
      const run = runCli(invocation.args(path), unprivileged);
      expectRefused(
        run,
        /unreadable\.yaml: permission denied; the file is not readable/,
        invocation.name,
      );
    },
  );
});

describe("--rules DIR", () => {
  it.each(rulesInvocations)("$name: a missing directory", (invocation) => {
    const run = runCli(invocation.args(join(work, "no-such-rules")));
    expectRefused(
      run,
      /no-such-rules: no such directory\n.*rule base directory holds/,
      invocation.name,
    );
  });

  it.each(rulesInvocations)("$name: a file instead of a directory", (invocation) => {
    const run = runCli(invocation.args(exampleProfile));
    expectRefused(
      run,
      /stroke-triage-hybrid\.yaml: is a file; expected a rule base directory/,
      invocation.name,
    );
  });

  it.each(rulesInvocations)("$name: a directory without one of the files", (invocation) => {
    const dir = join(work, "incomplete-rules");
    cpSync(miniRulesDir, dir, { recursive: true });
    rmSync(join(dir, "factors.yaml"));
    expectRefused(
      runCli(invocation.args(dir)),
      /not a complete rule base; missing factors\.yaml/,
      invocation.name,
    );
  });

  it("a rule file that is a directory", () => {
    const dir = join(work, "dir-as-file-rules");
    cpSync(miniRulesDir, dir, { recursive: true });
    rmSync(join(dir, "meta.yaml"));
    mkdirSync(join(dir, "meta.yaml"));
    const invocation = rulesInvocations[0];
    if (!invocation) throw new Error("no rules invocations");
    expectRefused(runCli(invocation.args(dir)), /meta\.yaml: is a directory/, invocation.name);
    expect(statSync(join(dir, "meta.yaml")).isDirectory()).toBe(true);
  });
});
