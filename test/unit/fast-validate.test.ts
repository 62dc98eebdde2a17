import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { safeParse } from "zod/v4/core";
import { fastValidateProfile } from "../../src/profile/fast-validate.js";
import { isRealDate, profileSchema, UNSURE } from "../../src/profile/schema.js";
import { realRules } from "../helpers/rules.js";

const rules = realRules();
const schema = profileSchema(rules, { describe: false });

/** Values of the right shape most of the time, and every kind of wrong value some of the time. */
const wrong = fc.oneof(
  fc.constant(null),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.string({ maxLength: 8 }),
  fc.constant([]),
  fc.constant({}),
  fc.constant(Number.POSITIVE_INFINITY),
  fc.constant(Number.NaN),
);
const sometimesWrong = <T>(right: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 40, arbitrary: right }, { weight: 1, arbitrary: wrong });

const answer = (id: string) => {
  const question = rules.questions.find((q) => q.id === id);
  const values = [...(question?.choices.map((c) => c.value) ?? []), UNSURE];
  const nearMisses = fc.constantFrom("hospital", "True", "");
  const booleans = question?.type === "boolean" ? [fc.boolean()] : [];
  return sometimesWrong(
    fc.oneof(
      { weight: 30, arbitrary: fc.oneof(fc.constantFrom(...values), ...booleans) },
      { weight: 1, arbitrary: nearMisses },
    ),
  );
};
const answers = fc.record(Object.fromEntries(rules.questions.map((q) => [q.id, answer(q.id)])), {
  requiredKeys: [],
});
const strategyId = fc.oneof(
  { weight: 20, arbitrary: fc.constantFrom(...rules.strategies.map((s) => s.id)) },
  { weight: 1, arbitrary: fc.constant("web-clod") },
);
const date = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom("2026-11-30", "2028-02-29") },
  { weight: 1, arbitrary: fc.constantFrom("2027-02-29", "30/11/2026", "2026-13-01") },
);
const weights = fc.record(
  Object.fromEntries(
    rules.factors.slice(0, 5).map((f) => [f.id, sometimesWrong(fc.integer({ min: -1, max: 6 }))]),
  ),
  { requiredKeys: [] },
);
const decision = fc.record(
  {
    date: sometimesWrong(date),
    rulesVersion: sometimesWrong(fc.constantFrom("1.0.0", "")),
    recommended: sometimesWrong(fc.oneof(strategyId, fc.constant(null))),
    scores: sometimesWrong(
      fc.dictionary(
        fc.constantFrom("native", "web-cloud", "x"),
        sometimesWrong(fc.double({ min: 0, max: 100 })),
      ),
    ),
  },
  { requiredKeys: [] },
);
const base = fc.record(
  {
    version: sometimesWrong(fc.constant(1)),
    project: sometimesWrong(fc.string({ maxLength: 210 })),
    answers: sometimesWrong(answers),
    chosen: sometimesWrong(strategyId),
    rationale: sometimesWrong(fc.string({ maxLength: 20 })),
    decided: sometimesWrong(date),
    reviewBy: sometimesWrong(date),
    tolerance: sometimesWrong(fc.double({ min: -5, max: 105, noNaN: true })),
    weights: sometimesWrong(weights),
    decision: sometimesWrong(decision),
  },
  { requiredKeys: ["version"] },
);
const profile = fc.oneof(
  { weight: 9, arbitrary: base },
  { weight: 1, arbitrary: fc.tuple(base, wrong).map(([p, extra]) => ({ ...p, extra })) },
);

describe("the fast profile check", () => {
  it("accepts exactly what the zod schema accepts, with the same output", () => {
    let accepted = 0;
    fc.assert(
      fc.property(profile, (data) => {
        const fast = fastValidateProfile(rules, data);
        const slow = safeParse(schema, data);
        expect(fast !== undefined).toBe(slow.success);
        if (fast && slow.success) {
          accepted++;
          // Same values and the same key order, so reports built from either are byte-identical.
          expect(JSON.stringify(fast)).toBe(JSON.stringify(slow.data));
        }
      }),
      { seed: 20261203, numRuns: 3000 },
    );
    // The generator must reach the valid side too, or the comparison proves little.
    expect(accepted).toBeGreaterThan(50);
  });

  it("accepts every example profile", async () => {
    const { readdirSync, readFileSync } = await import("node:fs");
    const { parse } = await import("yaml");
    for (const file of readdirSync("examples")) {
      const data = parse(readFileSync(`examples/${file}`, "utf8"));
      expect(fastValidateProfile(rules, data), file).toBeDefined();
    }
  });

  it("tells real calendar dates as the calendar does, leap years included", () => {
    const pad = (n: number, width: number) => String(n).padStart(width, "0");
    for (const year of [0, 4, 100, 400, 1900, 2000, 2024, 2026, 2027, 2100, 9999])
      for (let month = 0; month <= 13; month++)
        for (let day = 0; day <= 32; day++) {
          const text = `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
          const time = Date.UTC(year, month - 1, day);
          const date = new Date(time);
          // Date.UTC maps years below 100 to 19xx, so set the year again before comparing.
          date.setUTCFullYear(year, month - 1, day);
          const calendar =
            month >= 1 &&
            month <= 12 &&
            date.getUTCFullYear() === year &&
            date.getUTCMonth() === month - 1 &&
            date.getUTCDate() === day;
          expect(isRealDate(text), text).toBe(calendar);
        }
    for (const text of ["2026-1-01", "2026-01-1", "26-01-01", "2026/01/01", " 2026-01-01", ""])
      expect(isRealDate(text), text).toBe(false);
  });
});
