import { describe, expect, it } from "vitest";
import { ExitCode, exitCodeFor, Interrupted, UsageError } from "../../src/cli/errors.js";
import { colorLevel } from "../../src/cli/style.js";
import { InputError } from "../../src/diagnostics.js";

describe("exitCodeFor", () => {
  // Exit code 3 has no honest trigger from the command line, so its mapping is checked here.
  it.each([
    ["an input error", new InputError("bad.yaml: 1 problem"), 2],
    ["a usage error", new UsageError("unknown command"), 2],
    ["Ctrl-C", new Interrupted(), 130],
    [
      "Ctrl-C inside a prompt",
      Object.assign(new Error("User force closed the prompt"), { name: "ExitPromptError" }),
      130,
    ],
    ["a bug", new TypeError("cannot read properties of undefined"), 3],
    ["something thrown that is not an Error", "oops", 3],
  ] as const)("%s exits %i", (_name, error, code) => {
    expect(exitCodeFor(error)).toBe(code);
  });

  it("matches the documented table", () => {
    expect(ExitCode).toEqual({ ok: 0, checkFailed: 1, usage: 2, internal: 3, interrupted: 130 });
  });
});

describe("colorLevel", () => {
  it.each([
    ["a terminal", {}, {}, true, 1],
    ["a pipe", {}, {}, false, 0],
    ["a dumb terminal", {}, { TERM: "dumb" }, true, 0],
    ["--no-color on a terminal", { color: false }, {}, true, 0],
    ["--no-color beats FORCE_COLOR", { color: false }, { FORCE_COLOR: "1" }, true, 0],
    ["NO_COLOR beats FORCE_COLOR", {}, { NO_COLOR: "1", FORCE_COLOR: "3" }, true, 0],
    ["an empty NO_COLOR is ignored", {}, { NO_COLOR: "" }, true, 1],
    ["FORCE_COLOR=1 on a pipe", {}, { FORCE_COLOR: "1" }, false, 1],
    ["FORCE_COLOR=3", {}, { FORCE_COLOR: "3" }, false, 3],
    ["FORCE_COLOR=0 on a terminal", {}, { FORCE_COLOR: "0" }, true, 0],
    ["FORCE_COLOR=false on a terminal", {}, { FORCE_COLOR: "false" }, true, 0],
  ] as const)("%s: level %i", (_name, options, env, isTTY, level) => {
    expect(colorLevel(options, env as NodeJS.ProcessEnv, isTTY)).toBe(level);
  });
});

describe("plainStyle", () => {
  it("leaves text untouched through any chain of styles, as chalk at level 0 does", async () => {
    const { Chalk } = await import("chalk");
    const { plainStyle } = await import("../../src/cli/style.js");
    const chalk = new Chalk({ level: 0 });
    expect(plainStyle.red.bold("a", "b")).toBe(chalk.red.bold("a", "b"));
    expect(plainStyle.dim("x")).toBe("x");
    expect(plainStyle("y")).toBe("y");
    expect(plainStyle.level).toBe(0);
  });
});

describe("makeStyle", () => {
  it("resolves (the plain style is not mistaken for a promise)", async () => {
    const { makeStyle, plainStyle } = await import("../../src/cli/style.js");
    expect(await makeStyle(0)).toBe(plainStyle);
    expect((await makeStyle(1)).red("x")).toContain("\u001b[");
  });
});
