import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { expectCalm, messageProblems, runCli } from "../helpers/calm.js";
import { repoRoot } from "../helpers/hostile-commands.js";

// A bug must not look like a crash: one line that says it is a bug in deploy-advisor, names the
// version and says how to get the stack trace; exit 3. The failures are injected by test-only
// preloads (node --require), so the shipped CLI has no switch that could trigger this path.

const version = (
  JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { version: string }
).version;
const preload = (name: string) => [
  "--require",
  join(repoRoot, "test", "fixtures", "preload", name),
];
const oneLine = new RegExp(
  `^deploy-advisor: internal error \\(a bug in deploy-advisor ${version.replace(/\./g, "\\.")}\\): ` +
    "(.+); run again with DEBUG=deploy-advisor to see the stack trace, and please report it\\n$",
);
const STACK_FRAME = /^\s+at .+:\d+:\d+\)?$/m;

describe("an unexpected exception", () => {
  it("thrown in a renderer: one line, the version, how to see the stack; exit 3", () => {
    const run = runCli(["strategies", "--format", "json"], {
      nodeArgs: preload("throw-in-json.cjs"),
    });
    expect(run.status).toBe(3);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(oneLine);
    expect(oneLine.exec(run.stderr)?.[1]).toBe("injected failure for a test");
    expect(run.stderr).not.toMatch(STACK_FRAME);
  });

  it("with DEBUG=deploy-advisor: the same line, then the stack trace", () => {
    const run = runCli(["strategies", "--format", "json"], {
      nodeArgs: preload("throw-in-json.cjs"),
      env: { DEBUG: "deploy-advisor" },
    });
    expect(run.status).toBe(3);
    const [first, ...rest] = run.stderr.split("\n");
    expect(first).toMatch(
      /^deploy-advisor: internal error \(a bug in deploy-advisor .+\): injected failure for a test; the stack trace follows; please report it$/,
    );
    expect(rest.join("\n")).toMatch(/^TypeError: injected failure for a test/);
    expect(rest.join("\n")).toMatch(STACK_FRAME);
  });

  it("raised outside the command's own flow (a stream error event): the same one line; exit 3", () => {
    const run = runCli(["strategies"], { nodeArgs: preload("stdout-eio.cjs") });
    expect(run.status).toBe(3);
    expect(run.stderr).toMatch(oneLine);
    expect(oneLine.exec(run.stderr)?.[1]).toBe("write EIO (injected for a test)");
  });

  it("the same commands without the preloads succeed, so the failures were the injected ones", () => {
    expect(runCli(["strategies", "--format", "json"]).status).toBe(0);
    expect(runCli(["strategies"]).status).toBe(0);
  });

  it("is what the fuzz tests' check rejects, so they would catch one", () => {
    const plain = runCli(["strategies", "-f", "json"], { nodeArgs: preload("throw-in-json.cjs") });
    expect(() => expectCalm(plain, "bug")).toThrow();
    expect(messageProblems(plain.stderr)).toEqual(["reported as a bug"]);
    const debug = runCli(["strategies", "-f", "json"], {
      nodeArgs: preload("throw-in-json.cjs"),
      env: { DEBUG: "deploy-advisor" },
    });
    expect(messageProblems(debug.stderr)).toEqual([
      "stderr holds a stack trace",
      "reported as a bug",
    ]);
  });
});
