import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  type CheckProfile,
  calendarDate,
  checkProfile,
  DEFAULT_TOLERANCE,
  decisionRecord,
} from "../../src/engine/check.js";
import { recommend } from "../../src/engine/score.js";
import { parseProfileLoaded } from "../../src/profile/parse.js";
import { withDecision } from "../../src/profile/record.js";
import { readRuleDir } from "../../src/rulebase/read-dir.js";

const root = join(import.meta.dirname, "..", "..");
const ruleBase = readRuleDir(join(root, "rules"));
const fixture = (name: string) => join(root, "test", "fixtures", "check", name);

/** A fixture profile as the engine gets it (through the real schema). */
function load(name: string): CheckProfile {
  const { profile } = parseProfileLoaded(ruleBase, name, readFileSync(fixture(name), "utf8"));
  return { ...profile, chosen: profile.chosen as string };
}

const today = "2026-06-15";
const stroke = load("pass.yaml");

describe("checkProfile", () => {
  it("passes the best-ranked choice with no reasons", () => {
    const verdict = checkProfile(ruleBase, stroke, { today });
    expect(verdict.ok).toBe(true);
    expect(verdict.reasons).toEqual([]);
    expect(verdict.chosen).toBe("web-local-cloud-processing");
    expect(verdict.recommended).toBe("web-local-cloud-processing");
    expect(verdict.behind).toBe(0);
    expect(verdict.warnings).toEqual([]);
  });

  it("refuses an unknown strategy id (the schema keeps it from users; this guards callers)", () => {
    expect(() => checkProfile(ruleBase, { ...stroke, chosen: "web-clod" }, { today })).toThrow(
      /unknown strategy "web-clod"/,
    );
  });

  it("lists every answer that excludes the chosen strategy, with the rule base's reason", () => {
    const verdict = checkProfile(ruleBase, load("excluded.yaml"), { today });
    expect(verdict.ok).toBe(false);
    const excluded = verdict.reasons.filter((r) => r.kind === "excluded");
    expect(excluded).toEqual([
      {
        kind: "excluded",
        question: "businessAssociate",
        answer: "refuse",
        text: expect.stringContaining("Business Associate"),
      },
      {
        kind: "excluded",
        question: "cloudAcceptance",
        answer: "deidentified-only",
        text: expect.stringContaining("cloud"),
      },
    ]);
  });

  it("reports an exclusion even when the score is within tolerance", () => {
    const verdict = checkProfile(ruleBase, load("excluded.yaml"), { today, tolerance: 100 });
    expect(verdict.reasons.map((r) => r.kind)).toEqual(["excluded", "excluded"]);
  });

  it("ranks exactly as recommend does", () => {
    for (const name of ["pass.yaml", "excluded.yaml", "unanswered.yaml"]) {
      const profile = load(name);
      const { ranking } = recommend(ruleBase, profile);
      expect(checkProfile(ruleBase, profile, { today }).ranking).toEqual(
        ranking.map(({ id, score }) => ({ id, score })),
      );
    }
  });

  it("says how far behind the choice is and which answers cost it the most", () => {
    const verdict = checkProfile(ruleBase, { ...stroke, chosen: "native" }, { today });
    expect(verdict.ok).toBe(false);
    const behind = verdict.reasons.find((r) => r.kind === "behind");
    if (behind?.kind !== "behind") throw new Error("expected a behind reason");
    const ranking = verdict.ranking;
    const nativeScore = ranking.find((r) => r.id === "native")?.score as number;
    expect(behind.recommended).toBe(ranking[0]?.id);
    expect(behind.behind).toBeCloseTo((ranking[0]?.score as number) - nativeScore, 5);
    expect(behind.behind).toBeGreaterThan(DEFAULT_TOLERANCE);
    expect(behind.toleranceSource).toBe("default");
    // Largest first, all positive, all answers the profile actually gives.
    expect(behind.costs.length).toBeGreaterThan(0);
    for (const [i, cost] of behind.costs.entries()) {
      expect(cost.points).toBeGreaterThan(0);
      if (i > 0) expect(cost.points).toBeLessThanOrEqual(behind.costs[i - 1]?.points as number);
      if (cost.source !== "answer") throw new Error("expected answers only");
      expect(stroke.answers[cost.question]).toBe(cost.answer);
    }
    // The costliest answer really is one that holds the choice back: without it the gap shrinks.
    const top = behind.costs[0];
    if (top?.source !== "answer") throw new Error("expected an answer");
    const without = checkProfile(
      ruleBase,
      { ...stroke, chosen: "native", answers: { ...stroke.answers, [top.question]: "unsure" } },
      { today },
    );
    expect(without.behind as number).toBeLessThan(behind.behind);
  });

  it("names a weight override among the costs when it is what holds the choice back", () => {
    const weights = Object.fromEntries(ruleBase.factors.map((f) => [f.id, 0]));
    const factor = ruleBase.factors[0]?.id as string;
    weights[factor] = 5;
    const base = { ...stroke, weights };
    const ids = ruleBase.strategies.map((s) => s.id);
    // Some strategy trails the winner on this one factor; its only cost is the override.
    const verdicts = ids.map((chosen) =>
      checkProfile(ruleBase, { ...base, chosen }, { today, tolerance: 0 }),
    );
    const costs = verdicts.flatMap((v) =>
      v.reasons.flatMap((r) => (r.kind === "behind" ? r.costs : [])),
    );
    expect(costs.length).toBeGreaterThan(0);
    for (const cost of costs)
      expect(cost).toMatchObject({ source: "weight", factor, importance: 5 });
  });

  describe("tolerance: the flag, then the profile, then the default", () => {
    // within-tolerance.yaml trails the best by 11.8 points and sets tolerance: 15.
    const trailing = load("within-tolerance.yaml");
    const { tolerance: _ignored, ...withoutTolerance } = trailing;
    it.each([
      ["profile's 15", trailing, undefined, true, 15, "profile"],
      ["default 10", withoutTolerance, undefined, false, 10, "default"],
      ["flag 5 over profile 15", trailing, 5, false, 5, "flag"],
      ["flag 20 over default", withoutTolerance, 20, true, 20, "flag"],
      ["flag 0 over profile 15", trailing, 0, false, 0, "flag"],
    ] as const)("%s", (_name, profile, flag, ok, tolerance, source) => {
      const verdict = checkProfile(ruleBase, profile, {
        today,
        ...(flag !== undefined ? { tolerance: flag } : {}),
      });
      expect(verdict.ok).toBe(ok);
      expect(verdict.tolerance).toBe(tolerance);
      expect(verdict.toleranceSource).toBe(source);
      expect(verdict.behind).toBeGreaterThan(10);
      expect(verdict.behind).toBeLessThan(15);
    });
  });

  describe("reviewBy", () => {
    it.each([
      ["the day before", "2027-05-31", true],
      ["the day itself", "2027-06-01", true],
      ["the day after", "2027-06-02", false],
    ])("on %s (%s) the check passes: %s", (_name, day, ok) => {
      const verdict = checkProfile(ruleBase, { ...stroke, reviewBy: "2027-06-01" }, { today: day });
      expect(verdict.ok).toBe(ok);
      if (!ok)
        expect(verdict.reasons).toEqual([
          { kind: "review-overdue", reviewBy: "2027-06-01", today: day },
        ]);
    });
  });

  it("lists every reason at once: excluded, behind and overdue", () => {
    const verdict = checkProfile(
      ruleBase,
      { ...load("excluded.yaml"), reviewBy: "2020-01-01" },
      { today },
    );
    expect(verdict.reasons.map((r) => r.kind)).toEqual([
      "excluded",
      "excluded",
      "behind",
      "review-overdue",
    ]);
  });

  it("warns about unanswered questions without failing", () => {
    const verdict = checkProfile(ruleBase, load("unanswered.yaml"), { today });
    expect(verdict.ok).toBe(true);
    const warning = verdict.warnings.find((w) => w.kind === "unanswered");
    expect(warning).toBeDefined();
    if (warning?.kind !== "unanswered") return;
    expect(warning.questions).toContain("imageSize");
    // "unsure" counts as unanswered; questions skipped by askWhen do not.
    expect(warning.questions).toEqual(recommend(ruleBase, load("unanswered.yaml")).unanswered);
  });

  describe("drift", () => {
    const now = recommend(ruleBase, stroke);
    const recorded = decisionRecord(ruleBase, now, "2026-01-01");

    it("is silent when the recorded decision matches the rule base", () => {
      const verdict = checkProfile(ruleBase, { ...stroke, decision: recorded }, { today });
      expect(verdict.warnings).toEqual([]);
      expect(verdict.ok).toBe(true);
    });

    it("warns when the recorded recommendation differs", () => {
      const decision = { ...recorded, recommended: "native" };
      const verdict = checkProfile(ruleBase, { ...stroke, decision }, { today });
      expect(verdict.ok).toBe(true);
      expect(verdict.warnings).toEqual([
        {
          kind: "drift",
          recorded: { date: "2026-01-01", rulesVersion: "1.0.0", recommended: "native" },
          current: { rulesVersion: "1.0.0", recommended: "web-local-cloud-processing" },
          changed: ["recommended"],
        },
      ]);
    });

    it("warns when the rule base version differs", () => {
      const decision = { ...recorded, rulesVersion: "0.9.0" };
      const verdict = checkProfile(ruleBase, { ...stroke, decision }, { today });
      expect(verdict.warnings).toMatchObject([{ kind: "drift", changed: ["rulesVersion"] }]);
    });

    it("fails with --fail-on-drift", () => {
      const decision = { ...recorded, recommended: "native" };
      const verdict = checkProfile(ruleBase, { ...stroke, decision }, { today, failOnDrift: true });
      expect(verdict.ok).toBe(false);
      expect(verdict.reasons).toMatchObject([{ kind: "drift", changed: ["recommended"] }]);
      expect(verdict.warnings).toEqual([]);
    });
  });
});

describe("decisionRecord", () => {
  it("records the date, rule-base version, recommendation and ranked scores", () => {
    const recommendation = recommend(ruleBase, stroke);
    const record = decisionRecord(ruleBase, recommendation, "2026-11-30");
    expect(record.date).toBe("2026-11-30");
    expect(record.rulesVersion).toBe(ruleBase.meta.rulesVersion);
    expect(record.recommended).toBe(recommendation.recommended);
    expect(Object.entries(record.scores)).toEqual(
      recommendation.ranking.map((r) => [r.id, r.score]),
    );
  });

  it("records null when every strategy is excluded", () => {
    const recommendation = { ...recommend(ruleBase, stroke), recommended: null, ranking: [] };
    expect(decisionRecord(ruleBase, recommendation, "2026-11-30")).toMatchObject({
      recommended: null,
      scores: {},
    });
  });
});

describe("calendarDate", () => {
  it("formats the local calendar date with zero padding", () => {
    expect(calendarDate(new Date(2026, 0, 5, 23, 59))).toBe("2026-01-05");
    expect(calendarDate(new Date(2027, 11, 31, 0, 0))).toBe("2027-12-31");
  });
});

describe("withDecision", () => {
  const record = decisionRecord(ruleBase, recommend(ruleBase, stroke), "2026-11-30");
  const text = readFileSync(fixture("pass.yaml"), "utf8");

  it("adds the block to YAML and keeps every comment and line the person wrote", () => {
    const updated = withDecision(text, record);
    expect(updated.startsWith(text)).toBe(true);
    const { profile } = parseProfileLoaded(ruleBase, "p.yaml", updated);
    expect(profile.decision).toEqual(record);
  });

  it("replaces an earlier block in place instead of adding a second one", () => {
    const once = withDecision(text, { ...record, rulesVersion: "0.1.0" });
    const twice = withDecision(once, record);
    expect(twice.match(/^decision:/gm)).toHaveLength(1);
    expect(twice).toBe(withDecision(text, record));
  });

  it("keeps long lines unfolded", () => {
    const long = `version: 1\nrationale: ${"word ".repeat(40).trim()} # why\nchosen: native\n`;
    expect(withDecision(long, record).startsWith(long)).toBe(true);
  });

  it("keeps a JSON profile JSON", () => {
    const json = JSON.stringify({
      version: 1,
      chosen: "native",
      answers: { customers: "clinics" },
    });
    const updated = withDecision(json, record);
    const data = JSON.parse(updated);
    expect(data.decision).toEqual(record);
    expect(data.answers).toEqual({ customers: "clinics" });
    expect(Object.keys(data)).toEqual(["version", "chosen", "answers", "decision"]);
  });
});
