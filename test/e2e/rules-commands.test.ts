import { spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { extraQuestion, lineOf, mutatedRules, replace } from "../helpers/rule-edits.js";
import { repoRoot, tempDir } from "../helpers/rules.js";
import { runCli } from "../helpers/run-cli.js";

const json = (text: string) => JSON.parse(text) as Record<string, unknown>;

/** A question whose askWhen never holds: an error-level finding. */
const deadQuestion = extraQuestion("dead", { cloudValues: ["none"], prompt: "Never asked?" });

describe("deploy-advisor rules lint", () => {
  it("passes the built-in rule base: exit 0", () => {
    const { code, stdout } = runCli(["rules", "lint"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/rules: no problems found \(6 strategies, 22 questions, 24 factors\)/);
  });

  it("--format json --verbose reports a winning profile for each strategy", () => {
    const { code, stdout } = runCli(["rules", "lint", "--format", "json"]);
    expect(code).toBe(0);
    const report = json(stdout) as {
      ok: boolean;
      findings: unknown[];
      strategies: { id: string; canWin: boolean; answers: Record<string, string> }[];
    };
    expect(report.ok).toBe(true);
    expect(report.findings).toEqual([]);
    expect(report.strategies.map((s) => s.canWin)).toEqual([true, true, true, true, true, true]);
    // Each reported profile really makes its strategy the recommendation.
    for (const strategy of report.strategies) {
      const profile = JSON.stringify({ version: 1, answers: strategy.answers });
      const result = runCli(["recommend", "-", "--format", "json"], { input: profile });
      expect(json(result.stdout).recommended).toBe(strategy.id);
    }
    const verbose = runCli(["rules", "lint", "--verbose"]);
    expect(verbose.stdout).toContain("  native wins by");
  });

  it("exits 1 on an error finding, printed as file:line:col: error: ... [code]", () => {
    const dir = mutatedRules({ "questions.yaml": deadQuestion });
    const { code, stdout } = runCli(["rules", "lint", dir]);
    expect(code).toBe(1);
    const line = lineOf(
      join(dir, "questions.yaml"),
      "askWhen:",
      lineOf(join(dir, "questions.yaml"), "id: dead"),
    );
    expect(stdout).toContain(
      `${join(dir, "questions.yaml")}:${line}:5: error: the askWhen of "dead"`,
    );
    expect(stdout).toMatch(/\[askwhen-never-holds\]\n/);
    expect(stdout).toContain(": 1 error (6 strategies, 23 questions, 24 factors)");
  });

  it("exits 0 when there are only warnings, and lists them", () => {
    const dir = mutatedRules({
      "strategies.yaml": replace(
        "        text: The vendor pays the cloud hosting bill.\n        impacts: { hosting-cost: -2 }",
        "        text: The vendor pays the cloud hosting bill.",
      ),
    });
    const { code, stdout } = runCli(["rules", "lint", dir, "--format", "json"]);
    expect(code).toBe(0);
    const report = json(stdout) as {
      ok: boolean;
      warnings: number;
      findings: { code: string; line: number }[];
    };
    expect(report.ok).toBe(true);
    expect(report.warnings).toBe(1);
    expect(report.findings[0]).toMatchObject({
      code: "item-without-factor",
      line: lineOf(join(dir, "strategies.yaml"), "id: web-cloud.hosting-costs"),
    });
  });

  it("follows --rules when no directory is given", () => {
    const dir = mutatedRules({ "questions.yaml": deadQuestion });
    expect(runCli(["--rules", dir, "rules", "lint"]).code).toBe(1);
  });

  it("exits 2 on a load error, with file:line:col on stderr", () => {
    const dir = mutatedRules({ "questions.yaml": replace("{ os-access: 4 }", "{ os-acess: 4 }") });
    const { code, stdout, stderr } = runCli(["rules", "lint", dir]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    const line = lineOf(join(dir, "questions.yaml"), "os-acess");
    expect(stderr).toContain(
      `${join(dir, "questions.yaml")}:${line}:20: error: unknown factor "os-acess"; expected one of:`,
    );
    expect(stderr).toContain('(did you mean "os-access"?)');
  });

  it("exits 2 for a directory that does not exist, saying what a rule base holds", () => {
    const { code, stderr } = runCli(["rules", "lint", join(tempDir(), "nope")]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/nope: no such directory\nA rule base directory holds meta.yaml/);
  });
});

describe("deploy-advisor rules test", () => {
  it("runs the shipped scenarios: exit 0", () => {
    const { code, stdout } = runCli(["rules", "test"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^PASS {2}excludes-ba-refuse\.yaml/m);
    expect(stdout).toContain("10 scenarios: 10 passed");
  });

  it("exits 1 when a scenario fails, naming the line of the expectation", () => {
    const dir = mutatedRules({
      "scenarios/wins-native.yaml": replace("  winner: native\n", "  winner: web-local\n"),
    });
    const file = join(dir, "scenarios", "wins-native.yaml");
    const { code, stdout } = runCli(["rules", "test", dir]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^FAIL {2}wins-native\.yaml/m);
    expect(stdout).toContain(
      `${file}:${lineOf(file, "winner: web-local")}:11: winner: expected web-local, got native`,
    );
    expect(stdout).toContain("10 scenarios: 9 passed, 1 failed");
    const report = json(runCli(["rules", "test", dir, "--format", "json"]).stdout);
    expect(report).toMatchObject({ ok: false, passed: 9, failed: 1 });
  });

  it("exits 2 on an invalid scenario file, with file:line:col", () => {
    const dir = mutatedRules({
      "scenarios/wins-native.yaml": replace("customers: individuals", "customers: individual"),
    });
    const file = join(dir, "scenarios", "wins-native.yaml");
    const { code, stdout, stderr } = runCli(["rules", "test", dir]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain(
      `${file}:${lineOf(file, "customers: individual")}:16: error: profile.answers.customers: expected one of:`,
    );
  });

  it("exits 2 when there are no scenarios", () => {
    const dir = mutatedRules();
    rmSync(join(dir, "scenarios"), { recursive: true });
    const { code, stderr } = runCli(["rules", "test", dir]);
    expect(code).toBe(2);
    expect(stderr).toContain("scenarios: no such directory; there are no scenarios to run");
  });
});

describe("deploy-advisor schema", () => {
  it("prints the profile schema that the build also ships as a file", () => {
    const { code, stdout } = runCli(["schema", "profile"]);
    expect(code).toBe(0);
    expect(stdout).toBe(
      readFileSync(join(repoRoot, "dist", "schema", "profile.schema.json"), "utf8"),
    );
  });

  it("prints one rule file's schema, identical to the shipped file", () => {
    const { code, stdout } = runCli(["schema", "rules", "--file", "questions"]);
    expect(code).toBe(0);
    expect(stdout).toBe(
      readFileSync(join(repoRoot, "dist", "schema", "rules", "questions.schema.json"), "utf8"),
    );
    expect(json(stdout).title).toBe("deploy-advisor rule file questions.yaml");
  });

  it("follows --rules: a question added there appears in the profile schema", () => {
    const dir = mutatedRules({ "questions.yaml": deadQuestion });
    const schema = json(runCli(["--rules", dir, "schema", "profile"]).stdout) as {
      properties: { answers: { properties: Record<string, { description: string }> } };
    };
    expect(schema.properties.answers.properties.dead?.description).toBe("Never asked?");
  });

  it("exits 2 on an unknown kind or a misplaced --file", () => {
    expect(runCli(["schema", "profiles"]).code).toBe(2);
    const misplaced = runCli(["schema", "profile", "--file", "questions"]);
    expect(misplaced.code).toBe(2);
    expect(misplaced.stderr).toContain('--file applies to "schema rules" only');
  });
});

describe("deploy-advisor init", () => {
  it("writes a template that recommend accepts as written, and points at a schema that exists", () => {
    const dir = tempDir();
    const { code, stderr } = runCli(["init"], { cwd: dir });
    expect(code).toBe(0);
    expect(stderr).toContain("Wrote deploy-advisor.yaml");
    const text = readFileSync(join(dir, "deploy-advisor.yaml"), "utf8");
    const schemaRef = /^# yaml-language-server: \$schema=(.+)$/m.exec(text)?.[1] ?? "";
    expect(existsSync(schemaRef.startsWith("/") ? schemaRef : join(dir, schemaRef))).toBe(true);
    const recommend = runCli(["recommend", "deploy-advisor.yaml"], { cwd: dir });
    expect(recommend.code).toBe(0);
    expect(recommend.stdout).toContain("Recommended:");
  });

  it("links to the schema through node_modules with a relative path when installed in the project", () => {
    const project = tempDir();
    const installed = join(project, "node_modules", "deploy-advisor");
    cpSync(join(repoRoot, "dist"), join(installed, "dist"), { recursive: true });
    cpSync(join(repoRoot, "package.json"), join(installed, "package.json"));
    mkdirSync(join(project, "config"));
    const run = (args: string[]) =>
      spawnSync(process.execPath, [join(installed, "dist", "cli.js"), ...args], {
        cwd: project,
        encoding: "utf8",
      });
    expect(run(["init"]).status).toBe(0);
    expect(run(["init", "config/p.yaml"]).status).toBe(0);
    const ref = (file: string) =>
      /^# yaml-language-server: \$schema=(.+)$/m.exec(
        readFileSync(join(project, file), "utf8"),
      )?.[1];
    expect(ref("deploy-advisor.yaml")).toBe(
      "./node_modules/deploy-advisor/dist/schema/profile.schema.json",
    );
    expect(ref("config/p.yaml")).toBe(
      "../node_modules/deploy-advisor/dist/schema/profile.schema.json",
    );
  });

  it("writes the --schema reference as given", () => {
    const dir = tempDir();
    const { code } = runCli(["init", join(dir, "p.yaml"), "--schema", "./schemas/p.json"]);
    expect(code).toBe(0);
    expect(readFileSync(join(dir, "p.yaml"), "utf8")).toMatch(
      /^# yaml-language-server: \$schema=\.\/schemas\/p\.json\n/,
    );
  });

  it("never overwrites without --force: exit 2 and the file unchanged", () => {
    const dir = tempDir();
    const file = join(dir, "mine.yaml");
    writeFileSync(file, "version: 1\n# my own notes\n");
    const refused = runCli(["init", file]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("already exists; not overwriting it");
    expect(readFileSync(file, "utf8")).toBe("version: 1\n# my own notes\n");
    expect(readdirSync(dir)).toEqual(["mine.yaml"]);
    expect(runCli(["init", file, "--force"]).code).toBe(0);
    expect(readFileSync(file, "utf8")).toContain("customers: unsure");
  });
});

describe("the build", () => {
  it("embeds the rule files but none of the scenarios", () => {
    const dist = join(repoRoot, "dist");
    const bundles = readdirSync(dist)
      .filter((f) => /\.c?js$/.test(f))
      .map((f) => readFileSync(join(dist, f), "utf8"));
    expect(bundles.some((b) => b.includes("Who buys and runs the product?"))).toBe(true);
    expect(
      bundles.some((b) => b.includes("Hospital PACS server: a locally served web app wins")),
    ).toBe(false);
  });
});
