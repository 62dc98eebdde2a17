import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { decisionRecord } from "../../src/engine/check.js";
import { recommend } from "../../src/engine/score.js";
import { parseProfileLoaded } from "../../src/profile/parse.js";
import { serializeProfile } from "../../src/profile/serialize.js";
import { anyAnswers, defaultAnswers } from "../helpers/answers.js";
import { realRules } from "../helpers/rules.js";

const ruleBase = realRules();

describe("serializeProfile", () => {
  const answers = { ...defaultAnswers(ruleBase), timeSensitive: "true", imageSize: "unsure" };
  const recommendation = recommend(ruleBase, { answers });
  const text = serializeProfile(
    ruleBase,
    {
      project: "Stroke triage: v2 # not a comment",
      answers,
      chosen: "native",
      rationale: 'We ship to clinics first; "quotes" and: colons survive.',
      decided: "2026-11-30",
      reviewBy: "2027-06-01",
      tolerance: 15,
      weights: { "hosting-cost": 4, "lock-in": undefined },
      decision: decisionRecord(ruleBase, recommendation, "2026-11-30"),
    },
    { header: ["Written by a test."] },
  );

  it("writes a profile that the profile schema reads back unchanged", () => {
    const { profile } = parseProfileLoaded(ruleBase, "saved.yaml", text);
    expect(profile.answers).toEqual(answers);
    expect(profile).toMatchObject({
      version: 1,
      project: "Stroke triage: v2 # not a comment",
      chosen: "native",
      rationale: 'We ship to clinics first; "quotes" and: colons survive.',
      decided: "2026-11-30",
      reviewBy: "2027-06-01",
      tolerance: 15,
      weights: { "hosting-cost": 4 },
    });
    expect(profile.decision).toEqual({
      date: "2026-11-30",
      rulesVersion: ruleBase.meta.rulesVersion,
      recommended: recommendation.recommended,
      scores: Object.fromEntries(recommendation.ranking.map((r) => [r.id, r.score])),
    });
  });

  it("writes yes/no answers as YAML booleans and keeps the documented key order", () => {
    const data = parse(text) as Record<string, unknown>;
    expect((data.answers as Record<string, unknown>).timeSensitive).toBe(true);
    expect((data.answers as Record<string, unknown>).osAccess).toBe(false);
    expect(text).toMatch(/^ {2}timeSensitive: true$/m);
    expect(Object.keys(data)).toEqual([
      "version",
      "project",
      "answers",
      "chosen",
      "rationale",
      "decided",
      "reviewBy",
      "tolerance",
      "weights",
      "decision",
    ]);
    expect(Object.keys(data.answers as object)).toEqual(Object.keys(answers));
  });

  it("comments each answer with its question and explains unsure", () => {
    expect(text.startsWith("# Written by a test.\n")).toBe(true);
    expect(text).toContain("  # Who buys and runs the product?\n  customers: mixed\n");
    expect(text).toMatch(/imageSize: unsure # counted as neutral/);
  });

  it("round-trips any answers, so the saved file scores exactly as the answers did", () => {
    fc.assert(
      fc.property(anyAnswers(ruleBase), fc.string({ maxLength: 60 }), (given, rationale) => {
        const saved = serializeProfile(ruleBase, { answers: given, rationale });
        const { profile } = parseProfileLoaded(ruleBase, "p.yaml", saved);
        expect(profile.answers).toEqual(given);
        expect(profile.rationale).toBe(rationale);
        expect(recommend(ruleBase, profile)).toEqual(recommend(ruleBase, { answers: given }));
      }),
      { numRuns: 100 },
    );
  });
});
