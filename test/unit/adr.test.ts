import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { recommend } from "../../src/engine/score.js";
import { parseProfileLoaded } from "../../src/profile/parse.js";
import { renderAdr } from "../../src/report/adr.js";
import { buildRecommendationReport } from "../../src/report/recommendation/model.js";
import { realRules, repoRoot } from "../helpers/rules.js";

function adrFor(file: string, text: string, options: { decisionMakers?: string } = {}) {
  const ruleBase = realRules();
  const { profile } = parseProfileLoaded(ruleBase, file, text);
  const report = buildRecommendationReport(
    ruleBase,
    recommend(ruleBase, profile),
    { file, ...(profile.project ? { project: profile.project } : {}) },
    profile,
  );
  return renderAdr({ report, profile, today: "2026-12-03", ...options });
}

const exampleText = (name: string) =>
  readFileSync(join(repoRoot, "examples", `${name}.yaml`), "utf8");

/** The MADR 4 sections, in order. */
const MADR_HEADINGS = [
  "## Context and Problem Statement",
  "## Decision Drivers",
  "## Considered Options",
  "## Decision Outcome",
  "### Consequences",
  "### Confirmation",
  "## Pros and Cons of the Options",
  "## More Information",
];

function frontMatter(adr: string): Record<string, unknown> {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(adr);
  expect(match, "front matter").not.toBeNull();
  return parse(match?.[1] ?? "") as Record<string, unknown>;
}

describe("adr", () => {
  const stroke = adrFor("examples/stroke-triage-hybrid.yaml", exampleText("stroke-triage-hybrid"));

  // The snapshot lives under test/fixtures, which the formatter leaves alone.
  it("matches the reviewed record for the stroke triage example", async () => {
    await expect(stroke).toMatchFileSnapshot("../fixtures/adr/stroke-triage-hybrid.adr.md");
  });

  it("follows the MADR 4 layout", () => {
    expect(frontMatter(stroke)).toEqual({
      status: "accepted",
      date: "2026-11-30",
      "decision-makers": "(names of the people who made this decision)",
    });
    const headings = stroke.split("\n").filter((line) => /^#{2,3} /.test(line));
    const positions = MADR_HEADINGS.map((h) => headings.indexOf(h));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    // All six options are considered, and each has its pros and cons.
    const options = stroke.split("## Considered Options")[1]?.split("## Decision Outcome")[0] ?? "";
    for (const strategy of realRules().strategies) {
      expect(options).toContain(`(\`${strategy.id}\`)`);
      expect(stroke).toContain(`\`${strategy.advantages[0]?.id}\``);
    }
  });

  it("answers why this, and what would change it", () => {
    expect(stroke).toContain(
      'Chosen option: "Web app served locally \\+ cloud processing server" (`web-local-cloud-processing`), because it ranks first',
    );
    expect(stroke).toContain("* `cloudAcceptance = deidentified-only`");
    expect(stroke).toContain("rules out `web-cloud`, `web-cloud-hipaa-platform`");
    expect(stroke).toContain("Agreements to sign:\n\n* none");
    expect(stroke).toContain("* [ ] **Re-identification codes kept on site**");
    expect(stroke).toContain("deploy-advisor check examples/stroke-triage-hybrid.yaml");
    expect(stroke).toContain("### What would change this decision");
    expect(stroke).toContain("web-local would win if cloudAcceptance were none");
  });

  it("proposes the recommendation when the profile has not chosen, dated today", () => {
    const text = exampleText("desktop-3d-viewer").replace(/^chosen:.*$/m, "");
    const adr = adrFor("deploy-advisor.yaml", text, { decisionMakers: "Ada, Grace" });
    expect(frontMatter(adr)).toMatchObject({
      status: "proposed",
      date: "2026-12-03",
      "decision-makers": "Ada, Grace",
    });
    expect(adr).toContain('Chosen option: "Native app" (`native`)');
    expect(adr).toContain("add `chosen: native`");
    expect(adr).toContain("```sh\ndeploy-advisor check\n```");
  });

  it("says so when the chosen option is not the one ranked first", () => {
    const text = exampleText("stroke-triage-hybrid").replace(
      "chosen: web-local-cloud-processing",
      "chosen: web-local",
    );
    const adr = adrFor("p.yaml", text);
    expect(adr).toContain(
      'Chosen option: "Web app served locally" (`web-local`), because the team chose it.',
    );
    expect(adr).toMatch(
      /ranks `web-local-cloud-processing` first \(score 76\.2\); the chosen option scores 58\.7, 17\.5 points behind, which is beyond the 10-point tolerance/,
    );
  });

  it("escapes profile strings: Markdown in the body, YAML in the front matter", () => {
    const text = `${exampleText("stroke-triage-hybrid")
      .replace(
        "project: Stroke triage AI",
        'project: "# Evil <b>bold</b> [link](https://x.invalid) *"',
      )
      .replace(/^rationale:.*$/m, 'rationale: "|table| `code` <script>x</script>"')}`;
    const adr = adrFor("p.yaml", text, { decisionMakers: 'Ann: "lead"\n---\nstatus: hacked' });
    expect(frontMatter(adr)).toMatchObject({
      status: "accepted",
      "decision-makers": 'Ann: "lead"\n---\nstatus: hacked',
    });
    expect(adr).toContain(
      "# Deploy \\# Evil \\<b\\>bold\\</b\\> \\[link\\]\\(https://x.invalid\\) \\*",
    );
    expect(adr).not.toContain("<script>");
    expect(adr).not.toContain("[link](");
    expect(adr).toContain("\\|table\\| \\`code\\`");
  });
});
