import { describe, expect, it } from "vitest";
import { Interrupted } from "../../src/cli/errors.js";
import type { Progress, ReviewItem } from "../../src/questionnaire/flow.js";
import { type Prompter, runQuestionnaire } from "../../src/questionnaire/session.js";
import type { Question } from "../../src/rulebase/schema.js";
import { defaultAnswers } from "../helpers/answers.js";
import { realRules } from "../helpers/rules.js";

const ruleBase = realRules();

/**
 * A prompter that plays a script: answers come from `answers` (else the preselected default),
 * review screens return the queued changes one by one and then go on.
 */
function scripted(options: {
  answers?: Record<string, string[]>;
  changes?: string[];
  interruptAt?: string;
}) {
  const asked: { id: string; progress: Progress; default: string }[] = [];
  const reviews: ReviewItem[][] = [];
  const notices: string[] = [];
  const queue = Object.fromEntries(
    Object.entries(options.answers ?? {}).map(([k, v]) => [k, [...v]]),
  );
  const changes = [...(options.changes ?? [])];
  const prompter: Prompter = {
    async question(question: Question, { progress, default: preselected }) {
      asked.push({ id: question.id, progress, default: preselected });
      if (question.id === options.interruptAt) throw new Interrupted();
      return queue[question.id]?.shift() ?? preselected;
    },
    async review(items) {
      reviews.push(items);
      return changes.shift() ?? null;
    },
    chooseStrategy: async (_ranking, { default: d }) => d,
    text: async (_message, { default: d }) => d ?? "",
    confirm: async (_message, { default: d }) => d,
    notice: (message) => {
      notices.push(message);
    },
  };
  return { prompter, asked, reviews, notices };
}

describe("runQuestionnaire", () => {
  it("asks each applicable question once with its default, then reviews", async () => {
    const script = scripted({});
    const state = { answers: {} };
    const answers = await runQuestionnaire(ruleBase, state, script.prompter);
    const defaults = defaultAnswers(ruleBase);
    expect(script.asked).toHaveLength(21);
    for (const step of script.asked) expect(step.default).toBe(defaults[step.id]);
    expect(script.asked.map((s) => s.progress.position)).toEqual(
      Array.from({ length: 21 }, (_, i) => i + 1),
    );
    expect(script.reviews).toHaveLength(1);
    expect(script.reviews[0]?.map((i) => i.question.id)).toEqual(Object.keys(answers));
    expect(state.answers).toBe(answers);
  });

  it("re-asks a question changed on review, drops what no longer applies and asks what now does", async () => {
    const script = scripted({
      answers: {
        cloudAcceptance: ["deidentified-only", "phi-ok"],
        computeDemand: ["heavy", "light"],
      },
      changes: ["cloudAcceptance", "computeDemand"],
    });
    const answers = await runQuestionnaire(ruleBase, { answers: {} }, script.prompter);
    const ids = script.asked.map((s) => s.id);
    // 21 questions, the change to cloudAcceptance, then lock-in (now relevant), then computeDemand.
    expect(ids.slice(21)).toEqual(["cloudAcceptance", "lockInTolerance", "computeDemand"]);
    // When changing, the current answer is preselected.
    expect(script.asked[21]?.default).toBe("deidentified-only");
    expect(script.asked[22]?.progress).toEqual({ position: 21, total: 22 });
    expect(answers.cloudAcceptance).toBe("phi-ok");
    expect(answers.lockInTolerance).toBe("medium");
    expect(answers.computeDemand).toBe("light");
    expect(answers).not.toHaveProperty("gpu");
    expect(script.notices).toEqual([expect.stringContaining("gpu")]);
    expect(script.reviews).toHaveLength(3);
    expect(script.reviews[2]?.map((i) => i.question.id)).not.toContain("gpu");
  });

  it("resumes: asks only what is missing, preselecting hints", async () => {
    const start = { ...defaultAnswers(ruleBase) };
    delete start.customers;
    delete start.devBudget;
    delete start.lockInTolerance;
    const script = scripted({});
    const answers = await runQuestionnaire(
      ruleBase,
      { answers: start, hints: { customers: "hospitals" } },
      script.prompter,
    );
    expect(script.asked.map((s) => [s.id, s.default])).toEqual([
      ["customers", "hospitals"],
      ["devBudget", "moderate"],
    ]);
    expect(script.asked[1]?.progress).toEqual({ position: 19, total: 21 });
    expect(answers.customers).toBe("hospitals");
  });

  it("leaves the answers given so far in the state when interrupted", async () => {
    const script = scripted({ answers: { customers: ["clinics"] }, interruptAt: "timeSensitive" });
    const state = { answers: {} };
    await expect(runQuestionnaire(ruleBase, state, script.prompter)).rejects.toBeInstanceOf(
      Interrupted,
    );
    expect(state.answers).toEqual({
      customers: "clinics",
      visualization: "standard",
      imageSize: "large",
    });
  });
});
