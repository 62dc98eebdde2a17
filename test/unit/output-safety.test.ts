import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Chalk } from "chalk";
import { afterAll, describe, expect, it, vi } from "vitest";
import { runRecommend } from "../../src/cli/commands/recommend.js";
import { runStrategies } from "../../src/cli/commands/strategies.js";
import { plainStyle } from "../../src/cli/style.js";
import { readRuleDir } from "../../src/rulebase/read-dir.js";
import { runCli } from "../helpers/calm.js";
import { fuzzContext, miniProfile, miniRulesDir, repoRoot } from "../helpers/hostile-commands.js";

// Commands print through writeStdout (straight to fd 1); here it is captured instead.
const stdout = vi.hoisted(() => ({ chunks: [] as string[] }));
vi.mock("../../src/report/write.js", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../../src/report/write.js")>()),
  writeStdout: (text: string) => {
    stdout.chunks.push(text);
  },
}));

// Text from a profile or a rule file reaches reports: it must come out as text in every format,
// never as structure (a Markdown heading, an HTML tag), a terminal command or a second line.

const hostileProject =
  "Evil\n# Injected heading\r\n<script>alert(1)</script> \u001b[2J\u001b]0;title\u0007 \u202eevil `tick`";

/** Runs a command in-process and returns what it printed. */
async function printed(run: () => number | Promise<number>): Promise<string> {
  stdout.chunks = [];
  expect(await run()).toBe(0);
  return stdout.chunks.join("");
}

const ruleBase = readRuleDir(join(repoRoot, "rules"));
const profile = (file: string) => ({
  name: file,
  text: `version: 1\nproject: ${JSON.stringify(hostileProject)}\nanswers: {customers: hospitals}\n`,
});

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
const RAW_CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F\u202A-\u202E\u2066-\u2069]/;

describe("a hostile project name", () => {
  it("markdown: stays inside the title line, escaped", async () => {
    const out = await printed(() =>
      runRecommend(fuzzContext(ruleBase, profile("a`b.yaml")), {
        file: "x",
        format: "markdown",
      }),
    );
    const lines = out.split("\n");
    expect(lines[0]).toMatch(/^# Deployment recommendation: Evil \\# Injected heading/);
    expect(lines.filter((line) => /^#+ /.test(line) && line.includes("Injected"))).toHaveLength(1);
    expect(out).not.toContain("<script>");
    expect(out).toContain("\\<script\\>");
    // The file name sits in a code span whose fence its backtick cannot close.
    expect(out).toContain("Profile `` a`b.yaml ``");
  });

  it("text: shows control characters escaped, never sends them", async () => {
    for (const level of [0, 1] as const) {
      const context = { ...fuzzContext(ruleBase, profile("p.yaml")), style: new Chalk({ level }) };
      const out = await printed(() => runRecommend(context, { file: "x", format: "text" }));
      const title = out.split("\n")[0] ?? "";
      expect(title).toContain("\\u001b[2J");
      expect(title).toContain("\\u202eevil");
      expect(out).not.toContain("\u001b[2J");
      expect(out).not.toContain("\u202e");
      expect(out).not.toContain("\r");
      expect(out).not.toContain("\u0007");
    }
  });

  it("json: kept exactly, as JSON escapes it", async () => {
    const out = await printed(() =>
      runRecommend(fuzzContext(ruleBase, profile("p.yaml")), { file: "x", format: "json" }),
    );
    expect((JSON.parse(out) as { profile: { project: string } }).profile.project).toBe(
      hostileProject,
    );
    // JSON escapes C0 controls itself; other characters are data and stay as they are.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
    expect(out).not.toMatch(/[\u0000-\u0009\u000B-\u001F]/);
  });
});

describe("hostile text in a custom rule base", () => {
  const dir = mkdtempSync(join(tmpdir(), "deploy-advisor-hostile-rules-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  cpSync(miniRulesDir, dir, { recursive: true });
  const strategies = readFileSync(join(dir, "strategies.yaml"), "utf8")
    .replace(
      "name: Beta",
      `name: ${JSON.stringify("Beta <img src=x onerror=alert(1)>\n# H \u001b[31m")}`,
    )
    .replace(
      "text: Cheap to run at scale.",
      'text: "Cheap\\r\\n## Owned [x](javascript:alert(1)) \\e[5m"',
    );
  writeFileSync(join(dir, "strategies.yaml"), strategies);
  const hostileRules = readRuleDir(dir);
  const miniText = { name: "p.yaml", text: readFileSync(miniProfile, "utf8") };

  it("markdown: names and item texts cannot add markup", async () => {
    const out = await printed(() =>
      runRecommend(fuzzContext(hostileRules, miniText), { file: "x", format: "markdown" }),
    );
    expect(out).toContain("\\<img");
    expect(out).not.toMatch(/(^|[^\\])<img/m);
    expect(out).not.toMatch(/^#+ (H|Owned)/m);
    expect(out).not.toContain("](javascript:");
    expect(out).not.toMatch(RAW_CONTROL);
  });

  it("text: recommend and strategies show no raw control characters", async () => {
    const context = { ...fuzzContext(hostileRules, miniText), style: plainStyle };
    const text = await printed(() => runRecommend(context, { file: "x", format: "text" }));
    const list = await printed(() => runStrategies(context, { format: "text" }));
    for (const out of [text, list]) {
      expect(out).not.toMatch(RAW_CONTROL);
      expect(out).toContain("\\u001b[");
    }
  });
});

describe("messages on stderr", () => {
  it("quote the user's text escaped, one line per problem", async () => {
    const run = runCli(["recommend", "-"], {
      input: 'version: 1\n"\\e[2J\\rkey\\nsecond": 1\nproject: [1]\n',
    });
    expect(run.status).toBe(2);
    expect(run.stderr).not.toMatch(RAW_CONTROL);
    const lines = run.stderr.trim().split("\n");
    expect(lines).toContain(
      '<stdin>:2:1: error: unknown key "\\u001b[2J\\rkey\\nsecond"; expected one of: version, project, answers, chosen, rationale, decided, reviewBy, tolerance, weights, decision',
    );
    expect(lines).toContain("<stdin>:3:10: error: project: expected string, got a list");
    expect(lines).toHaveLength(3);
  });
});
