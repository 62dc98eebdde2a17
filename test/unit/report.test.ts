import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Chalk, type ChalkInstance } from "chalk";
import MarkdownIt from "markdown-it";
import { describe, expect, it } from "vitest";
import { recommend } from "../../src/engine/score.js";
import { parseProfileLoaded } from "../../src/profile/parse.js";
import {
  type ExplainFormat,
  explainRenderers as explainAsDeclared,
} from "../../src/report/explain/index.js";
import { WIDTH } from "../../src/report/layout.js";
import {
  type RecommendationFormat,
  recommendationFormats,
  recommendationRenderers as renderersAsDeclared,
} from "../../src/report/recommendation/index.js";
import {
  buildRecommendationReport,
  describeSource,
  type RecommendationReport,
} from "../../src/report/recommendation/model.js";
import {
  type StrategiesFormat,
  strategiesRenderers as strategiesAsDeclared,
} from "../../src/report/strategies.js";
import type { RuleBase, Strategy } from "../../src/rulebase/schema.js";
import { realRules, repoRoot } from "../helpers/rules.js";

const rules = realRules();

// The registries as the commands call them: every renderer with the same parameters.
const recommendationRenderers: Record<
  RecommendationFormat,
  (report: RecommendationReport, style: ChalkInstance) => string
> = renderersAsDeclared;
const explainRenderers: Record<
  ExplainFormat,
  (ruleBase: RuleBase, strategy: Strategy, style: ChalkInstance) => string
> = explainAsDeclared;
const strategiesRenderers: Record<
  StrategiesFormat,
  (ruleBase: RuleBase, style: ChalkInstance) => string
> = strategiesAsDeclared;
const plain = new Chalk({ level: 0 });
// html: true, so raw HTML that slipped through would show up as HTML in the rendering.
const commonmark = new MarkdownIt("commonmark", { html: true }).enable("table");
const escapeHtml = (text: string) => new MarkdownIt().utils.escapeHtml(text);
const colour = new Chalk({ level: 1 });
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching ANSI escapes is the point.
const ANSI = /\u001b\[/;

/** Whitespace collapsed, so wrapped prose can be searched for whole sentences. */
const flat = (text: string) => text.replace(/\s+/g, " ");

/** Display width of a line: the report uses only single-width characters (█ ░ → ✗ …). */
const width = (line: string) => [...line].length;

function reportFor(
  answers: Record<string, string>,
  profile: RecommendationReport["profile"] = { file: "profile.yaml" },
  ruleBase: RuleBase = rules,
): RecommendationReport {
  return buildRecommendationReport(ruleBase, recommend(ruleBase, { answers }), profile);
}

const examples = readdirSync(join(repoRoot, "examples"))
  .filter((f) => f.endsWith(".yaml"))
  .sort()
  .map((file) => {
    const path = `examples/${file}`;
    const { profile } = parseProfileLoaded(rules, path, readFileSync(join(repoRoot, path), "utf8"));
    return {
      file,
      report: reportFor(profile.answers as Record<string, string>, {
        file: path,
        ...(profile.project ? { project: profile.project } : {}),
      }),
    };
  });

/** A report where every strategy is excluded, built on a rule base that allows it. */
function allExcludedReport(): RecommendationReport {
  const ruleBase = structuredClone(rules);
  const none = ruleBase.questions
    .find((q) => q.id === "cloudAcceptance")
    ?.choices.find((c) => c.value === "none");
  none?.excludes.push(
    { strategy: "native", reason: "Test: nothing may run at the customer either." },
    { strategy: "web-local", reason: "Test: no local servers either." },
  );
  return reportFor({ cloudAcceptance: "none" }, { file: "all-excluded.yaml" }, ruleBase);
}

describe("recommendation renderers", () => {
  const cases = recommendationFormats.flatMap((format) =>
    examples.map(({ file, report }) => ({ format, file, report })),
  );

  it.each(cases)(
    "$format for $file: plain, deterministic, names the winner",
    ({ format, report }) => {
      const render = recommendationRenderers[format];
      const out = render(report, plain);
      expect(out).not.toMatch(ANSI);
      expect(render(report, plain)).toBe(out);
      expect(out.endsWith("\n")).toBe(true);
      const winner = report.winner;
      expect(winner).not.toBeNull();
      expect(out).toContain(winner?.id as string);
      // Every format carries the disclaimer.
      expect(flat(out)).toContain(
        format === "markdown" ? "only organizations can" : flat(rules.meta.disclaimer),
      );
    },
  );

  describe("json", () => {
    it.each(examples)("$file has the contract fields", ({ report }) => {
      const json = JSON.parse(recommendationRenderers.json(report, plain));
      const { recommendation } = report;
      expect(json.recommended).toBe(recommendation.recommended);
      expect(json.ranking).toEqual(recommendation.ranking);
      for (const [i, entry] of (json.ranking as Record<string, unknown>[]).entries()) {
        expect(Object.keys(entry).sort()).toEqual(["id", "name", "rank", "score"]);
        expect(entry.rank).toBe(i + 1);
        expect(typeof entry.name).toBe("string");
        expect(typeof entry.score).toBe("number");
      }
      expect(json.excluded).toEqual(recommendation.excluded);
      for (const excluded of json.excluded as {
        id: string;
        reasons: Record<string, unknown>[];
      }[]) {
        expect(typeof excluded.id).toBe("string");
        expect(excluded.reasons.length).toBeGreaterThan(0);
        for (const reason of excluded.reasons)
          expect(Object.keys(reason).sort()).toEqual(["answer", "question", "text"]);
      }
      expect(Array.isArray(json.unanswered)).toBe(true);
      expect(json.unanswered).toEqual(recommendation.unanswered);
    });

    it("keeps the exclusion reasons of the profile", () => {
      const json = JSON.parse(
        recommendationRenderers.json(reportFor({ businessAssociate: "refuse" }), plain),
      );
      expect(json.excluded).toEqual([
        {
          id: "web-cloud",
          name: "Web app served from the cloud",
          reasons: [
            {
              question: "businessAssociate",
              answer: "refuse",
              text: "A cloud-served web app receives PHI, which makes the vendor a Business Associate.",
            },
          ],
        },
      ]);
      expect(json.unanswered).not.toContain("businessAssociate");
      expect(json.unanswered).toContain("customers");
    });

    it("says null when every strategy is excluded", () => {
      const json = JSON.parse(recommendationRenderers.json(allExcludedReport(), plain));
      expect(json.recommended).toBeNull();
      expect(json.ranking).toEqual([]);
      expect(json.excluded).toHaveLength(6);
    });
  });

  describe("text", () => {
    it.each(examples)("$file fits 80 columns without colour", ({ report }) => {
      const out = recommendationRenderers.text(report, plain);
      const wide = out.split("\n").filter((line) => width(line) > WIDTH);
      expect(wide).toEqual([]);
    });

    it.each(examples)(
      "$file shows bars, reasons, BA verdict, features and exclusions",
      ({ report }) => {
        const out = recommendationRenderers.text(report, plain);
        const text = flat(out);
        const { recommendation, winner } = report;
        if (!winner) throw new Error("every example has a winner");
        // One bar per ranked strategy, longest for the winner.
        const bars = out.split("\n").filter((line) => /[█░]{10,}/.test(line));
        expect(bars).toHaveLength(recommendation.ranking.length);
        expect(bars[0]).toContain(winner.id);
        const filled = bars.map((line) => (line.match(/█/g) ?? []).length);
        expect(filled).toEqual([...filled].sort((a, b) => b - a));
        // The winner's strongest reason: the answer, then the article item it brought into play.
        const [top] = winner.reasons;
        expect(top).toBeDefined();
        expect(out).toContain(describeSource(top?.question ?? null, top?.answer ?? null));
        expect(text).toContain(flat(top?.items[0]?.text ?? "missing"));
        // The Business Associate verdict, agreements and conditions.
        expect(out).toMatch(/Business Associate\? (Yes|No)/);
        for (const agreement of winner.businessAssociate.agreements)
          expect(text).toContain(flat(agreement.text));
        for (const condition of winner.businessAssociate.conditions)
          expect(text).toContain(flat(condition));
        for (const feature of winner.complianceFeatures) {
          expect(text).toContain(feature.name);
          expect(text).toContain(feature.citation);
        }
        for (const excluded of recommendation.excluded) {
          expect(out).toContain(`✗ ${excluded.id}`);
          for (const reason of excluded.reasons)
            expect(text).toContain(flat(`${reason.question} = ${reason.answer}: ${reason.text}`));
        }
      },
    );

    it("names both agreements for a web-cloud winner", () => {
      const report = examples.find((e) => e.report.winner?.id === "web-cloud")?.report;
      const text = flat(recommendationRenderers.text(report as RecommendationReport, plain));
      expect(text).toContain("Yes: the vendor is a Business Associate");
      expect(text).toContain(
        "A Business Associate Agreement between the vendor and every customer.",
      );
      expect(text).toContain(
        "A Business Associate Agreement between the vendor and each cloud host",
      );
    });

    it("lists unanswered and ignored questions", () => {
      const out = recommendationRenderers.text(
        reportFor({ computeDemand: "light", gpu: "true", imageSize: "unsure" }),
        plain,
      );
      expect(flat(out)).toMatch(
        /Unanswered \(counted as neutral\): customers, visualization, imageSize,/,
      );
      expect(flat(out)).toContain("Not applicable given other answers, so ignored: gpu");
    });

    it("colours only when the style asks for it", () => {
      const report = examples[0]?.report as RecommendationReport;
      expect(recommendationRenderers.text(report, colour)).toMatch(ANSI);
      // Without the escapes, the coloured text is the plain one.
      expect(
        // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping ANSI escapes.
        recommendationRenderers.text(report, colour).replace(/\u001b\[[0-9;]*m/g, ""),
      ).toBe(recommendationRenderers.text(report, plain));
    });

    it("says so when every strategy is excluded", () => {
      const out = recommendationRenderers.text(allExcludedReport(), plain);
      expect(out).toContain("No strategy remains");
      expect(out).not.toContain("Recommended:");
      expect(out.match(/✗ /g)).toHaveLength(6);
    });
  });

  describe("markdown", () => {
    it.each(examples)("$file is a review document with the same content", ({ report }) => {
      const out = recommendationRenderers.markdown(report, plain);
      const winner = report.winner;
      if (!winner) throw new Error("every example has a winner");
      const lines = out.split("\n");
      expect(lines[0]).toMatch(/^# Deployment recommendation/);
      expect(lines).toContain("## Ranking");
      expect(lines).toContain("## Business Associate status");
      expect(lines).toContain("## Compliance features to build");
      // A table row per ranked strategy, plus header and separator.
      expect(lines.filter((l) => l.startsWith("|"))).toHaveLength(
        report.recommendation.ranking.length + 2,
      );
      expect(out).toContain(`(\`${winner.id}\`)`);
      expect(lines.filter((l) => l.startsWith("- [ ] **"))).toHaveLength(
        winner.complianceFeatures.length,
      );
      for (const excluded of report.recommendation.excluded)
        expect(out).toContain(`(\`${excluded.id}\`)`);
    });

    /** The document's structure as a CommonMark parser sees it: block tokens and inline markup. */
    const structure = (markdown: string) =>
      commonmark
        .parse(markdown, {})
        .flatMap((token) =>
          token.type === "inline"
            ? (token.children ?? []).map((child) => child.type).filter((type) => type !== "text")
            : [token.type],
        );

    const hostile = [
      "<script>alert(1)</script>",
      "| a | b |",
      "*bold* _x_ `code` [link](http://x) ![img](http://x/i.png)",
      "line\n# Owned\n- item\n\n---",
      "&lt;b&gt; \\*",
    ];

    it.each(hostile)("user text %j cannot add structure or HTML", (project) => {
      const answers = { businessAssociate: "refuse" };
      const ordinary = recommendationRenderers.markdown(
        reportFor(answers, { file: "p.yaml", project: "Plain" }),
        plain,
      );
      const out = recommendationRenderers.markdown(
        reportFor(answers, { file: `x${project}.yaml`, project }),
        plain,
      );
      expect(structure(out)).toEqual(structure(ordinary));
      const html = commonmark.render(out);
      expect(html).not.toMatch(/<(script|a|img|b)[\s>]/);
      // The reader sees exactly what the user wrote (newlines become spaces).
      const shown = escapeHtml(project.replace(/\n/g, " "));
      expect(html).toContain(`<h1>Deployment recommendation: ${shown}</h1>`);
      expect(html).toContain(`<code>x${shown}.yaml</code>`);
    });

    it("a file name with backticks stays one code span", () => {
      const out = recommendationRenderers.markdown(reportFor({}, { file: "``a`b`.yaml" }), plain);
      expect(commonmark.render(out)).toContain("<code>``a`b`.yaml</code>");
    });

    it("says so when every strategy is excluded", () => {
      const out = recommendationRenderers.markdown(allExcludedReport(), plain);
      expect(out).toContain("**No strategy remains: every one is excluded by the answers.**");
      expect(out).not.toContain("## Ranking");
      expect(out).toContain("## Excluded strategies");
    });
  });
});

describe("explain renderers", () => {
  const cases = rules.strategies.map((strategy) => ({ id: strategy.id, strategy }));

  it.each(cases)("json for $id has the contract fields", ({ strategy }) => {
    const json = JSON.parse(explainRenderers.json(rules, strategy, plain));
    expect(json).toMatchObject({ id: strategy.id, name: strategy.name });
    expect(json.advantages.map((a: { id: string; text: string }) => [a.id, a.text])).toEqual(
      strategy.advantages.map((a) => [a.id, a.text]),
    );
    expect(json.disadvantages.map((a: { id: string; text: string }) => [a.id, a.text])).toEqual(
      strategy.disadvantages.map((a) => [a.id, a.text]),
    );
    expect(json.businessAssociate).toEqual(strategy.businessAssociate);
    expect(json.complianceFeatures.map((f: { id: string }) => f.id)).toEqual(
      strategy.complianceFeatures,
    );
    // What a hybrid inherits is spelled out with the original text.
    for (const item of [...json.advantages, ...json.disadvantages] as {
      inherits?: { id: string; text: string }[];
    }[])
      for (const inherited of item.inherits ?? [])
        expect(inherited.text.length).toBeGreaterThan(10);
  });

  it.each(cases)(
    "text for $id: every item, footnote, BA verdict and feature, in 80 columns",
    ({ strategy }) => {
      const out = explainRenderers.text(rules, strategy, plain);
      expect(out).not.toMatch(ANSI);
      expect(out.split("\n").filter((line) => width(line) > WIDTH)).toEqual([]);
      const text = flat(out);
      expect(flat(out).startsWith(`${strategy.number}. ${strategy.name} (${strategy.id})`)).toBe(
        true,
      );
      for (const item of [...strategy.advantages, ...strategy.disadvantages]) {
        expect(text).toContain(flat(item.text));
        expect(text).toContain(item.id);
        for (const ref of item.inherits ?? []) expect(text).toContain(`[${ref}]`);
      }
      for (const footnote of strategy.footnotes)
        expect(text).toContain(flat(`Note ${footnote.number}: ${footnote.text}`));
      expect(text).toContain(
        strategy.businessAssociate.status === "yes"
          ? "Business Associate? Yes"
          : "Business Associate? No",
      );
      for (const agreement of strategy.businessAssociate.agreements)
        expect(text).toContain(flat(agreement.text));
      expect(text).toContain(
        `Agreements to sign: ${strategy.businessAssociate.agreements.length ? "" : "none"}`.trim(),
      );
      for (const feature of strategy.complianceFeatures) {
        const f = rules.complianceFeatures.find((x) => x.id === feature);
        expect(text).toContain(`${f?.name} (${f?.citation})`);
      }
    },
  );
});

describe("strategies renderers", () => {
  it("text lists the six in table order with their BA status", () => {
    const out = strategiesRenderers.text(rules, plain);
    expect(out).not.toMatch(ANSI);
    const heads = out.split("\n").filter((line) => /^\d {2}/.test(line));
    expect(heads.map((line) => line.split(/\s+/)[1])).toEqual(rules.strategies.map((s) => s.id));
    expect(heads[2]).toContain("(BA: yes)");
    expect(heads[0]).toContain("(BA: no)");
    expect(heads[5]).toContain("(BA: no, if de-identified)");
  });

  it("json is an array of the six", () => {
    const json = JSON.parse(strategiesRenderers.json(rules, plain));
    expect(json.map((s: { id: string }) => s.id)).toEqual(rules.strategies.map((s) => s.id));
    expect(json[2]).toMatchObject({ number: 3, id: "web-cloud", businessAssociate: "yes" });
  });
});
