import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  copyRules,
  mutateFile,
  positionOf,
  removeDir,
  repoRoot,
  STRATEGY_IDS,
} from "../helpers/rules.js";
import { CLI, type CliResult, runCliAsync } from "../helpers/run-cli.js";

const FIXTURES = "test/fixtures";
const fixture = (name: string) => `${FIXTURES}/${name}`;
const fixtureText = (name: string) => readFileSync(join(repoRoot, FIXTURES, name), "utf8");
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching ANSI escapes is the point.
const ANSI = /\u001b\[/;
const VERSION = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")).version;

/** A successful run: exit 0, nothing on stderr, something on stdout. */
function expectOk(result: CliResult): void {
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  expect(result.stdout.length).toBeGreaterThan(0);
}

/** A usage or input error: exit 2, nothing on stdout, the message on stderr. */
function expectUsageError(result: CliResult, message: string | RegExp): void {
  expect(result.stdout).toBe("");
  expect(result.code).toBe(2);
  if (typeof message === "string") expect(result.stderr).toContain(message);
  else expect(result.stderr).toMatch(message);
  // A user error is not reported as a crash.
  expect(result.stderr).not.toMatch(/internal error|at .*\.js:\d+/);
}

describe.concurrent("recommend", () => {
  describe.each(["text", "json", "markdown"] as const)("--format %s", (format) => {
    let fromFile: CliResult;
    beforeAll(async () => {
      fromFile = await runCliAsync([
        "recommend",
        fixture("research-viewer.yaml"),
        "--format",
        format,
      ]);
    });

    it("reads a file: exit 0, report on stdout only", async () => {
      expectOk(fromFile);
      expect(fromFile.stdout).not.toMatch(ANSI);
      if (format === "json") {
        const json = JSON.parse(fromFile.stdout);
        expect(json.recommended).toBe("native");
        expect(json.ranking.map((r: { id: string }) => r.id).sort()).toEqual([
          "native",
          "web-local",
        ]);
        expect(json.excluded.map((e: { id: string }) => e.id)).toEqual([
          "web-cloud",
          "web-local-cloud-processing",
          "native-cloud-processing",
          "web-cloud-hipaa-platform",
        ]);
        expect(json.unanswered).toContain("platforms");
        expect(json.ignored).toEqual(["gpu"]);
      } else {
        expect(fromFile.stdout).toContain("Native app");
        expect(fromFile.stdout).toContain(format === "markdown" ? "(`native`)" : "(native)");
        expect(fromFile.stdout).toContain("Research volume viewer");
      }
    });

    it("reads standard input with - and gives the same report", async () => {
      const fromStdin = await runCliAsync(["recommend", "-", "--format", format], {
        input: fixtureText("research-viewer.yaml"),
      });
      expectOk(fromStdin);
      expect(fromStdin.stdout).toBe(
        fromFile.stdout.replaceAll(fixture("research-viewer.yaml"), "<stdin>"),
      );
    });
  });

  it("reads a JSON profile", async () => {
    const result = await runCliAsync([
      "recommend",
      fixture("teleradiology.json"),
      "--format",
      "json",
    ]);
    expectOk(result);
    const json = JSON.parse(result.stdout);
    expect(json.recommended).toBe("web-cloud");
    expect(json.excluded).toEqual([]);
  });

  it("reads piped input when no file is named", async () => {
    const result = await runCliAsync(["recommend", "--format", "json"], {
      input: fixtureText("teleradiology.json"),
    });
    expectOk(result);
    expect(JSON.parse(result.stdout).recommended).toBe("web-cloud");
  });

  it("bare deploy-advisor with piped input equals recommend -", async () => {
    const input = fixtureText("research-viewer.yaml");
    const bare = await runCliAsync([], { input });
    expectOk(bare);
    expect(bare.stdout).toBe((await runCliAsync(["recommend", "-"], { input })).stdout);
    expect(bare.stdout).toContain("Recommended: Native app");
  });

  it("the same input gives byte-identical output", async () => {
    const args = ["recommend", fixture("teleradiology.json"), "--format", "json"];
    const [first, second] = await Promise.all([runCliAsync(args), runCliAsync(args)]);
    expect(first.stdout).toBe(second.stdout);
  });

  it("a reader that goes away (… | head) is not an error", async () => {
    // The read end of stdout closes before the CLI has started, so every write meets a closed pipe.
    const child = spawn(
      process.execPath,
      [CLI, "recommend", fixture("teleradiology.json"), "--format", "json"],
      {
        cwd: repoRoot,
        env: { ...process.env, FORCE_COLOR: "0" },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    child.stdout.destroy();
    let stderr = "";
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(stderr).toBe("");
    expect(code).toBe(0);
  });
});

describe.concurrent("explain", () => {
  it.each([
    ["text", "web-cloud"],
    ["json", "web-cloud"],
  ] as const)("--format %s %s", async (format, id) => {
    const result = await runCliAsync(["explain", id, "--format", format]);
    expectOk(result);
    expect(result.stdout).not.toMatch(ANSI);
    if (format === "json") {
      const json = JSON.parse(result.stdout);
      expect(json).toMatchObject({ id: "web-cloud", name: "Web app served from the cloud" });
      expect(json.advantages).toHaveLength(5);
      expect(json.disadvantages).toHaveLength(6);
      expect(json.businessAssociate.status).toBe("yes");
    } else {
      expect(result.stdout).toMatch(/^3\. Web app served from the cloud \(web-cloud\)/);
      expect(result.stdout).toContain("Business Associate? Yes");
    }
  });

  it("accepts a strategy's number", async () => {
    const byNumber = await runCliAsync(["explain", "5", "--format", "json"]);
    expectOk(byNumber);
    expect(JSON.parse(byNumber.stdout).id).toBe("native-cloud-processing");
  });
});

describe.concurrent("strategies", () => {
  it.each(["text", "json"] as const)("--format %s lists the six", async (format) => {
    const result = await runCliAsync(["strategies", "--format", format]);
    expectOk(result);
    const ids =
      format === "json"
        ? JSON.parse(result.stdout).map((s: { id: string }) => s.id)
        : result.stdout
            .split("\n")
            .filter((l) => /^\d {2}/.test(l))
            .map((l) => l.split(/\s+/)[1]);
    expect(ids).toEqual(STRATEGY_IDS);
  });
});

describe.concurrent("--version and --help", () => {
  it("--version prints the package version", async () => {
    const result = await runCliAsync(["--version"]);
    expectOk(result);
    expect(result.stdout.trim()).toBe(VERSION);
  });

  it("--help lists the commands and exit codes on stdout", async () => {
    const result = await runCliAsync(["--help"]);
    expectOk(result);
    for (const command of ["recommend", "explain", "strategies", "--rules", "--no-color"])
      expect(result.stdout).toContain(command);
    expect(result.stdout).toContain("2 usage or input error");
  });
});

describe.concurrent("exit code 2: usage and input errors go to stderr", () => {
  it("an unknown flag", async () => {
    expectUsageError(await runCliAsync(["recommend", "--bogus"]), "unknown option '--bogus'");
  });

  it("an unknown command, with did you mean", async () => {
    expectUsageError(
      await runCliAsync(["recomend"]),
      /^deploy-advisor: unknown command "recomend"; expected one of: recommend, .*explain.* \(did you mean "recommend"\?\)$/m,
    );
  });

  it("an unknown format", async () => {
    expectUsageError(
      await runCliAsync(["recommend", fixture("research-viewer.yaml"), "--format", "xml"]),
      "argument 'xml' is invalid. Allowed choices are text, json, markdown, html.",
    );
  });

  it("a missing argument", async () => {
    expectUsageError(await runCliAsync(["explain"]), "missing required argument 'strategy'");
  });

  it("a missing file", async () => {
    expectUsageError(
      await runCliAsync(["recommend", fixture("nope.yaml")]),
      `deploy-advisor: ${fixture("nope.yaml")}: no such file`,
    );
  });

  it("a directory", async () => {
    expectUsageError(
      await runCliAsync(["recommend", FIXTURES]),
      `deploy-advisor: ${FIXTURES}: is a directory; expected a file`,
    );
  });

  it("invalid YAML, with line:column", async () => {
    expectUsageError(
      await runCliAsync(["recommend", fixture("invalid-yaml.yaml")]),
      `${fixture("invalid-yaml.yaml")}:3:14: error: Nested mappings are not allowed in compact mappings`,
    );
  });

  it("an invalid profile: every problem with line:column, from a file or stdin", async () => {
    const expected = [
      `${fixture("invalid-value.yaml")}:5:14: error: answers.customers: expected one of: individuals, clinics, hospitals, mixed, unsure (did you mean "hospitals"?)`,
      `${fixture("invalid-value.yaml")}:6:18: error: answers.timeSensitive: expected one of: true, false, unsure`,
    ].join("\n");
    const result = await runCliAsync([
      "recommend",
      fixture("invalid-value.yaml"),
      "--format",
      "json",
    ]);
    expectUsageError(result, expected);
    const stdin = await runCliAsync(["recommend", "-"], {
      input: fixtureText("invalid-value.yaml"),
    });
    expectUsageError(stdin, expected.replaceAll(fixture("invalid-value.yaml"), "<stdin>"));
  });

  it("an unknown top-level key, with did you mean", async () => {
    expectUsageError(
      await runCliAsync(["recommend", fixture("unknown-key.yaml")]),
      /unknown-key\.yaml:2:1: error: unknown key "anwsers"; .*\(did you mean "answers"\?\)/,
    );
  });

  it("an unknown strategy for explain, with did you mean", async () => {
    expectUsageError(
      await runCliAsync(["explain", "web-clowd"]),
      /unknown strategy "web-clowd"; .*\(did you mean "web-cloud"\?\)\nList them with: deploy-advisor strategies/,
    );
  });

  it("empty standard input", async () => {
    expectUsageError(
      await runCliAsync(["recommend", "-"], { input: "" }),
      "<stdin>:1:1: error: the file is empty; expected a YAML mapping (key: value lines)",
    );
  });
});

describe.concurrent("colour", () => {
  const profile = fixture("research-viewer.yaml");
  let coloured: CliResult;
  beforeAll(async () => {
    coloured = await runCliAsync(["recommend", profile], { env: { FORCE_COLOR: "1" } });
  });

  it("FORCE_COLOR=1 colours the text report", async () => {
    expectOk(coloured);
    expect(coloured.stdout).toMatch(ANSI);
  });

  it.each([
    ["--no-color", ["--no-color"], {}],
    ["NO_COLOR=1", [], { NO_COLOR: "1" }],
  ] as const)("%s wins over FORCE_COLOR=1", async (_name, flags, env) => {
    const result = await runCliAsync([...flags, "recommend", profile], {
      env: { FORCE_COLOR: "1", ...env },
    });
    expectOk(result);
    expect(result.stdout).not.toMatch(ANSI);
    // Same report, only without the escapes.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping ANSI escapes.
    expect(result.stdout).toBe(coloured.stdout.replace(/\u001b\[[0-9;]*m/g, ""));
  });

  it("--no-color also works after the command", async () => {
    const result = await runCliAsync(["strategies", "--no-color"], { env: { FORCE_COLOR: "1" } });
    expectOk(result);
    expect(result.stdout).not.toMatch(ANSI);
  });

  it("JSON is never coloured", async () => {
    const result = await runCliAsync(["recommend", profile, "--format", "json"], {
      env: { FORCE_COLOR: "1" },
    });
    expectOk(result);
    expect(result.stdout).not.toMatch(ANSI);
    JSON.parse(result.stdout);
  });
});

describe.concurrent("--rules DIR", () => {
  let dir: string;
  beforeAll(async () => {
    dir = copyRules();
  });
  afterAll(() => removeDir(dir));

  it("a copied rule base gives the same recommendation as the built-in one", async () => {
    const args = ["recommend", fixture("teleradiology.json"), "--format", "json"];
    const custom = await runCliAsync(["--rules", dir, ...args]);
    expectOk(custom);
    expect(custom.stdout).toBe((await runCliAsync(args)).stdout);
  });

  it("a rule base that does not exist", async () => {
    expectUsageError(
      await runCliAsync(["--rules", join(dir, "nope"), "strategies"]),
      `${join(dir, "nope")}: no such directory`,
    );
  });

  it("a broken rule base exits 2 with file:line:column", async () => {
    const broken = copyRules();
    try {
      const text = mutateFile(
        broken,
        "strategies.yaml",
        "impacts: { piracy: -3 }",
        "impacts: { piracyy: -3 }",
      );
      const at = positionOf(text, "piracyy");
      const result = await runCliAsync(["--rules", broken, "strategies"]);
      expectUsageError(
        result,
        `${join(broken, "strategies.yaml")}:${at.line}:${at.column}: error: unknown factor "piracyy"`,
      );
      expect(result.stderr).toContain('(did you mean "piracy"?)');
    } finally {
      removeDir(broken);
    }
  });
});

// Exit code 3 (internal error) has no honest trigger from the outside: every failure a user can
// provoke is an input or usage error. Its mapping is covered by test/unit/exit-codes.test.ts.
