// The questionnaire in a real terminal: tmux runs the built CLI at 80x30, keys go in with
// send-keys, and capture-pane shows what a person would see. Saved files are then checked by
// running `recommend` on them, as a user would.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { SGR } from "../helpers/ansi.js";
import { defaultAnswers } from "../helpers/answers.js";
import { realRules, removeDir, tempDir } from "../helpers/rules.js";
import { CLI, runCli } from "../helpers/run-cli.js";
import { requireTmux, TmuxSession } from "../helpers/tmux.js";

const cli = CLI;
const ruleBase = realRules();
const sessions: TmuxSession[] = [];
const dirs: string[] = [];

function workdir(): string {
  const dir = tempDir("deploy-advisor-ask-");
  dirs.push(dir);
  return dir;
}

function terminal(cwd: string, env: Record<string, string> = {}): TmuxSession {
  const session = new TmuxSession({ cwd, env: { NO_COLOR: "1", ...env }, width: 80, height: 30 });
  sessions.push(session);
  return session;
}

/** `recommend --format json` on a saved file: it must pass unchanged. */
function recommendJson(cwd: string, file: string) {
  const run = runCli(["recommend", file, "--format", "json"], { cwd });
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as {
    recommended: string | null;
    unanswered: string[];
    ranking: { id: string; score: number }[];
  };
}

/** `check` on a saved file: the choice as recorded must pass, with nothing to fix first. */
function expectCheckPasses(cwd: string, file: string): void {
  const run = runCli(["check", file], { cwd });
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
}

/** One exchange: wait until the screen shows `wait`, then press `keys` (or type `text`). */
type Step = { wait: string | RegExp; keys?: string[]; text?: string };

/** Plays a conversation with the program, one step at a time, never typing ahead of it. */
async function play(t: TmuxSession, steps: Step[]): Promise<void> {
  for (const step of steps) {
    await t.waitFor(step.wait);
    if (step.keys) t.send(step.keys);
    if (step.text !== undefined) t.send([step.text], { literal: true });
  }
}

/** Enter on questions from..to, each after its progress line shows. */
function enterThrough(from: number, to: number, total: number): Step[] {
  return Array.from({ length: to - from + 1 }, (_, i) => ({
    wait: `[${from + i} of about ${total}]`,
    keys: ["Enter"],
  }));
}

const enter = (wait: string | RegExp): Step => ({ wait, keys: ["Enter"] });

afterEach(() => {
  for (const session of sessions.splice(0)) session.kill();
  for (const dir of dirs.splice(0)) removeDir(dir);
});

describe("ask in a terminal", () => {
  // Fails every test here when tmux is missing: CI installs it, and a skip would go unnoticed.
  beforeAll(() => {
    requireTmux();
  });

  it("completes by pressing Enter throughout, saves on offer, and never overwrites", async () => {
    const dir = workdir();
    const t = terminal(dir);
    t.start([process.execPath, cli, "ask"]);
    const first = await t.waitFor("[1 of about 21]");
    expect(first).toContain("Who buys and runs the product?");
    expect(first).toContain("Not sure (counts as neutral)");
    expect(first).toContain("? Why does this matter");
    await play(t, [
      ...enterThrough(1, 21, 21),
      enter("Review your 21 answers"),
      enter("Save your answers and decision as a profile"),
      enter("Which strategy does the project choose?"),
      enter("Rationale"),
      enter("Save the profile to"),
    ]);
    expect(await t.exitStatus()).toBe(0);

    const history = t.screen({ history: true });
    expect(history).toContain("Saved deploy-advisor.yaml");
    expect(history).toContain("Recommended:");
    expect(history).toContain("Ranking");
    // NO_COLOR: not one colour or attribute escape anywhere on the screen.
    expect(t.screen({ history: true, escapes: true })).not.toMatch(SGR);

    const text = readFileSync(join(dir, "deploy-advisor.yaml"), "utf8");
    const saved = parse(text) as Record<string, unknown> & {
      answers: Record<string, unknown>;
      decision: { recommended: string; scores: Record<string, number>; rulesVersion: string };
    };
    const expected = Object.fromEntries(
      Object.entries(defaultAnswers(ruleBase))
        .filter(([id]) => id !== "lockInTolerance")
        .map(([id, v]) => [id, v === "true" ? true : v === "false" ? false : v]),
    );
    expect(saved.answers).toEqual(expected);
    const result = recommendJson(dir, "deploy-advisor.yaml");
    expect(saved.chosen).toBe(result.recommended);
    expect(saved.decision.recommended).toBe(result.recommended);
    expect(saved.decision.rulesVersion).toBe(ruleBase.meta.rulesVersion);
    expect(Object.keys(saved.decision.scores)).toContain(result.recommended);
    expect(saved.rationale).toMatch(/^Recommended by deploy-advisor/);
    expect(saved.decided).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(result.unanswered).toEqual([]);
    expectCheckPasses(dir, "deploy-advisor.yaml");

    // Again, from the saved file: nothing left to ask, and the existing file is not replaced.
    const again = terminal(dir);
    again.start([process.execPath, cli, "ask", "--from", "deploy-advisor.yaml"]);
    const review = await again.waitFor("Review your 21 answers");
    expect(review).toContain("Resuming from deploy-advisor.yaml: 21 answers kept");
    await play(again, [
      enter("Review your 21 answers"),
      enter("Save your answers and decision as a profile"),
      enter("Which strategy does the project choose?"),
      enter("Rationale"),
      enter("Save the profile to"),
      enter("deploy-advisor.yaml already exists. Replace it? (y/N)"),
      enter(/Save the profile to \(deploy-advisor-2\.yaml\)/),
    ]);
    expect(await again.exitStatus()).toBe(0);
    expect(readFileSync(join(dir, "deploy-advisor.yaml"), "utf8")).toBe(text);
    expect(recommendJson(dir, "deploy-advisor-2.yaml").recommended).toBe(result.recommended);
    expectCheckPasses(dir, "deploy-advisor-2.yaml");
  }, 180_000);

  it("changes answers on the review screen, re-running branching, and records another choice", async () => {
    const dir = workdir();
    mkdirSync(join(dir, "out"));
    const t = terminal(dir);
    t.start([process.execPath, cli, "ask", "--save", "out/profile.yaml"], {
      stdoutTo: "report.txt",
    });
    await play(t, [
      ...enterThrough(1, 21, 21),
      // Type to jump to an answer, as the review screen's key help says.
      { wait: "Review your 21 answers", text: "cloud" },
      enter(/❯ cloudAcceptance/),
      { wait: /❯ Only de-identified data/, text: "PHI" },
      enter(/❯ PHI may go to a cloud/),
    ]);
    // Now relevant: the lock-in question, counted in a new total.
    const lockIn = await t.waitFor("[21 of about 22]");
    expect(lockIn).toContain("third-party HIPAA");
    await play(t, [
      enter("[21 of about 22]"),
      { wait: "Review your 22 answers", text: "comp" },
      enter(/❯ computeDemand/),
      { wait: /❯ Heavy/, keys: ["Up"] },
      enter(/❯ Light/),
    ]);
    const back = await t.waitFor("Review your 21 answers");
    expect(back).toContain("Dropped the answer to gpu");
    t.send(["Enter"]);

    const choose = await t.waitFor("Which strategy does the project choose?");
    expect(choose).toContain("the full report went to standard output");
    expect(choose).toMatch(/❯ native-cloud-processing\s+[\d.]+ {2}\(recommended\)/);
    // Pick the last of the ranking, far enough behind that check's default tolerance would fail it.
    await play(t, [
      { wait: "Which strategy does the project choose?", keys: ["Down", "Down", "Down"] },
      { wait: /❯ \S+ +[\d.]+$/m, keys: ["Down", "Down"] },
      enter(/^(?:.*\n){5}❯ \S+ +[\d.]+$/m),
      {
        wait: /Why \S+ rather than native-cloud-processing\?/,
        text: "We already run servers for our customers.",
      },
      enter("We already run servers for our customers."),
    ]);
    const warned = await t.waitFor("so that check accepts this choice? (Y/n)");
    expect(warned).toMatch(
      /scores [\d.]+ points below native-cloud-processing; deploy-advisor\s+check fails/,
    );
    t.send(["Enter"]);
    expect(await t.exitStatus()).toBe(0);
    expect(t.screen({ history: true })).toContain("Saved out/profile.yaml");
    // The report went to stdout only; the terminal kept the questions.
    expect(readFileSync(join(dir, "report.txt"), "utf8")).toContain("Recommended:");
    expect(t.screen({ history: true })).not.toContain("Ranking");

    const saved = parse(readFileSync(join(dir, "out", "profile.yaml"), "utf8")) as {
      answers: Record<string, unknown>;
      chosen: string;
      rationale: string;
      tolerance: number;
      decision: { recommended: string };
    };
    expect(saved.answers).toMatchObject({
      cloudAcceptance: "phi-ok",
      lockInTolerance: "medium",
      computeDemand: "light",
    });
    expect(saved.answers).not.toHaveProperty("gpu");
    const result = recommendJson(dir, "out/profile.yaml");
    expect(saved.decision.recommended).toBe(result.recommended);
    expect(saved.chosen).not.toBe(result.recommended);
    expect(saved.rationale).toBe("We already run servers for our customers.");
    // The recorded tolerance covers the gap, so check will accept the choice as saved.
    const ranking = result.ranking;
    expect(ranking.at(-1)?.id).toBe(saved.chosen);
    const gap = (ranking[0]?.score ?? 0) - (ranking.at(-1)?.score ?? 0);
    expect(gap).toBeGreaterThan(10);
    expect(saved.tolerance).toBe(Math.ceil(Math.round(gap * 10) / 10));
    expectCheckPasses(dir, "out/profile.yaml");
  }, 180_000);

  it("saves the answers on Ctrl-C, exits 130 without a stack trace, and resumes where it stopped", async () => {
    const dir = workdir();
    const t = terminal(dir);
    // Bare deploy-advisor on a terminal is the questionnaire.
    t.start([process.execPath, cli]);
    await play(t, [...enterThrough(1, 5, 21), { wait: "[6 of about 21]", keys: ["C-c"] }]);
    expect(await t.exitStatus()).toBe(130);
    const screen = t.screen({ history: true });
    expect(screen).toContain("deploy-advisor: interrupted");
    expect(screen).toContain("Your answers so far are saved in .deploy-advisor-resume.yaml");
    expect(screen).toContain("Resume with: deploy-advisor ask --from .deploy-advisor-resume.yaml");
    expect(screen).not.toMatch(/^\s+at /m);
    expect(screen).not.toMatch(/Error/);

    const resume = parse(readFileSync(join(dir, ".deploy-advisor-resume.yaml"), "utf8")) as {
      answers: Record<string, unknown>;
    };
    expect(Object.keys(resume.answers)).toEqual(ruleBase.questions.slice(0, 5).map((q) => q.id));
    expect(recommendJson(dir, ".deploy-advisor-resume.yaml").unanswered).toHaveLength(16);

    // Resume: the sixth question comes first; stop again while typing the rationale.
    const resumeCommand = [
      process.execPath,
      cli,
      "ask",
      "--from",
      ".deploy-advisor-resume.yaml",
      "--save",
      "final.yaml",
    ];
    const second = terminal(dir);
    second.start(resumeCommand);
    const resumed = await second.waitFor("[6 of about 21]");
    expect(resumed).toContain("Resuming from .deploy-advisor-resume.yaml: 5 answers kept");
    await play(second, [
      ...enterThrough(6, 21, 21),
      enter("Review your 21 answers"),
      enter("Which strategy does the project choose?"),
      // Clear the suggested text (Ctrl-U, as in any shell) and start typing one's own.
      { wait: "Rationale", keys: ["C-u"], text: "Half a thought" },
      { wait: "Half a thought", keys: ["C-c"] },
    ]);
    expect(await second.exitStatus()).toBe(130);
    expect(second.screen({ history: true })).toContain(
      "Resume with: deploy-advisor ask --from .deploy-advisor-resume.yaml --save final.yaml",
    );
    const partial = parse(readFileSync(join(dir, ".deploy-advisor-resume.yaml"), "utf8")) as {
      answers: Record<string, unknown>;
      chosen: string;
      rationale: string;
    };
    expect(Object.keys(partial.answers)).toHaveLength(21);
    expect(partial.rationale).toBe("Half a thought");
    expect(recommendJson(dir, ".deploy-advisor-resume.yaml").recommended).toBe(partial.chosen);

    // Third run: nothing to ask; the half-typed rationale comes back as the suggestion.
    const third = terminal(dir);
    third.start(resumeCommand);
    await play(third, [
      enter("Review your 21 answers"),
      enter("Which strategy does the project choose?"),
      enter("Half a thought"),
    ]);
    expect(await third.exitStatus()).toBe(0);
    expect(third.screen({ history: true })).toContain(
      ".deploy-advisor-resume.yaml is no longer needed",
    );
    const final = parse(readFileSync(join(dir, "final.yaml"), "utf8")) as { rationale: string };
    expect(final.rationale).toBe(partial.rationale);
    recommendJson(dir, "final.yaml");
    expectCheckPasses(dir, "final.yaml");
  }, 240_000);

  it("saves the answers on a SIGINT signal too, not only on the Ctrl-C key", async () => {
    const dir = workdir();
    const t = terminal(dir);
    t.start([process.execPath, cli, "ask"]);
    await play(t, enterThrough(1, 3, 21));
    await t.waitFor("[4 of about 21]");
    process.kill(t.programPid(), "SIGINT");
    expect(await t.exitStatus()).toBe(130);
    expect(t.screen()).toContain(
      "Resume with: deploy-advisor ask --from .deploy-advisor-resume.yaml",
    );
    const resume = parse(readFileSync(join(dir, ".deploy-advisor-resume.yaml"), "utf8")) as {
      answers: Record<string, unknown>;
    };
    expect(Object.keys(resume.answers)).toEqual(["customers", "visualization", "imageSize"]);
  }, 120_000);

  it("resumes a hand-written profile, warning about each invalid value", async () => {
    const dir = workdir();
    const original = [
      "version: 1",
      "project: Demo",
      "answers:",
      "  customers: hospital",
      "  computeDemand: light",
      "  gpu: true",
      "tolerance: 500",
      "",
    ].join("\n");
    writeFileSync(join(dir, "draft.yaml"), original);
    const t = terminal(dir);
    t.start([process.execPath, cli, "ask", "--from", "draft.yaml"]);
    const screen = await t.waitFor("[1 of about 20]");
    expect(screen).toContain("draft.yaml:4:14: warning: answers.customers:");
    expect(screen).toContain("draft.yaml:6:3: warning: answers.gpu: does not apply");
    expect(screen).toContain("draft.yaml:7:12: warning: tolerance:");
    expect(screen).toContain("Resuming from draft.yaml: 1 answer kept");
    // The near miss is preselected.
    expect(screen).toMatch(/❯ Hospitals and health systems/);
    await play(t, [enter("[1 of about 20]"), { wait: "[2 of about 20]", keys: ["C-c"] }]);
    expect(await t.exitStatus()).toBe(130);
    // The person's file is untouched; the answers went to a resume file beside it.
    expect(readFileSync(join(dir, "draft.yaml"), "utf8")).toBe(original);
    const resume = parse(readFileSync(join(dir, ".deploy-advisor-resume.yaml"), "utf8")) as {
      project: string;
      answers: Record<string, unknown>;
    };
    expect(resume.project).toBe("Demo");
    expect(resume.answers).toEqual({ customers: "hospitals", computeDemand: "light" });
  }, 120_000);

  it("refuses a --save target in a directory that does not exist, before asking anything", async () => {
    const dir = workdir();
    const t = terminal(dir);
    t.start([process.execPath, cli, "ask", "--save", "missing/profile.yaml"]);
    expect(await t.exitStatus()).toBe(2);
    expect(t.screen()).toContain("the directory missing does not exist");
  }, 60_000);
});

describe("ask without a terminal", () => {
  it("refuses at once with exit 2 and points to recommend FILE", () => {
    const run = runCli(["ask"]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("ask needs a terminal");
    expect(run.stderr).toContain("deploy-advisor recommend FILE");
  });
});
