import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { runCli } from "../helpers/run-cli.js";

const stroke = "examples/stroke-triage-hybrid.yaml";
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "deploy-advisor-insight-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("recommend: sensitivity in every format", () => {
  it("text: the robustness verdict sits under the winner, the changes after the chart", () => {
    const { code, stdout } = runCli(["recommend", stroke]);
    expect(code).toBe(0);
    const lines = stdout.split("\n");
    expect(lines[3]).toMatch(/^Recommended: /);
    const score = lines.findIndex((line) => line.startsWith("  score 76.2 of 100"));
    expect(score).toBeGreaterThan(3);
    expect(score).toBeLessThan(7);
    expect(lines[score + 1]).toBe(
      "  Fragile: 1 single-answer change would change the winner (by exclusion).",
    );
    const chart = stdout.indexOf("Ranking");
    const changes = stdout.indexOf("What would change it");
    expect(chart).toBeGreaterThan(0);
    expect(changes).toBeGreaterThan(chart);
    expect(stdout).toContain("  - web-local would win if cloudAcceptance were none");
    expect(stdout).toContain("Two changes together (3 pairs among");
  });

  it("text: a robust winner says so", () => {
    const { stdout } = runCli(["recommend", "examples/desktop-3d-viewer.yaml"]);
    expect(stdout).toMatch(
      /Robust: no single answer change alters the winner; \d+ pairs of changes would\./,
    );
  });

  it("json: a sensitivity field with the verdict, the changes and what was checked", () => {
    const { code, stdout } = runCli(["recommend", stroke, "--format", "json"]);
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json.sensitivity).toMatchObject({
      verdict: "Fragile: 1 single-answer change would change the winner (by exclusion).",
      winner: "web-local-cloud-processing",
      runnerUp: "native-cloud-processing",
      margin: 11.8,
      robust: false,
      single: [
        {
          changes: [{ question: "cloudAcceptance", from: "deidentified-only", to: "none" }],
          winner: "web-local",
          winnerExcluded: true,
          lead: null,
        },
      ],
      pairCount: 3,
      openQuestions: [],
    });
    expect(json.sensitivity.pairs).toHaveLength(3);
    expect(json.sensitivity.checked.single).toBeGreaterThan(30);
  });

  it("json: an unanswered question that could change the winner is listed", () => {
    const text = readFileSync(stroke, "utf8").replace("  businessAssociate: avoid\n", "");
    const { stdout } = runCli(["recommend", "-", "--format", "json"], { input: text });
    const json = JSON.parse(stdout);
    expect(json.unanswered).toContain("businessAssociate");
    for (const open of json.sensitivity.openQuestions)
      expect(json.unanswered).toContain(open.question);
  });

  it("markdown: the verdict in bold and a section of changes", () => {
    const { stdout } = runCli(["recommend", stroke, "--format", "markdown"]);
    expect(stdout).toContain(
      "**Fragile: 1 single-answer change would change the winner \\(by exclusion\\).**",
    );
    expect(stdout).toContain("## What would change it");
  });
});

describe("recommend --out", () => {
  it("writes the report whole and never replaces a file without --force", () => {
    const out = join(dir, "report.md");
    const first = runCli(["recommend", stroke, "--format", "markdown", "--out", out]);
    expect(first.code).toBe(0);
    expect(first.stdout).toBe("");
    expect(readFileSync(out, "utf8")).toMatch(/^# Deployment recommendation: Stroke triage AI/);

    writeFileSync(out, "my notes\n");
    const again = runCli(["recommend", stroke, "--format", "html", "--out", out]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("already exists; not overwriting it");
    expect(readFileSync(out, "utf8")).toBe("my notes\n");

    const forced = runCli(["recommend", stroke, "--format", "html", "--out", out, "--force"]);
    expect(forced.code).toBe(0);
    expect(readFileSync(out, "utf8")).toMatch(/^<!doctype html>/);
  });

  it("html without --out goes to stdout", () => {
    const { code, stdout } = runCli(["recommend", stroke, "--format", "html"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^<!doctype html>[\s\S]*<\/html>\n$/);
  });
});

describe("compare", () => {
  it("text without a profile: the rule base's facts side by side", () => {
    const { code, stdout } = runCli(["compare", "web-cloud", "1"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /^3\. Web app served from the cloud \(web-cloud\) {2}vs {2}1\. Native app \(native\)/,
    );
    expect(stdout).toContain("Where the article's items differ");
    expect(stdout).toMatch(/Yes: the vendor is a Business +│ No: the vendor is not a Business/);
    expect(stdout).toContain("+ Customers neither install nor update");
  });

  it("json with a profile: the score difference split by factor and answer", () => {
    const { code, stdout } = runCli([
      "compare",
      "web-local-cloud-processing",
      "native-cloud-processing",
      stroke,
      "--format",
      "json",
    ]);
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json.a.id).toBe("web-local-cloud-processing");
    expect(json.b.businessAssociate.status).toBe("conditional");
    expect(json.profile).toMatchObject({
      file: stroke,
      project: "Stroke triage AI",
      recommended: "web-local-cloud-processing",
      difference: 11.8,
      a: { rank: 1, excluded: false },
      b: { rank: 2, excluded: false },
    });
    const first = json.profile.factors[0];
    expect(Math.abs(first.difference)).toBeGreaterThanOrEqual(
      Math.abs(json.profile.factors.at(-1).difference),
    );
    expect(first.drivers.length).toBeGreaterThan(0);
  });

  it("markdown with a profile", () => {
    const { code, stdout } = runCli(["compare", "3", "4", stroke, "--format", "markdown"]);
    expect(code).toBe(0);
    expect(stdout).toContain(
      "# Web app served from the cloud vs Web app served locally \\+ cloud processing server",
    );
    expect(stdout).toContain(
      "### Points by factor (`web-cloud` minus `web-local-cloud-processing`)",
    );
    expect(stdout).toContain("| Score | 48.6 (excluded) | 76.2 (rank 1) |");
    expect(stdout).toContain("## Business Associate implications");
  });

  it("rejects an unknown strategy and the same one twice", () => {
    const unknown = runCli(["compare", "web-clod", "native"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown strategy "web-clod"');
    expect(unknown.stderr).toContain('did you mean "web-cloud"');
    const same = runCli(["compare", "native", "1"]);
    expect(same.code).toBe(2);
    expect(same.stderr).toContain("two different strategies");
  });
});

describe("adr", () => {
  it("prints the record to stdout, or writes it with --out, refusing to overwrite", () => {
    const printed = runCli(["adr", stroke]);
    expect(printed.code).toBe(0);
    expect(printed.stdout).toMatch(/^---\nstatus: accepted\ndate: 2026-11-30\n/);

    const out = join(dir, "0001-deployment.md");
    const written = runCli(["adr", stroke, "--out", out, "--decision-makers", "Ada, Grace"]);
    expect(written.code).toBe(0);
    const record = readFileSync(out, "utf8");
    expect(record).toBe(
      printed.stdout.replace("(names of the people who made this decision)", "Ada, Grace"),
    );

    const again = runCli(["adr", stroke, "--out", out]);
    expect(again.code).toBe(2);
    expect(readFileSync(out, "utf8")).toBe(record);
    expect(runCli(["adr", stroke, "--out", out, "--force"]).code).toBe(0);
  });

  it("dates a record without a decided date today, and proposes it when nothing is chosen", () => {
    const text = readFileSync("examples/hospital-pacs-server.yaml", "utf8")
      .replace(/^chosen:.*$/m, "")
      .replace(/^decided:.*$/m, "");
    const { stdout } = runCli(["adr", "-"], { input: text });
    const front = parse(stdout.split("---\n")[1] ?? "") as Record<string, string>;
    expect(front.status).toBe("proposed");
    expect(front.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(Math.abs(Date.parse(front.date ?? "") - Date.now())).toBeLessThan(2 * 86_400_000);
  });

  it("reports a bad profile with its place and exit 2", () => {
    const { code, stderr } = runCli(["adr", "-"], {
      input: "version: 1\nanswers:\n  customers: hospitls\n",
    });
    expect(code).toBe(2);
    expect(stderr).toContain("<stdin>:3:14: error: answers.customers");
  });
});
