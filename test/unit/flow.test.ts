import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { effectiveAnswers } from "../../src/engine/score.js";
import {
  applicableQuestions,
  assessAnswers,
  defaultChoice,
  describeCondition,
  missingQuestions,
  nextQuestion,
  progress,
  pruneAnswers,
  type RawAnswers,
  reviewItems,
  setAnswer,
} from "../../src/questionnaire/flow.js";
import type { Question } from "../../src/rulebase/schema.js";
import { anyAnswers, defaultAnswers } from "../helpers/answers.js";
import { realRules } from "../helpers/rules.js";

const ruleBase = realRules();
const question = (id: string): Question => {
  const found = ruleBase.questions.find((q) => q.id === id);
  if (!found) throw new Error(`no question ${id}`);
  return found;
};

/** Walks the questionnaire as a person would: answer what comes next, from `pick` or the default. */
function walk(pick: Record<string, string> = {}) {
  let answers: RawAnswers = {};
  const asked: { id: string; position: number; total: number }[] = [];
  for (let q = nextQuestion(ruleBase, answers); q; q = nextQuestion(ruleBase, answers)) {
    asked.push({ id: q.id, ...progress(ruleBase, answers, q.id) });
    answers = setAnswer(ruleBase, answers, q.id, pick[q.id] ?? defaultChoice(q, answers)).answers;
    if (asked.length > 100) throw new Error("the questionnaire does not end");
  }
  return { answers, asked };
}

describe("branching", () => {
  it("asks every question in order, skipping those whose askWhen fails under the defaults", () => {
    const { asked, answers } = walk();
    const ids = asked.map((a) => a.id);
    // Defaults: heavy processing (so gpu is asked), de-identified data only (so no lock-in question).
    expect(ids).toContain("gpu");
    expect(ids).not.toContain("lockInTolerance");
    expect(ids).toEqual(
      ruleBase.questions.map((q) => q.id).filter((id) => id !== "lockInTolerance"),
    );
    expect(Object.keys(answers)).toEqual(ids);
  });

  it("skips gpu when processing is light", () => {
    const ids = walk({ computeDemand: "light" }).asked.map((a) => a.id);
    expect(ids).not.toContain("gpu");
    expect(ids).toContain("computeDemand");
  });

  it("skips the cloud questions when nothing may leave the network", () => {
    const ids = walk({ cloudAcceptance: "none" }).asked.map((a) => a.id);
    for (const id of [
      "algorithmUpdates",
      "hostingBudget",
      "clientDeidentification",
      "lockInTolerance",
    ])
      expect(ids).not.toContain(id);
  });

  it("asks about lock-in only when PHI may go to a cloud", () => {
    expect(walk({ cloudAcceptance: "phi-ok" }).asked.map((a) => a.id)).toContain("lockInTolerance");
  });

  it("treats unsure as no answer, so a question guarded by `not` still applies", () => {
    const ids = applicableQuestions(ruleBase, { computeDemand: "unsure" }).map((q) => q.id);
    expect(ids).toContain("gpu");
  });

  it("agrees with the engine on which questions apply, for any answers", () => {
    fc.assert(
      fc.property(anyAnswers(ruleBase), (answers) => {
        const engine = effectiveAnswers(ruleBase, answers);
        const flow = applicableQuestions(ruleBase, answers).map((q) => q.id);
        expect(new Set(flow)).toEqual(
          new Set([...Object.keys(engine.answers), ...engine.unanswered]),
        );
        // What pruning drops is what the engine ignores (which leaves out "unsure" ones).
        const dropped = pruneAnswers(ruleBase, answers).dropped;
        expect(dropped.filter((id) => answers[id] !== "unsure").sort()).toEqual(
          [...engine.ignored].sort(),
        );
        expect(dropped.every((id) => !flow.includes(id))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe("progress", () => {
  it("counts 1 of about 21 at the start and ends at 21 of 21 when taking the defaults", () => {
    const { asked } = walk();
    expect(asked[0]).toEqual({ id: "customers", position: 1, total: 21 });
    expect(asked.at(-1)).toEqual({ id: "clientDeidentification", position: 21, total: 21 });
    asked.forEach((step, index) => {
      expect(step.position).toBe(index + 1);
    });
  });

  it("re-estimates the total as answers switch questions on or off", () => {
    const atCloud = walk({ cloudAcceptance: "none" }).asked;
    const cloudIndex = atCloud.findIndex((a) => a.id === "cloudAcceptance");
    // Before the answer the defaults predict 21; right after it, four cloud questions are gone.
    expect(atCloud[cloudIndex]?.total).toBe(21);
    expect(atCloud[cloudIndex + 1]?.total).toBe(18);
    expect(atCloud.at(-1)).toMatchObject({ position: 18, total: 18 });

    const phi = walk({ cloudAcceptance: "phi-ok", computeDemand: "light" }).asked;
    expect(phi.at(-1)).toMatchObject({ id: "clientDeidentification", position: 21, total: 21 });
    expect(phi.find((a) => a.id === "computeDemand")?.total).toBe(22);
    expect(phi.find((a) => a.id === "ipProtection")?.total).toBe(21);
  });

  it("always places the current question within the total", () => {
    const picks: Record<string, string>[] = [
      {},
      { cloudAcceptance: "none" },
      { computeDemand: "light" },
    ];
    for (const pick of picks) {
      for (const step of walk(pick).asked) {
        expect(step.position).toBeGreaterThanOrEqual(1);
        expect(step.position).toBeLessThanOrEqual(step.total);
      }
    }
  });
});

describe("changing an answer on the review screen", () => {
  const full = walk().answers;

  it("drops answers to questions that no longer apply", () => {
    const { answers, dropped } = setAnswer(ruleBase, full, "cloudAcceptance", "none");
    expect(dropped).toEqual(["algorithmUpdates", "hostingBudget", "clientDeidentification"]);
    expect(answers.cloudAcceptance).toBe("none");
    expect(answers).not.toHaveProperty("hostingBudget");
    expect(nextQuestion(ruleBase, answers)).toBeUndefined();
    expect(reviewItems(ruleBase, answers).map((i) => i.question.id)).not.toContain("hostingBudget");
  });

  it("asks questions that now apply, and keeps every other answer", () => {
    const { answers, dropped } = setAnswer(ruleBase, full, "cloudAcceptance", "phi-ok");
    expect(dropped).toEqual([]);
    expect(nextQuestion(ruleBase, answers)?.id).toBe("lockInTolerance");
    expect(missingQuestions(ruleBase, answers)).toEqual(["lockInTolerance"]);
    const { cloudAcceptance: _changed, ...others } = answers;
    const { cloudAcceptance: _old, ...before } = full;
    expect(others).toEqual(before);
  });

  it("lists every answer with the label the person saw", () => {
    const items = reviewItems(ruleBase, { ...full, imageSize: "unsure" });
    expect(items).toHaveLength(21);
    expect(items.find((i) => i.question.id === "customers")?.label).toBe("A mix of these");
    expect(items.find((i) => i.question.id === "imageSize")?.label).toMatch(/not sure/i);
  });
});

describe("defaults", () => {
  it("preselects the given answer, then a hint, then the question's default", () => {
    const customers = question("customers");
    expect(defaultChoice(customers, { customers: "clinics" }, { customers: "hospitals" })).toBe(
      "clinics",
    );
    expect(defaultChoice(customers, {}, { customers: "hospitals" })).toBe("hospitals");
    expect(defaultChoice(customers, {}, { customers: "nonsense" })).toBe("mixed");
    expect(defaultChoice(customers, {})).toBe("mixed");
  });

  it("falls back to the first choice when a question has no default", () => {
    const noDefault = { ...question("gpu"), default: undefined };
    expect(defaultChoice(noDefault, {})).toBe("true");
  });

  it("pressing Enter everywhere gives each question's default", () => {
    const expected = defaultAnswers(ruleBase);
    const { answers } = walk();
    for (const [id, value] of Object.entries(answers)) expect(value).toBe(expected[id]);
  });
});

describe("resuming a partial profile", () => {
  it("keeps valid answers and says why each other one is dropped", () => {
    const result = assessAnswers(ruleBase, {
      customers: "hospital",
      gpuu: true,
      computeDemand: "light",
      gpu: true,
      timeSensitive: true,
      osAccess: "maybe",
      imageSize: { size: 3 },
      analytics: "unsure",
    });
    expect(result.answers).toEqual({
      timeSensitive: "true",
      computeDemand: "light",
      analytics: "unsure",
    });
    const byQuestion = Object.fromEntries(
      result.problems.map((p) => ["question" in p ? p.question : "", p]),
    );
    expect(byQuestion.customers).toMatchObject({ kind: "invalid-value", suggestion: "hospitals" });
    expect(byQuestion.customers?.message).toContain(
      "expected one of: individuals, clinics, hospitals, mixed, unsure",
    );
    expect(byQuestion.gpuu?.message).toContain('did you mean "gpu"');
    expect(byQuestion.gpu).toMatchObject({ kind: "not-applicable" });
    expect(byQuestion.gpu?.message).toContain("asked only when computeDemand is not light");
    expect(byQuestion.osAccess?.kind).toBe("invalid-value");
    expect(byQuestion.imageSize?.message).toContain('{"size":3} is not an answer');
    expect(byQuestion.osAccess?.message).toContain('"maybe" is not an answer');
    // Only what is missing or was invalid is asked; never gpu, never an answered question.
    expect(result.missing[0]).toBe("customers");
    expect(result.missing).toContain("osAccess");
    expect(result.missing).not.toContain("gpu");
    expect(result.missing).not.toContain("timeSensitive");
    expect(result.missing).not.toContain("analytics");
  });

  it("treats missing answers as all to ask, and a non-mapping as a problem", () => {
    expect(assessAnswers(ruleBase, undefined).missing).toHaveLength(21);
    const listed = assessAnswers(ruleBase, ["customers"]);
    expect(listed.problems).toEqual([expect.objectContaining({ kind: "not-a-mapping" })]);
    expect(listed.missing).toHaveLength(21);
  });

  it("has nothing to ask for a complete profile", () => {
    expect(assessAnswers(ruleBase, walk().answers)).toEqual({
      answers: walk().answers,
      problems: [],
      missing: [],
    });
  });
});

describe("describeCondition", () => {
  it("reads conditions as plain words", () => {
    expect(describeCondition({ not: { question: "cloudAcceptance", in: ["none"] } })).toBe(
      "cloudAcceptance is not none",
    );
    expect(
      describeCondition({
        all: [
          { question: "customers", in: ["clinics", "hospitals"] },
          {
            any: [
              { question: "gpu", in: ["true"] },
              { not: { all: [{ question: "a", in: ["b"] }] } },
            ],
          },
        ],
      }),
    ).toBe("customers is clinics or hospitals and gpu is true or not (a is b)");
  });
});
