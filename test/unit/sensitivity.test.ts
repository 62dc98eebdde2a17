import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { recommend, type ScoringInput } from "../../src/engine/score.js";
import { type Sensitivity, sensitivityOf, type WhatIf } from "../../src/engine/sensitivity.js";
import type { RuleBase } from "../../src/rulebase/schema.js";
import { realRules } from "../helpers/rules.js";
import {
  bruteForce,
  changeKey,
  example,
  exampleNames,
  tinyRules,
  winnerAfter,
} from "../helpers/sensitivity.js";

function analyse(ruleBase: RuleBase, input: ScoringInput): Sensitivity {
  return sensitivityOf(ruleBase, input, recommend(ruleBase, input));
}

const summary = (ruleBase: RuleBase, list: WhatIf[]) =>
  list.map((w) => [changeKey(ruleBase, w.changes), w.winner, w.winnerExcluded, w.lead]);

/**
 * Applies every reported change with `recommend` from scratch: the winner must really change to
 * the one reported, by the reported lead, and no reported pair may hold a change that works alone.
 */
function verifyByRescoring(ruleBase: RuleBase, input: ScoringInput, sensitivity: Sensitivity) {
  const before = recommend(ruleBase, input).recommended;
  for (const whatIf of [...sensitivity.single, ...sensitivity.pairs]) {
    const after = winnerAfter(ruleBase, input, whatIf.changes);
    expect(after.recommended, changeKey(ruleBase, whatIf.changes)).not.toBe(before);
    expect(after.recommended).toBe(whatIf.winner);
    const old = after.strategies.find((s) => s.id === before);
    expect(old?.excluded).toBe(whatIf.winnerExcluded);
    if (whatIf.lead !== null && old) {
      const next = after.strategies.find((s) => s.id === whatIf.winner);
      // Scores are rounded to 0.1 each, the lead once: they agree within rounding.
      expect(Math.abs((next?.score ?? 0) - old.score - whatIf.lead)).toBeLessThanOrEqual(0.11);
    }
  }
  for (const pair of sensitivity.pairs) {
    expect(pair.changes).toHaveLength(2);
    for (const change of pair.changes)
      expect(winnerAfter(ruleBase, input, [change]).recommended).toBe(before);
  }
}

/** The analysis must find exactly what scoring every variant with `recommend` finds. */
function verifyAgainstBruteForce(ruleBase: RuleBase, input: ScoringInput) {
  const sensitivity = analyse(ruleBase, input);
  verifyByRescoring(ruleBase, input, sensitivity);
  const slow = bruteForce(ruleBase, input);
  expect(sensitivity.winner).toBe(slow.winner);
  const singles = new Map(
    sensitivity.single.map((w) => [changeKey(ruleBase, w.changes), w.winner]),
  );
  expect(singles).toEqual(slow.singles);
  expect(sensitivity.pairCount).toBe(slow.pairs.size);
  for (const pair of sensitivity.pairs)
    expect(slow.pairs.get(changeKey(ruleBase, pair.changes))).toBe(pair.winner);
  return sensitivity;
}

describe("sensitivity on a rule base scored by hand", () => {
  const rules = tinyRules();
  // speed 2 (fast = yes): alpha 4, beta -2, gamma excluded (cloud = forbidden); privacyNeed is
  // ignored because cloud is not allowed. Scale: speed impacts run -1..2, so -2..4.
  const profileA = {
    answers: {
      fast: "yes",
      budget: "loose",
      hosting: "vendor",
      cloud: "forbidden",
      privacyNeed: "high",
    },
  };

  it("finds the margin and every single change that flips the winner", () => {
    const s = analyse(rules, profileA);
    expect(s.winner).toBe("alpha");
    expect(s.runnerUp).toBe("beta");
    expect(s.margin).toBe(100);
    expect(s.robust).toBe(false);
    expect(summary(rules, s.single)).toEqual([
      // hosting = none excludes alpha; gamma is still excluded, so beta is left.
      ["hosting=none", "beta", true, null],
      // cost 3: alpha 4 - 3 = 1, beta -2 + 6 = 4; scale -5..10, so (4 - 1) / 15 = 20 points.
      ["budget=tight", "beta", false, 20],
      // gamma is no longer excluded and privacyNeed = high now counts: gamma -2 + 8 = 6 > 4;
      // scale -2..12, so 2 / 14 = 14.3 points. Only re-scoring the whole profile sees this.
      ["cloud=allowed", "gamma", false, 14.3],
    ]);
    verifyByRescoring(rules, profileA, s);
  });

  it("lists only minimal pairs", () => {
    const s = analyse(rules, profileA);
    // fast = no alone leaves a three-way tie at 0 (alpha wins it), budget = medium alone leaves
    // alpha 3 vs beta 0; together: alpha -1, beta 2, on a -1..2 scale: 100 points.
    expect(summary(rules, s.pairs)).toEqual([["fast=no & budget=medium", "beta", false, 100]]);
    expect(s.pairCount).toBe(1);
    // budget = tight with anything would flip too, but it flips alone: no such pair is listed.
    expect(s.pairs.some((p) => p.changes.some((c) => c.to === "tight"))).toBe(false);
    verifyAgainstBruteForce(rules, profileA);
  });

  it("pairs a change with a question it switches on through askWhen", () => {
    // privacyNeed unanswered: cloud = allowed alone un-excludes gamma but gives it nothing.
    const input = {
      answers: { fast: "yes", budget: "loose", hosting: "vendor", cloud: "forbidden" },
    };
    const s = verifyAgainstBruteForce(rules, input);
    expect(summary(rules, s.pairs)).toEqual([
      ["fast=no & budget=medium", "beta", false, 100],
      ["cloud=allowed & privacyNeed=high", "gamma", false, 14.3],
    ]);
    // Scored afresh: cloud = allowed (an askWhen condition), and its pairs with the two answers to
    // the question it switches on. Everything else is exact arithmetic on those scores.
    expect(s.checked.rescored).toBe(3);
  });

  it("names the unanswered questions that could change the winner", () => {
    const input = {
      answers: { fast: "yes", budget: "loose", hosting: "vendor", cloud: "allowed" },
    };
    const s = verifyAgainstBruteForce(rules, input);
    expect(s.openQuestions).toEqual([
      { question: "privacyNeed", answers: [{ answer: "high", winner: "gamma" }] },
    ]);
    const change = s.single.find((w) => w.changes[0]?.question === "privacyNeed")?.changes[0];
    expect(change).toEqual({ question: "privacyNeed", from: null, to: "high" });
  });

  it("counts weights overrides: an overridden factor cannot be moved by answers", () => {
    const input = { ...profileA, weights: { speed: 0 } };
    const s = verifyAgainstBruteForce(rules, input);
    expect(s.single.map((w) => changeKey(rules, w.changes))).not.toContain("fast=no");
  });
});

describe("sensitivity on the built-in rule base", () => {
  const rules = realRules();

  it("stroke triage: only ruling the cloud out entirely changes the winner", () => {
    const s = verifyAgainstBruteForce(rules, example("stroke-triage-hybrid"));
    expect(s.winner).toBe("web-local-cloud-processing");
    expect(s.runnerUp).toBe("native-cloud-processing");
    expect(s.margin).toBe(11.8);
    expect(summary(rules, s.single)).toEqual([["cloudAcceptance=none", "web-local", true, null]]);
  });

  it("desktop viewer: robust to any single change, not to every pair", () => {
    const s = verifyAgainstBruteForce(rules, example("desktop-3d-viewer"));
    expect(s.robust).toBe(true);
    expect(s.single).toEqual([]);
    expect(s.pairCount).toBeGreaterThan(0);
    // Every pair needs the customers to let data leave, since nothing else brings a cloud back.
    for (const pair of s.pairs)
      expect(pair.changes.map((c) => c.question)).toContain("cloudAcceptance");
  });

  it("web-cloud would win if businessAssociate were acceptable", () => {
    // The teleradiology example, but the company would rather not be a Business Associate and
    // can carry little hosting cost: the hybrid with on-site de-identification edges ahead.
    const profile = example("cloud-teleradiology");
    const input = {
      answers: { ...profile.answers, businessAssociate: "avoid", hostingBudget: "tight" },
    };
    const s = verifyAgainstBruteForce(rules, input);
    expect(s.winner).toBe("web-local-cloud-processing");
    const flip = s.single.find(
      (w) => changeKey(rules, w.changes) === "businessAssociate=acceptable",
    );
    expect(flip).toMatchObject({
      winner: "web-cloud",
      winnerExcluded: false,
      changes: [{ question: "businessAssociate", from: "avoid", to: "acceptable" }],
    });
  });

  it.each(exampleNames)("%s: agrees with re-scoring every variant", (name) => {
    verifyAgainstBruteForce(rules, example(name));
  });

  it("agrees with re-scoring every variant on random profiles", () => {
    const answer = (values: string[]) =>
      fc.option(fc.constantFrom(...values, "unsure"), { nil: undefined });
    const profile = fc.record(
      Object.fromEntries(rules.questions.map((q) => [q.id, answer(q.choices.map((c) => c.value))])),
    );
    fc.assert(
      fc.property(profile, (answers) => {
        verifyAgainstBruteForce(rules, { answers: answers as Record<string, string | undefined> });
      }),
      { numRuns: 8, seed: 20201028 },
    );
  });
});
