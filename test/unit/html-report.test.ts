import { describe, expect, it } from "vitest";
import { recommend } from "../../src/engine/score.js";
import { html } from "../../src/report/html.js";
import { renderRecommendationHtml } from "../../src/report/recommendation/html.js";
import { buildRecommendationReport } from "../../src/report/recommendation/model.js";
import { tinyRules } from "../helpers/sensitivity.js";

describe("html tag", () => {
  it("escapes interpolated text but keeps nested html", () => {
    const inner = html`<b>${"<i>x</i>"}</b>`;
    expect(html`<p title="${`"quoted" & 'single'`}">${inner}${["<a>", 1]}</p>`.value).toBe(
      '<p title="&quot;quoted&quot; &amp; &#39;single&#39;"><b>&lt;i&gt;x&lt;/i&gt;</b>&lt;a&gt;1</p>',
    );
  });
});

describe("renderRecommendationHtml", () => {
  it("escapes strings from a custom rule base and the profile everywhere", () => {
    const rules = tinyRules();
    const alpha = rules.strategies[0];
    if (!alpha) throw new Error("tiny rules have alpha");
    alpha.name = `<img src=x onerror="alert(1)">alpha`;
    alpha.businessAssociate = {
      ...alpha.businessAssociate,
      summary: "</section><script>x</script>",
    };
    rules.meta.disclaimer = "<style>body{display:none}</style>";
    const input = {
      answers: { fast: "yes", budget: "loose", hosting: "vendor", cloud: "forbidden" },
    };
    const recommendation = recommend(rules, input);
    const page = renderRecommendationHtml(
      buildRecommendationReport(
        rules,
        recommendation,
        { file: '<x>"f".yaml', project: "A & B" },
        input,
      ),
    );
    expect(page).not.toMatch(/<img|<script|<style>body|<x>/);
    expect(page).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;alpha");
    expect(page).toContain("&lt;/section&gt;&lt;script&gt;x&lt;/script&gt;");
    expect(page).toContain("<title>Deployment recommendation: A &amp; B</title>");
    // One style element (the inline stylesheet), and the chart has a bar for each ranked strategy.
    expect(page.match(/<style>/g)).toHaveLength(1);
    expect(page.match(/class="bar( win)?"/g)).toHaveLength(recommendation.ranking.length);
  });
});
