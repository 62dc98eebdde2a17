import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { unansweredQuestions } from "../../src/engine/compiled.js";
import { reasonsFor } from "../../src/engine/explain.js";
import { effectiveAnswers, recommend, type ScoringInput } from "../../src/engine/score.js";
import type { Recommendation } from "../../src/engine/types.js";
import { parseProfileLoaded } from "../../src/profile/parse.js";
import type { RuleBase } from "../../src/rulebase/schema.js";
import { realRules, repoRoot, STRATEGY_IDS } from "../helpers/rules.js";

const rules = realRules();
const CLOUD_STRATEGIES: string[] = STRATEGY_IDS.filter(
  (id) => id !== "native" && id !== "web-local",
);

/** Every factor at importance 0, so a test can switch on exactly the factors it needs. */
function zeroWeights(ruleBase: RuleBase = rules): Record<string, number> {
  return Object.fromEntries(ruleBase.factors.map((f) => [f.id, 0]));
}

/** The part of a result that depends on scoring, without the lists of answered questions. */
function scoresOf(result: Recommendation) {
  return {
    recommended: result.recommended,
    ranking: result.ranking,
    excluded: result.excluded,
    strategies: result.strategies,
    scale: result.scale,
  };
}

/** Random answer sets: each question answered with one of its values, "unsure", or not at all. */
const answersArb = fc.record(
  Object.fromEntries(
    rules.questions.map((q) => [
      q.id,
      fc.constantFrom(undefined, "unsure", ...q.choices.map((c) => c.value)),
    ]),
  ),
) as fc.Arbitrary<Record<string, string | undefined>>;

const weightsArb = fc.option(
  fc.dictionary(fc.constantFrom(...rules.factors.map((f) => f.id)), fc.integer({ min: 0, max: 5 })),
  { nil: undefined },
);

const inputArb: fc.Arbitrary<ScoringInput> = fc
  .record({ answers: answersArb, weights: weightsArb })
  .map(({ answers, weights }) => (weights ? { answers, weights } : { answers }));

describe("hard exclusions (DESIGN.md section 3)", () => {
  const cases = [
    { question: "businessAssociate", answer: "refuse", excluded: ["web-cloud"] },
    { question: "cloudAcceptance", answer: "none", excluded: CLOUD_STRATEGIES },
    {
      question: "cloudAcceptance",
      answer: "deidentified-only",
      excluded: ["web-cloud", "web-cloud-hipaa-platform"],
    },
    {
      question: "clientDeidentification",
      answer: "infeasible",
      excluded: ["web-cloud-hipaa-platform"],
    },
  ];

  it.each(cases)("$question: $answer excludes $excluded", ({ question, answer, excluded }) => {
    const result = recommend(rules, { answers: { [question]: answer } });
    expect(result.excluded.map((e) => e.id)).toEqual(excluded);
    for (const entry of result.excluded) {
      expect(entry.reasons).toHaveLength(1);
      const [reason] = entry.reasons;
      expect(reason).toMatchObject({ question, answer });
      expect(reason?.text.length).toBeGreaterThan(10);
    }
    const ranked = result.ranking.map((r) => r.id);
    expect(ranked).toHaveLength(6 - excluded.length);
    for (const id of excluded) expect(ranked).not.toContain(id);
    expect(excluded).not.toContain(result.recommended);
    // The per-strategy results agree with the list.
    for (const s of result.strategies) expect(s.excluded).toBe(excluded.includes(s.id));
  });

  it("the other answers of those questions exclude nothing", () => {
    for (const [question, answer] of [
      ["businessAssociate", "acceptable"],
      ["businessAssociate", "avoid"],
      ["cloudAcceptance", "phi-ok"],
      ["clientDeidentification", "feasible"],
      ["clientDeidentification", "difficult"],
    ] as const) {
      expect(recommend(rules, { answers: { [question]: answer } }).excluded).toEqual([]);
    }
  });

  it("collects one reason per answer when several exclude the same strategy", () => {
    const result = recommend(rules, {
      answers: { businessAssociate: "refuse", cloudAcceptance: "none" },
    });
    const webCloud = result.excluded.find((e) => e.id === "web-cloud");
    expect(webCloud?.reasons.map((r) => [r.question, r.answer])).toEqual([
      ["businessAssociate", "refuse"],
      ["cloudAcceptance", "none"],
    ]);
    expect(result.ranking.map((r) => r.id).sort()).toEqual(["native", "web-local"]);
  });

  it("an unsure answer excludes nothing", () => {
    expect(recommend(rules, { answers: { cloudAcceptance: "unsure" } }).excluded).toEqual([]);
  });

  it("recommends nothing when every strategy is excluded", () => {
    const ruleBase = structuredClone(rules);
    const question = ruleBase.questions.find((q) => q.id === "cloudAcceptance");
    const none = question?.choices.find((c) => c.value === "none");
    none?.excludes.push(
      { strategy: "native", reason: "test" },
      { strategy: "web-local", reason: "test" },
    );
    const result = recommend(ruleBase, { answers: { cloudAcceptance: "none" } });
    expect(result.recommended).toBeNull();
    expect(result.ranking).toEqual([]);
    expect(result.excluded).toHaveLength(6);
  });
});

describe("each strategy wins for some profile (examples/)", () => {
  const files = readdirSync(join(repoRoot, "examples"))
    .filter((f) => f.endsWith(".yaml"))
    .sort();
  const examples = files.map((file) => {
    const path = join(repoRoot, "examples", file);
    return { file, profile: parseProfileLoaded(rules, path, readFileSync(path, "utf8")).profile };
  });

  it.each(examples)("$file: the recommendation is its chosen strategy", ({ profile }) => {
    expect(profile.chosen).toBeDefined();
    const result = recommend(rules, profile);
    expect(result.recommended).toBe(profile.chosen);
    expect(result.ranking[0]?.id).toBe(profile.chosen);
    // A winner by a clear margin, so the example teaches something.
    expect((result.ranking[0]?.score ?? 0) - (result.ranking[1]?.score ?? 0)).toBeGreaterThan(1);
  });

  it("together the examples make all six strategies win", () => {
    const winners = new Set(examples.map(({ profile }) => recommend(rules, profile).recommended));
    expect([...winners].sort()).toEqual([...STRATEGY_IDS].sort());
  });
});

describe("determinism", () => {
  it("the same input gives deep-equal results and byte-identical JSON", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const first = recommend(rules, input);
        const second = recommend(rules, structuredClone(input));
        expect(second).toEqual(first);
        expect(JSON.stringify(second)).toBe(JSON.stringify(first));
      }),
      { numRuns: 50 },
    );
  });

  it("the order of the answers in the profile does not matter", () => {
    fc.assert(
      fc.property(answersArb, (answers) => {
        const reversed = Object.fromEntries(Object.entries(answers).reverse());
        expect(JSON.stringify(recommend(rules, { answers: reversed }))).toBe(
          JSON.stringify(recommend(rules, { answers })),
        );
      }),
      { numRuns: 50 },
    );
  });
});

describe("unsure, missing and inapplicable answers", () => {
  it("the compiled unanswered list is effectiveAnswers' unanswered list", () => {
    let some = 0;
    fc.assert(
      fc.property(answersArb, (answers) => {
        const expected = effectiveAnswers(rules, answers).unanswered;
        expect(unansweredQuestions(rules, answers)).toEqual(expected);
        if (expected.length > 0 && expected.length < rules.questions.length) some++;
      }),
      { numRuns: 500, seed: 99 },
    );
    expect(some).toBeGreaterThan(100);
  });

  const base = { customers: "hospitals", computeDemand: "heavy", cloudAcceptance: "phi-ok" };

  it.each(["imageSize", "gpu", "businessAssociate", "lockInTolerance"])(
    "%s: unsure scores exactly like no answer and is listed as unanswered",
    (question) => {
      const absent = recommend(rules, { answers: base });
      const unsure = recommend(rules, { answers: { ...base, [question]: "unsure" } });
      expect(scoresOf(unsure)).toEqual(scoresOf(absent));
      expect(unsure.unanswered).toContain(question);
      expect(absent.unanswered).toContain(question);
      expect(unsure.unanswered).toEqual(absent.unanswered);
      // Answering it takes it off the list.
      const value = rules.questions.find((q) => q.id === question)?.choices[0]?.value as string;
      const answered = recommend(rules, { answers: { ...base, [question]: value } });
      expect(answered.unanswered).not.toContain(question);
    },
  );

  it("lists exactly the applicable questions without an answer, in questionnaire order", () => {
    const result = recommend(rules, { answers: { customers: "clinics", imageSize: "unsure" } });
    const expected = rules.questions
      .map((q) => q.id)
      // lockInTolerance is asked only when cloudAcceptance is phi-ok.
      .filter((id) => id !== "customers" && id !== "lockInTolerance");
    expect(result.unanswered).toEqual(expected);
    expect(result.ignored).toEqual([]);
  });

  it("ignores and lists answers to questions whose askWhen does not hold", () => {
    // gpu is asked only when computeDemand is not light.
    const light = { computeDemand: "light" };
    const withGpu = recommend(rules, { answers: { ...light, gpu: "true" } });
    const withoutGpu = recommend(rules, { answers: light });
    expect(withGpu.ignored).toEqual(["gpu"]);
    expect(withGpu.unanswered).not.toContain("gpu");
    expect(scoresOf(withGpu)).toEqual(scoresOf(withoutGpu));
    // The same answer counts when the question applies.
    const heavy = recommend(rules, { answers: { computeDemand: "heavy", gpu: "true" } });
    expect(heavy.ignored).toEqual([]);
    expect(heavy.importance.find((i) => i.factor === "hardware-control")?.sources).toContainEqual({
      kind: "answer",
      question: "gpu",
      answer: "true",
      weight: 4,
    });
  });

  it("ignores an exclusion whose question does not apply", () => {
    // clientDeidentification is skipped when nothing may leave the network.
    const result = recommend(rules, {
      answers: { cloudAcceptance: "none", clientDeidentification: "infeasible" },
    });
    expect(result.ignored).toEqual(["clientDeidentification"]);
    const platform = result.excluded.find((e) => e.id === "web-cloud-hipaa-platform");
    expect(platform?.reasons.map((r) => r.question)).toEqual(["cloudAcceptance"]);
  });

  it("every applicable answered question is neither unanswered nor ignored", () => {
    fc.assert(
      fc.property(answersArb, (answers) => {
        const result = recommend(rules, { answers });
        for (const id of result.unanswered) {
          expect(answers[id] === undefined || answers[id] === "unsure").toBe(true);
          expect(result.ignored).not.toContain(id);
        }
        for (const id of result.ignored) expect(answers[id]).not.toBe("unsure");
      }),
      { numRuns: 50 },
    );
  });
});

describe("weights overrides", () => {
  it("replace the importance the answers give a factor, rather than adding to it", () => {
    const overridden = recommend(rules, {
      answers: { hostingBudget: "tight" },
      weights: { "hosting-cost": 2 },
    });
    const hosting = overridden.importance.find((i) => i.factor === "hosting-cost");
    expect(hosting).toEqual({
      factor: "hosting-cost",
      importance: 2,
      sources: [{ kind: "override", weight: 2 }],
    });
    // hostingBudget only weighs hosting-cost, so with the override it changes nothing at all.
    const withoutAnswer = recommend(rules, { answers: {}, weights: { "hosting-cost": 2 } });
    expect(scoresOf(overridden)).toEqual(scoresOf(withoutAnswer));
    // Without the override the answer does count: baseline 1 + 4 for "tight".
    const plain = recommend(rules, { answers: { hostingBudget: "tight" } });
    expect(plain.importance.find((i) => i.factor === "hosting-cost")?.importance).toBe(5);
    expect(scoresOf(plain)).not.toEqual(scoresOf(overridden));
  });

  it("a weight of 0 removes a factor from every score", () => {
    const result = recommend(rules, {
      answers: { piracyConcern: "high" },
      weights: { piracy: 0 },
    });
    for (const s of result.strategies)
      expect(s.contributions.filter((c) => c.factor === "piracy")).toEqual([]);
  });

  it("every contribution of an overridden factor uses the override", () => {
    const result = recommend(rules, {
      answers: { visualization: "demanding" },
      weights: { "visualization-performance": 3 },
    });
    const contributions = result.strategies.flatMap((s) =>
      s.contributions.filter((c) => c.factor === "visualization-performance"),
    );
    expect(contributions.length).toBeGreaterThan(0);
    for (const c of contributions) {
      expect(c.importance).toBe(3);
      expect(c.sources).toEqual([
        { source: { kind: "override", weight: 3 }, points: 3 * c.impact },
      ]);
    }
  });
});

describe("scores and ranking", () => {
  it("scores lie in 0..100 and the ranking is sorted best first", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const result = recommend(rules, input);
        for (const s of result.strategies) {
          expect(s.score).toBeGreaterThanOrEqual(0);
          expect(s.score).toBeLessThanOrEqual(100);
        }
        const ranking = result.ranking;
        expect(ranking.map((r) => r.rank)).toEqual(ranking.map((_, i) => i + 1));
        for (let i = 1; i < ranking.length; i++)
          expect((ranking[i - 1]?.score ?? 0) >= (ranking[i]?.score ?? 0)).toBe(true);
        expect(result.recommended).toBe(ranking[0]?.id ?? null);
      }),
      { numRuns: 100 },
    );
  });

  it("ties are broken by the table's order", () => {
    // Only install-burden counts: web-local, web-cloud and the platform (which inherits
    // web-cloud.no-install) gain +3 each, strategy 4 nothing, native and strategy 5 lose 3.
    const result = recommend(rules, {
      answers: {},
      weights: { ...zeroWeights(), "install-burden": 5 },
    });
    expect(result.ranking).toEqual([
      { rank: 1, id: "web-local", name: expect.any(String), score: 100 },
      { rank: 2, id: "web-cloud", name: expect.any(String), score: 100 },
      { rank: 3, id: "web-cloud-hipaa-platform", name: expect.any(String), score: 100 },
      { rank: 4, id: "web-local-cloud-processing", name: expect.any(String), score: 50 },
      { rank: 5, id: "native", name: expect.any(String), score: 0 },
      { rank: 6, id: "native-cloud-processing", name: expect.any(String), score: 0 },
    ]);
  });

  it("with nothing weighed, all six tie at 50 in table order, whatever the file order", () => {
    const reversed = structuredClone(rules);
    reversed.strategies.reverse();
    for (const ruleBase of [rules, reversed]) {
      const result = recommend(ruleBase, { answers: {}, weights: zeroWeights(ruleBase) });
      expect(result.ranking.map((r) => r.id)).toEqual(STRATEGY_IDS);
      expect(result.ranking.map((r) => r.score)).toEqual([50, 50, 50, 50, 50, 50]);
    }
  });

  it("a strategy that is best on every weighed factor scores 100, worst scores 0", () => {
    // piracy only: web-cloud and native-cloud-processing prevent it (+3), native invites it (-3).
    const result = recommend(rules, { answers: {}, weights: { ...zeroWeights(), piracy: 4 } });
    const score = (id: string) => result.strategies.find((s) => s.id === id)?.score;
    expect(score("web-cloud")).toBe(100);
    expect(score("native-cloud-processing")).toBe(100);
    expect(score("native")).toBe(0);
    expect(result.scale).toEqual({ min: -12, max: 12 });
  });
});

describe("the trace is complete", () => {
  it("contributions sum to the raw score and sources sum to each contribution", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const result = recommend(rules, input);
        const importance = new Map(result.importance.map((i) => [i.factor, i]));
        for (const entry of result.importance)
          expect(entry.sources.reduce((sum, s) => sum + s.weight, 0)).toBe(entry.importance);
        for (const s of result.strategies) {
          const strategy = rules.strategies.find((x) => x.id === s.id);
          const items = [...(strategy?.advantages ?? []), ...(strategy?.disadvantages ?? [])];
          expect(s.contributions.reduce((sum, c) => sum + c.points, 0)).toBe(s.raw);
          for (const c of s.contributions) {
            expect(c.points).toBe(c.importance * c.impact);
            expect(c.importance).toBe(importance.get(c.factor)?.importance);
            expect(c.sources.reduce((sum, x) => sum + x.points, 0)).toBe(c.points);
            // Each point names an item of this strategy, or one it inherits.
            const item = items.find((i) => i.id === c.item);
            expect(item).toBeDefined();
            if (c.inheritedItem) expect(item?.inherits).toContain(c.inheritedItem);
            else expect(item?.impacts[c.factor]).toBe(c.impact);
          }
          // Grouped by answer for reading, nothing is lost either.
          const { reasons, tradeOffs } = reasonsFor(s);
          const grouped = [...reasons, ...tradeOffs].reduce((sum, r) => sum + r.points, 0);
          expect(grouped).toBe(s.raw);
        }
      }),
      { numRuns: 60 },
    );
  });

  it("names the answer behind each point", () => {
    const result = recommend(rules, { answers: { visualization: "demanding" } });
    const native = result.strategies.find((s) => s.id === "native");
    const performance = native?.contributions.find((c) => c.item === "native.performance");
    // Baseline 1 + 4 from "demanding", times the item's +3.
    expect(performance).toMatchObject({
      factor: "visualization-performance",
      impact: 3,
      points: 15,
    });
    expect(performance?.sources).toEqual([
      { source: { kind: "baseline", weight: 1 }, points: 3 },
      {
        source: { kind: "answer", question: "visualization", answer: "demanding", weight: 4 },
        points: 12,
      },
    ]);
  });
});
