import { spawnSync } from "node:child_process";
import {
  cpSync,
  lstatSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { afterAll, describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..", "..");
const cliPath = join(root, "dist", "cli.js");
const fixtures = join(root, "test", "fixtures", "check");

/** Runs the built CLI as CI would: no colour, no terminal. */
function cli(args: string[], cwd = fixtures) {
  const result = spawnSync(process.execPath, [cliPath, ...args], {
    cwd,
    encoding: "utf8",
    env: { ...process.env, FORCE_COLOR: "0", NO_COLOR: undefined },
    stdio: ["ignore", "pipe", "pipe"],
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The text report wraps at 80 columns; compare prose with its line breaks folded. */
const flat = (text: string) => text.replace(/\s+/g, " ");

const scratch: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "deploy-advisor-check-"));
  scratch.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

describe("deploy-advisor check: exit codes", () => {
  it("0: a justified profile passes quietly, in one line", () => {
    const { code, stdout, stderr } = cli(["check", "pass.yaml"]);
    expect(code).toBe(0);
    expect(stdout).toBe(
      "✓ pass.yaml: web-local-cloud-processing is justified (score 76.2, ranked first)\n",
    );
    expect(stderr).toBe("");
  });

  it("0: the profile's own tolerance lets a close second pass", () => {
    const { code, stdout } = cli(["check", "within-tolerance.yaml"]);
    expect(code).toBe(0);
    expect(stdout).toContain("within the tolerance of 15");
  });

  it("1: a choice far behind names the answers to revisit and their lines", () => {
    const { code, stdout } = cli(["check", "behind.yaml"]);
    expect(code).toBe(1);
    expect(stdout).toContain("✗ behind.yaml: native is not justified (1 reason)");
    expect(stdout).toMatch(/behind\.yaml:26: native scores 50\.8, 25\.4 points behind/);
    // gpu = true is on line 16 of behind.yaml and is one of the costliest answers.
    expect(stdout).toMatch(/behind\.yaml:16: gpu = true costs native [\d.]+ points/);
    expect(flat(stdout)).toContain("set chosen: web-local-cloud-processing");
  });

  it("1: the --tolerance flag overrides the profile's", () => {
    const { code, stdout } = cli(["check", "within-tolerance.yaml", "--tolerance", "5"]);
    expect(code).toBe(1);
    expect(flat(stdout)).toContain("the tolerance is 5 (set by --tolerance)");
  });

  it("1: an excluded choice names each excluding answer's line", () => {
    const { code, stdout } = cli(["check", "excluded.yaml"]);
    expect(code).toBe(1);
    expect(stdout).toMatch(
      /excluded\.yaml:7: web-cloud is excluded by\s+businessAssociate = refuse/,
    );
    expect(stdout).toMatch(/excluded\.yaml:8: web-cloud is excluded by\s+cloudAcceptance =/);
  });

  it("1: a passed review date fails", () => {
    const { code, stdout } = cli(["check", "overdue.yaml"]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/overdue\.yaml:28: the review date 2020-01-01 has passed/);
  });

  it("2: a profile without chosen says how to fix it", () => {
    const { code, stderr } = cli(["check", "no-chosen.yaml"]);
    expect(code).toBe(2);
    expect(stderr).toContain("no-chosen.yaml:2:1: error: chosen: required by check, but missing");
    expect(stderr).toContain("Add `chosen: <id>` (one of: native, web-local,");
    expect(stderr).toContain("Run deploy-advisor recommend no-chosen.yaml to see the ranking.");
  });

  it("2: an unknown strategy id is located, with a suggestion", () => {
    const { code, stderr } = cli(["check", "unknown-chosen.yaml"]);
    expect(code).toBe(2);
    expect(stderr).toContain("unknown-chosen.yaml:4:9: error: chosen: expected one of:");
    expect(stderr).toContain('(did you mean "web-cloud"?)');
  });

  it("2 wins over 1, and every other profile is still checked", () => {
    const { code, stdout, stderr } = cli([
      "check",
      "pass.yaml",
      "no-chosen.yaml",
      "behind.yaml",
      "--format",
      "json",
    ]);
    expect(code).toBe(2);
    const report = JSON.parse(stdout);
    expect(report.results.map((r: { file: string; ok: boolean }) => [r.file, r.ok])).toEqual([
      ["pass.yaml", true],
      ["no-chosen.yaml", false],
      ["behind.yaml", false],
    ]);
    expect(report.results[1].error.diagnostics[0]).toMatchObject({ line: 2, column: 1 });
    expect(report.summary).toEqual({ passed: 1, failed: 1, errors: 1 });
    expect(stderr).toContain("no-chosen.yaml:2:1");
  });

  it("2: an unknown format is a usage error", () => {
    const { code, stderr, stdout } = cli(["check", "pass.yaml", "--format", "xml"]);
    expect(code).toBe(2);
    expect(stderr).toContain("Allowed choices are text, json, github, junit");
    expect(stdout).toBe("");
  });

  it("2: a tolerance that is not a number is a usage error", () => {
    const { code, stderr } = cli(["check", "pass.yaml", "--tolerance", "ten"]);
    expect(code).toBe(2);
    expect(stderr).toContain("expected a number of points from 0 to 100");
  });
});

describe("deploy-advisor check: files", () => {
  it("checks ./deploy-advisor.yaml by default", () => {
    const dir = tempDir();
    cpSync(join(fixtures, "pass.yaml"), join(dir, "deploy-advisor.yaml"));
    const { code, stdout } = cli(["check"], dir);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^✓ deploy-advisor\.yaml: /);
  });

  it("explains what to do when there is no ./deploy-advisor.yaml", () => {
    const { code, stderr } = cli(["check"], tempDir());
    expect(code).toBe(2);
    expect(stderr).toContain("deploy-advisor.yaml: no such file");
    expect(stderr).toContain("deploy-advisor check path/to/profile.yaml");
  });

  it("expands quoted glob patterns itself, in sorted order, and summarises", () => {
    const { code, stdout } = cli(["check", "{within-tolerance,pass,unanswered}.yaml"]);
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split("\n");
    expect(lines.filter((l) => l.startsWith("✓ ")).map((l) => l.split(":")[0])).toEqual([
      "✓ pass.yaml",
      "✓ unanswered.yaml",
      "✓ within-tolerance.yaml",
    ]);
    expect(lines.at(-1)).toBe("3 profiles: 3 passed");
    // Unanswered questions are a warning, not a failure.
    expect(stdout).toMatch(/! unanswered\.yaml:\d+: 15 questions unanswered/);
  });

  it("reports a pattern that matches nothing as an input error", () => {
    const { code, stderr } = cli(["check", "pass.yaml", "nothing-*.yaml"]);
    expect(code).toBe(2);
    expect(stderr).toContain("nothing-*.yaml: no file matches this pattern");
  });
});

describe("deploy-advisor check: formats", () => {
  const all = ["pass.yaml", "behind.yaml", "excluded.yaml", "unknown-chosen.yaml"];

  it("json holds ok and one result per profile", () => {
    const { code, stdout } = cli(["check", ...all, "-f", "json"]);
    expect(code).toBe(2);
    const report = JSON.parse(stdout);
    expect(report.ok).toBe(false);
    expect(report.results).toHaveLength(4);
    expect(report.results[1]).toMatchObject({
      file: "behind.yaml",
      ok: false,
      chosen: "native",
      recommended: "web-local-cloud-processing",
    });
    expect(report.results[1].reasons[0].kind).toBe("behind");
  });

  it("github prints an annotation at each responsible line and a summary", () => {
    const { code, stdout } = cli(["check", ...all, "-f", "github"]);
    expect(code).toBe(2);
    const lines = stdout.trimEnd().split("\n");
    expect(lines).toContain(
      "::error file=excluded.yaml,line=7,title=deploy-advisor check%3A Teleradiology portal::web-cloud is excluded by businessAssociate = refuse: A cloud-served web app receives PHI, which makes the vendor a Business Associate.",
    );
    expect(
      lines.some((l) => /^::error file=behind\.yaml,line=16,.*::gpu = true costs/.test(l)),
    ).toBe(true);
    expect(lines.some((l) => l.startsWith("::error file=unknown-chosen.yaml,line=4,col=9,"))).toBe(
      true,
    );
    expect(lines.some((l) => l.startsWith("::warning file=excluded.yaml,"))).toBe(true);
    expect(lines.at(-1)).toBe(
      "deploy-advisor check: 4 profiles: 1 passed, 2 failed, 1 not checked (input error)",
    );
  });

  it("junit is valid XML with one testcase per profile", () => {
    const { code, stdout } = cli(["check", ...all, "-f", "junit"]);
    expect(code).toBe(2);
    expect(XMLValidator.validate(stdout)).toBe(true);
    const parsed = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: "",
      isArray: (name) => name === "testcase",
    }).parse(stdout);
    const suite = parsed.testsuites.testsuite;
    expect(suite).toMatchObject({ tests: "4", failures: "2", errors: "1" });
    expect(
      suite.testcase.map((t: Record<string, unknown>) => [
        t.file,
        t.failure ? "failure" : t.error ? "error" : "pass",
      ]),
    ).toEqual([
      ["pass.yaml", "pass"],
      ["behind.yaml", "failure"],
      ["excluded.yaml", "failure"],
      ["unknown-chosen.yaml", "error"],
    ]);
  });

  it("text on the same profiles lists each with its outcome", () => {
    const { code, stdout } = cli(["check", ...all]);
    expect(code).toBe(2);
    expect(stdout).toContain("✓ pass.yaml:");
    expect(stdout).toContain("✗ behind.yaml:");
    expect(stdout).toContain("✗ unknown-chosen.yaml: not checked");
  });

  it("a hostile file name cannot inject a workflow command", () => {
    const dir = tempDir();
    const name = "evil,name:%0A::error::x.yaml";
    cpSync(join(fixtures, "hostile.yaml"), join(dir, name));
    const { code, stdout } = cli(["check", name, "-f", "github"], dir);
    expect(code).toBe(1);
    const commands = stdout.split("\n").filter((l) => l.startsWith("::"));
    expect(commands.length).toBeGreaterThan(0);
    for (const line of commands) {
      expect(line).toMatch(/^::(error|warning) file=evil%2Cname%3A%250A%3A%3Aerror%3A%3Ax\.yaml,/);
      // The message part holds no further command separator from the profile's project.
      const [, properties = ""] = /^::\w+ (.*?)::/.exec(line) ?? [];
      expect(properties).not.toContain("::");
    }
  });
});

describe("recommend --record and drift", () => {
  /** A copy of the built-in rules with another version and, optionally, one more exclusion. */
  function rulesCopy(version: string, excludeChosen: boolean): string {
    const dir = join(tempDir(), "rules");
    cpSync(join(root, "rules"), dir, { recursive: true });
    const meta = join(dir, "meta.yaml");
    writeFileSync(
      meta,
      readFileSync(meta, "utf8").replace(/^rulesVersion: .*$/m, `rulesVersion: ${version}`),
    );
    if (excludeChosen) {
      const questions = join(dir, "questions.yaml");
      const anchor =
        "            reason: The third-party HIPAA platform stores PHI in its cloud.\n";
      const text = readFileSync(questions, "utf8");
      expect(text).toContain(anchor);
      writeFileSync(
        questions,
        text.replace(
          anchor,
          `${anchor}          - strategy: web-local-cloud-processing\n            reason: A test rule that moves the recommendation.\n`,
        ),
      );
    }
    return dir;
  }

  it("records the decision in place, then check reports no drift, then drift under new rules", () => {
    const dir = tempDir();
    const profile = join(dir, "deploy-advisor.yaml");
    const original = readFileSync(join(fixtures, "pass.yaml"), "utf8");
    writeFileSync(profile, original);

    const recorded = cli(["recommend", "--record"], dir);
    expect(recorded.code).toBe(0);
    expect(recorded.stdout).toContain("Recommended:");
    expect(recorded.stderr).toContain("recorded the decision in deploy-advisor.yaml");
    const updated = readFileSync(profile, "utf8");
    // Everything the person wrote, comments included, is still there, byte for byte.
    expect(updated.startsWith(original)).toBe(true);
    expect(updated.slice(original.length)).toMatch(
      /^decision:\n {2}date: \d{4}-\d{2}-\d{2}\n {2}rulesVersion: 1\.0\.0\n {2}recommended: web-local-cloud-processing\n {2}scores:\n {4}web-local-cloud-processing: 76\.2\n/,
    );

    const same = cli(["check", "-f", "json"], dir);
    expect(same.code).toBe(0);
    expect(JSON.parse(same.stdout).results[0].warnings).toEqual([]);

    // Only the version moved: a warning, still a pass; --fail-on-drift makes it a failure.
    const bumped = rulesCopy("1.1.0", false);
    const warned = cli(["--rules", bumped, "check"], dir);
    expect(warned.code).toBe(0);
    expect(warned.stdout).toMatch(/! deploy-advisor\.yaml:\d+: the decision was recorded on/);
    expect(flat(warned.stdout)).toContain("the rule base is now 1.1.0");
    const failed = cli(["check", "--rules", bumped, "--fail-on-drift", "-f", "github"], dir);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(
      /^::error file=deploy-advisor\.yaml,line=\d+,.*rule base is now 1\.1\.0/m,
    );

    // The ranking moved: the drift names both recommendations.
    const moved = rulesCopy("2.0.0", true);
    const drifted = cli(["check", "--rules", moved, "-f", "json"], dir);
    const [result] = JSON.parse(drifted.stdout).results;
    expect(result.warnings).toContainEqual(
      expect.objectContaining({
        kind: "drift",
        changed: ["recommended", "rulesVersion"],
        recorded: expect.objectContaining({ recommended: "web-local-cloud-processing" }),
        current: { rulesVersion: "2.0.0", recommended: "native-cloud-processing" },
      }),
    );

    // Recording again under the new rules clears the drift.
    expect(cli(["--rules", bumped, "recommend", "deploy-advisor.yaml", "--record"], dir).code).toBe(
      0,
    );
    const again = cli(["--rules", bumped, "check", "-f", "json"], dir);
    expect(JSON.parse(again.stdout).results[0].warnings).toEqual([]);
    expect(readFileSync(profile, "utf8").match(/^decision:/gm)).toHaveLength(1);
  });

  it("updates the file a symlink points to and keeps the link", () => {
    const dir = tempDir();
    const target = join(dir, "real.yaml");
    writeFileSync(target, readFileSync(join(fixtures, "pass.yaml"), "utf8"));
    symlinkSync("real.yaml", join(dir, "link.yaml"));
    expect(cli(["recommend", "link.yaml", "--record"], dir).code).toBe(0);
    expect(readFileSync(target, "utf8")).toContain("\ndecision:\n");
    expect(lstatSync(join(dir, "link.yaml")).isSymbolicLink()).toBe(true);
    expect(cli(["check", "link.yaml"], dir).code).toBe(0);
  });

  it("refuses to record into standard input", () => {
    const { code, stderr } = cli(["recommend", "-", "--record"]);
    expect(code).toBe(2);
    expect(stderr).toContain("--record updates the profile file");
  });
});
