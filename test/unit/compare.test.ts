import { describe, expect, it } from "vitest";
import { compareStrategies } from "../../src/engine/comparison.js";
import { answerInfluence } from "../../src/engine/influence.js";
import { recommend } from "../../src/engine/score.js";
import type { Strategy } from "../../src/rulebase/schema.js";
import { realRules } from "../helpers/rules.js";
import { example, exampleNames } from "../helpers/sensitivity.js";

const rules = realRules();
const strategy = (id: string) => rules.strategies.find((s) => s.id === id) as Strategy;
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

describe("compareStrategies", () => {
  it("splits compliance features into shared and own", () => {
    const { features } = compareStrategies(
      rules,
      strategy("web-cloud"),
      strategy("native-cloud-processing"),
    );
    expect(features.onlyB.map((f) => f.id)).toEqual(["de-identification", "re-identification"]);
    expect(features.onlyA).toEqual([]);
    expect(features.both.map((f) => f.id)).toContain("audit-controls");
  });

  it("lists the factors on which the article's items move the two differently", () => {
    const { impacts } = compareStrategies(rules, strategy("native"), strategy("web-cloud"));
    const byFactor = Object.fromEntries(impacts.map((r) => [r.factor, [r.a, r.b]]));
    // web-cloud's two Business Associate items weigh on that factor; native has none.
    expect(byFactor["ba-burden"]).toEqual([0, -6]);
    expect(impacts.every((r) => r.a !== r.b)).toBe(true);
  });

  it.each(exampleNames)("%s: factor points add up to the score difference", (name) => {
    const recommendation = recommend(rules, example(name));
    const ids = rules.strategies.map((s) => s.id);
    for (const a of ids) {
      for (const b of ids) {
        if (a === b) continue;
        const { profile } = compareStrategies(rules, strategy(a), strategy(b), recommendation);
        if (!profile) throw new Error("expected a profile part");
        // Each part is rounded to 0.1, so the sum may drift by a few tenths.
        const total = sum(profile.factors.map((f) => f.difference));
        expect(Math.abs(total - profile.difference)).toBeLessThanOrEqual(
          0.05 * (profile.factors.length + 2),
        );
        for (const factor of profile.factors) {
          const drivers = sum(factor.drivers.map((d) => d.points));
          expect(Math.abs(drivers - factor.difference)).toBeLessThanOrEqual(
            0.05 * (factor.drivers.length + 1),
          );
          expect(Math.abs(factor.a - factor.b - factor.difference)).toBeLessThanOrEqual(0.11);
        }
      }
    }
  });

  it("names the answers behind a factor's share", () => {
    const recommendation = recommend(rules, example("stroke-triage-hybrid"));
    const { profile } = compareStrategies(
      rules,
      strategy("web-cloud"),
      strategy("web-local-cloud-processing"),
      recommendation,
    );
    const ba = profile?.factors.find((f) => f.factor === "ba-burden");
    expect(ba?.difference).toBeLessThan(0);
    expect(ba?.drivers[0]?.source).toEqual({
      kind: "answer",
      question: "businessAssociate",
      answer: "avoid",
      weight: expect.any(Number),
    });
    expect(profile?.a.excluded).toBe(true);
    expect(profile?.b.rank).toBe(1);
  });
});

describe("answerInfluence", () => {
  it("puts the answers that rule strategies out first, then the widest swings", () => {
    const influence = answerInfluence(recommend(rules, example("stroke-triage-hybrid")));
    expect(influence[0]).toMatchObject({
      question: "cloudAcceptance",
      answer: "deidentified-only",
      excludes: ["web-cloud", "web-cloud-hipaa-platform"],
    });
    const swings = influence.filter((i) => i.excludes.length === 0).map((i) => i.swing);
    expect(swings).toEqual([...swings].sort((a, b) => b - a));
    const top = influence.find((i) => i.excludes.length === 0);
    const values = [
      "web-local-cloud-processing",
      "native-cloud-processing",
      "web-local",
      "native",
    ].map((id) => top?.points[id] ?? 0);
    expect(top?.swing).toBeCloseTo(Math.max(...values) - Math.min(...values), 1);
  });
});
