// Drives the real inquirer prompts through @inquirer/testing's virtual screen. The testing module
// must be imported before anything that imports @inquirer/prompts, so that its mocks apply.

import { PassThrough } from "node:stream";
import { screen } from "@inquirer/testing/vitest";
import { Chalk } from "chalk";
import { describe, expect, it } from "vitest";
import { Interrupted } from "../../src/cli/errors.js";
import { createPrompter } from "../../src/questionnaire/prompts.js";
import { runQuestionnaire } from "../../src/questionnaire/session.js";
import type { Question, RuleBase } from "../../src/rulebase/schema.js";
import { SGR } from "../helpers/ansi.js";
import { realRules } from "../helpers/rules.js";

const full = realRules();
/** Four questions with one askWhen between them keep these tests short. */
const small: RuleBase = {
  ...full,
  questions: full.questions.filter((q) =>
    ["customers", "cloudAcceptance", "computeDemand", "gpu"].includes(q.id),
  ),
};

/** A prompter whose own lines (answers, help, notices) are collected as text. */
function prompter(level: 0 | 1 = 0) {
  const sink = new PassThrough();
  let written = "";
  sink.on("data", (chunk: Buffer) => {
    written += chunk.toString("utf8");
  });
  const p = createPrompter({ output: sink, style: new Chalk({ level }) });
  return { prompter: p, written: () => written };
}

/** A question of the built-in rule base, by id. */
function q(id: string): Question {
  const found = full.questions.find((question) => question.id === id);
  if (!found) throw new Error(`no question ${id}`);
  return found;
}

describe("question prompt", () => {
  it("shows progress, short labels, not sure and the help choice, with the default preselected", async () => {
    const { prompter: p } = prompter();
    const answer = p.question(q("customers"), {
      progress: { position: 1, total: 4 },
      default: "mixed",
    });
    const shown = screen.getScreen();
    expect(shown).toContain("[1 of about 4] Who buys and runs the product?");
    expect(shown).toContain("Hospitals and health systems");
    expect(shown).toContain("Not sure (counts as neutral)");
    expect(shown).toContain("? Why does this matter");
    expect(shown).toMatch(/❯ A mix of these/);
    expect(shown).toContain("? why it matters");
    screen.keypress("enter");
    await expect(answer).resolves.toBe("mixed");
  });

  it("shows the help one key away and asks again after it is chosen", async () => {
    const { prompter: p, written } = prompter();
    const customers = q("customers");
    const answer = p.question(customers, {
      progress: { position: 1, total: 21 },
      default: "mixed",
    });
    screen.type("?");
    // The cursor jumps to the help choice, whose description is the help text itself.
    expect(screen.getScreen()).toMatch(/❯ \? Why does this matter/);
    expect(screen.getScreen()).toContain("A native app is the easiest to sell");
    screen.keypress("enter");
    await screen.next();
    // Asked again, with the default still preselected; the help stays on screen above.
    expect(screen.getScreen()).toMatch(/❯ A mix of these/);
    expect(written()).toContain("Why it matters: Who buys and runs the product?");
    expect(written()).toContain("A native app is the easiest to sell");
    screen.keypress("up");
    screen.keypress("enter");
    await expect(answer).resolves.toBe("hospitals");
    expect(written()).toContain("✔ Who buys and runs the product? Hospitals and health systems");
  });

  it("offers unsure on every question", async () => {
    const { prompter: p } = prompter();
    const gpu = q("gpu");
    const answer = p.question(gpu, { progress: { position: 12, total: 21 }, default: "false" });
    screen.keypress("down");
    screen.keypress("enter");
    await expect(answer).resolves.toBe("unsure");
  });

  it("turns Ctrl-C into Interrupted", async () => {
    const { prompter: p } = prompter();
    const answer = p.question(q("customers"), {
      progress: { position: 1, total: 21 },
      default: "mixed",
    });
    screen.keypress({ name: "c", ctrl: true });
    await expect(answer).rejects.toBeInstanceOf(Interrupted);
  });

  it("uses no colour at level 0 (NO_COLOR, --no-color) and colour otherwise", async () => {
    for (const level of [0, 1] as const) {
      const { prompter: p, written } = prompter(level);
      const answer = p.question(q("customers"), {
        progress: { position: 1, total: 21 },
        default: "mixed",
      });
      const raw = screen.getScreen({ raw: true });
      expect(SGR.test(raw)).toBe(level === 1);
      screen.keypress("enter");
      await answer;
      expect(SGR.test(written())).toBe(level === 1);
    }
  });

  it("wraps long prompts at word boundaries to fit 80 columns", async () => {
    const { prompter: p } = prompter();
    const osAccess = q("osAccess");
    const answer = p.question(osAccess, { progress: { position: 5, total: 21 }, default: "false" });
    const lines = screen.getScreen().split("\n");
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(80);
    // Broken between words, the continuation indented under the text.
    expect(lines[0]).toMatch(/ poll$/);
    expect(lines[1]).toBe("  a PACS, talk to devices)?");
    screen.keypress("enter");
    await answer;
  });
});

describe("questionnaire with review", () => {
  it("walks the questions, lists every answer on review and lets one change, re-running branching", async () => {
    const { prompter: p, written } = prompter();
    const state = { answers: {} };
    const done = runQuestionnaire(small, state, p);
    const progressSeen: string[] = [];
    for (let i = 0; i < 4; i++) {
      progressSeen.push(screen.getScreen().match(/\[\d+ of about \d+\]/)?.[0] ?? "");
      screen.keypress("enter");
      await screen.next();
    }
    expect(progressSeen).toEqual([
      "[1 of about 4]",
      "[2 of about 4]",
      "[3 of about 4]",
      "[4 of about 4]",
    ]);
    let review = screen.getScreen();
    expect(review).toContain("Review your 4 answers");
    expect(review).toMatch(/❯ Continue: show the recommendation/);
    for (const line of ["customers", "cloudAcceptance", "computeDemand", "gpu"])
      expect(review).toMatch(new RegExp(`^\\s+${line}\\s+\\S+`, "m"));
    expect(review).toMatch(/computeDemand\s+heavy\s+Heavy \(needs a strong machine\)/);

    // Jump to computeDemand by typing, change it to light: gpu no longer applies.
    screen.type("comp");
    screen.keypress("enter");
    await screen.next();
    expect(screen.getScreen()).toContain("What processing load does a case create?");
    expect(screen.getScreen()).toMatch(/❯ Heavy/);
    screen.keypress("up");
    screen.keypress("enter");
    await screen.next();
    review = screen.getScreen();
    expect(review).toContain("Review your 3 answers");
    expect(review).not.toMatch(/^\s+gpu\s/m);
    expect(written()).toContain("Dropped the answer to gpu");

    screen.keypress("enter");
    await expect(done).resolves.toEqual({
      customers: "mixed",
      cloudAcceptance: "deidentified-only",
      computeDemand: "light",
    });
  });
});

describe("decision prompts", () => {
  it("preselects the recommended strategy and marks it", async () => {
    const { prompter: p } = prompter();
    const choice = p.chooseStrategy(
      [
        { rank: 1, id: "native", name: "Native app", score: 80 },
        { rank: 2, id: "web-local", name: "Web app served locally", score: 70.5 },
      ],
      { recommended: "native", default: "native" },
    );
    expect(screen.getScreen()).toMatch(/❯ native\s+80\.0 {2}\(recommended\)/);
    expect(screen.getScreen()).toMatch(/web-local\s+70\.5/);
    screen.keypress("down");
    screen.keypress("enter");
    await expect(choice).resolves.toBe("web-local");
  });

  it("requires a rationale when there is no suggestion and reports each keystroke", async () => {
    const { prompter: p } = prompter();
    const seen: string[] = [];
    const text = p.text("Why web-local rather than native?", {
      required: true,
      onChange: (v) => seen.push(v),
    });
    screen.keypress("enter");
    await screen.next();
    expect(screen.getScreen()).toContain("You must provide a value");
    screen.type("Servers");
    expect(seen.at(-1)).toBe("Servers");
    screen.keypress("enter");
    await expect(text).resolves.toBe("Servers");
  });

  it("confirms with the given default", async () => {
    const { prompter: p } = prompter();
    const answer = p.confirm("deploy-advisor.yaml already exists. Replace it?", { default: false });
    expect(screen.getScreen()).toContain("Replace it? (y/N)");
    screen.keypress("enter");
    await expect(answer).resolves.toBe(false);
  });
});
