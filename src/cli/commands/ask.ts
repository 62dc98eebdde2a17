import { lstatSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { formatDiagnostic, InputError } from "../../diagnostics.js";
import { calendarDate, DEFAULT_TOLERANCE, decisionRecord } from "../../engine/check.js";
import type { PartialProfile } from "../../profile/resume.js";
import type { ProfileData } from "../../profile/serialize.js";
import { createPrompter } from "../../questionnaire/prompts.js";
import { type Prompter, runQuestionnaire } from "../../questionnaire/session.js";
import { wrap } from "../../report/layout.js";
import { recommendationRenderers } from "../../report/recommendation/index.js";
import { leadText, type RecommendationReport } from "../../report/recommendation/model.js";
import { writeStderr, writeStdout } from "../../report/write.js";
import type { RuleBase } from "../../rulebase/schema.js";
import type { Context } from "../context.js";
import { Interrupted, UsageError } from "../errors.js";
import { scoreForReport } from "../load-profile.js";
import { colorLevel, makeStyle } from "../style.js";
import { exists, writeFileAtomic } from "../write-file.js";

const DEFAULT_PROFILE = "deploy-advisor.yaml";
const RESUME_NAME = /^\.deploy-advisor-resume(?:-\d+)?\.yaml$/;

export interface AskOptions {
  /** Where to save the profile; without it the person is offered deploy-advisor.yaml. */
  save?: string;
  /** A partial profile to resume from. */
  from?: string;
  /** Replace an existing --save file without asking. */
  force: boolean;
  /** false for --no-color. */
  color?: boolean;
  /** --rules DIR, repeated in the resume command. */
  rules?: string;
}

/**
 * The interactive questionnaire: resume or start, ask, review, print the recommendation, then
 * record the decision in a profile. Ctrl-C at any point saves the answers to a resume file.
 */
export async function runAsk(context: Context, options: AskOptions): Promise<number> {
  if (!process.stdin.isTTY) {
    throw new UsageError(
      "ask needs a terminal: standard input is not one, so there is no one to answer",
      "To score a profile file instead, run: deploy-advisor recommend FILE",
    );
  }
  if (options.from === "-")
    throw new UsageError("--from needs a file: standard input is the terminal answering questions");
  if (options.save) checkSaveTarget(options.save);
  const ruleBase = context.ruleBase();

  const start = options.from ? await resumeFrom(context, ruleBase, options.from) : undefined;
  // Inside a prompt Ctrl-C is a key; between prompts (the terminal back in normal mode) it is a
  // signal, which would otherwise end the process before the answers are saved.
  const interrupt = new AbortController();
  const onSigint = () => interrupt.abort();
  process.on("SIGINT", onSigint);
  const prompter = createPrompter({
    output: process.stderr,
    style: await makeStyle(colorLevel(options, process.env, Boolean(process.stderr.isTTY))),
    signal: interrupt.signal,
  });
  const hints: Record<string, string> = {};
  for (const problem of start?.assessment.problems ?? [])
    if (problem.kind === "invalid-value" && problem.suggestion)
      hints[problem.question] = problem.suggestion;
  const state = { answers: start?.assessment.answers ?? {}, hints };
  // What the person typed after the questions (choice, rationale), kept for the resume file.
  const draft: Partial<Pick<ProfileData, "chosen" | "rationale">> = {};
  try {
    const answers = await runQuestionnaire(ruleBase, state, prompter);
    const rest = start?.rest ?? {};
    const { recommendation, report } = scoreForReport(
      ruleBase,
      { answers, ...(rest.weights ? { weights: rest.weights } : {}), ...pick(rest, "project") },
      options.save ?? "your answers",
    );
    writeStdout(recommendationRenderers.text(report, context.style));

    // The report is long and its top has scrolled away (or went to a file): repeat the verdict.
    const top = recommendation.ranking[0];
    const where = process.stdout.isTTY ? "is above" : "went to standard output";
    prompter.notice(
      top
        ? `Recommended: ${top.id} (${top.score} of 100, ${leadText(report)}); the full report ${where}.`
        : `Every strategy is excluded by these answers; the report ${where} says why.`,
    );

    if (!options.save) {
      const save = await prompter.confirm(
        "Save your answers and decision as a profile (for recommend and check)?",
        { default: true },
      );
      if (!save) {
        writeStderr("Not saved. Run deploy-advisor ask again whenever you like.");
        return 0;
      }
    }

    const today = calendarDate(context.now());
    const profile: ProfileData = {
      ...pick(rest, "project", "reviewBy", "tolerance", "weights"),
      answers,
      decided: today,
      decision: decisionRecord(ruleBase, recommendation, today),
      ...(await recordChoice(prompter, report, rest, draft)),
    };
    // The YAML writer (and the yaml library) loads only now: the first question appears sooner.
    const { serializeProfile } = await import("../../profile/serialize.js");
    const target = await saveProfile(prompter, options, (path) =>
      serializeProfile(ruleBase, profile, {
        header: [
          `Project profile for deploy-advisor, written by deploy-advisor ask on ${today}.`,
          `Show the recommendation: deploy-advisor recommend ${shellQuote(path)}`,
          `Check the choice in CI: deploy-advisor check ${shellQuote(path)}`,
        ],
      }),
    );
    writeStderr(
      wrap(
        `Saved ${target}. Show the report again with: deploy-advisor recommend ${shellQuote(target)}`,
      ),
    );
    if (options.from && RESUME_NAME.test(basename(options.from)) && options.from !== target)
      writeStderr(`${options.from} is no longer needed; you may delete it.`);
    return 0;
  } catch (error) {
    if (!(error instanceof Interrupted)) throw error;
    const partial: ProfileData = { ...(start?.rest ?? {}), ...draft, answers: state.answers };
    throw new Interrupted(await saveResume(ruleBase, partial, options, context.now()));
  } finally {
    process.off("SIGINT", onSigint);
  }
}

/**
 * Asks which strategy the project chooses and why. A choice further behind the best than `check`
 * tolerates is allowed, but the person is told and offered a tolerance that makes `check` accept
 * it, so the saved profile passes `check` as written. Updates `draft` as the person types.
 */
async function recordChoice(
  prompter: Prompter,
  report: RecommendationReport,
  previous: PartialProfile["rest"],
  draft: Partial<Pick<ProfileData, "chosen" | "rationale">>,
): Promise<Pick<ProfileData, "chosen" | "rationale" | "tolerance">> {
  const { ranking, recommended } = report.recommendation;
  if (!recommended) return {};
  const keepPrevious = ranking.some((r) => r.id === previous.chosen) && previous.chosen;
  const chosen = await prompter.chooseStrategy(ranking, {
    recommended,
    default: keepPrevious || recommended,
  });
  draft.chosen = chosen;
  const suggestion =
    chosen === previous.chosen && previous.rationale
      ? previous.rationale
      : chosen === recommended
        ? `Recommended by deploy-advisor ${report.ruleBase.meta.rulesVersion} rules, ${leadText(report)}.`
        : undefined;
  const rationale = await prompter.text(
    chosen === recommended
      ? "Rationale (saved with the choice; Enter keeps the suggestion)"
      : `Why ${chosen} rather than ${recommended}? (saved as the rationale)`,
    {
      ...(suggestion ? { default: suggestion, editable: true } : {}),
      required: true,
      onChange: (value) => {
        if (value) draft.rationale = value;
      },
    },
  );
  draft.rationale = rationale;

  const best = ranking[0]?.score ?? 0;
  const gap = Math.round((best - (ranking.find((r) => r.id === chosen)?.score ?? best)) * 10) / 10;
  const tolerance = previous.tolerance ?? DEFAULT_TOLERANCE;
  if (gap <= tolerance) return { chosen, rationale };
  const needed = Math.ceil(gap);
  prompter.notice(
    `${chosen} scores ${gap} points below ${recommended}; deploy-advisor check fails a choice more than ${tolerance} points behind.`,
  );
  const widen = await prompter.confirm(
    `Record tolerance: ${needed} in the profile so that check accepts this choice?`,
    { default: true },
  );
  if (widen) return { chosen, rationale, tolerance: needed };
  prompter.notice("Saved without it: check will fail until the choice or the answers change.");
  return { chosen, rationale };
}

/** Refuses a --save target that can never be written, before any question is asked. */
function checkSaveTarget(path: string): void {
  const dir = dirname(path);
  let isDir = false;
  try {
    isDir = lstatSync(dir).isDirectory();
  } catch {
    // reported below
  }
  if (!isDir) throw new UsageError(`--save ${path}: the directory ${dir} does not exist`);
  try {
    if (lstatSync(path).isDirectory())
      throw new UsageError(`--save ${path}: is a directory; name a file`);
  } catch (error) {
    if (error instanceof UsageError) throw error;
  }
}

/** Reads a partial profile and tells the person what was kept, what was not and why. */
async function resumeFrom(
  context: Context,
  ruleBase: RuleBase,
  path: string,
): Promise<PartialProfile> {
  const { readPartialProfile } = await import("../../profile/resume.js");
  const input = context.readInput(path);
  const partial = readPartialProfile(ruleBase, input.name, input.text);
  for (const warning of partial.warnings) writeStderr(formatDiagnostic(warning));
  const kept = Object.keys(partial.assessment.answers).length;
  const left = partial.assessment.missing.length;
  writeStderr(
    `Resuming from ${input.name}: ${kept} answer${kept === 1 ? "" : "s"} kept, ` +
      (left === 0
        ? "nothing left to ask; review them below."
        : `about ${left} question${left === 1 ? "" : "s"} left to ask.`),
  );
  return partial;
}

/** Writes the profile to --save or a path the person picks, asking before replacing a file. */
async function saveProfile(
  prompter: Prompter,
  options: AskOptions,
  text: (path: string) => string,
): Promise<string> {
  let target =
    options.save ??
    (await prompter.text("Save the profile to", { default: DEFAULT_PROFILE, required: true }));
  for (;;) {
    const present = exists(target);
    const replace =
      present &&
      (options.force ||
        (await prompter.confirm(`${target} already exists. Replace it?`, { default: false })));
    if (!present || replace) {
      try {
        writeFileAtomic(target, text(target), { overwrite: replace });
        return target;
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        prompter.notice(error.message);
      }
    }
    target = await prompter.text("Save the profile to", {
      default: freeName(target),
      required: true,
    });
  }
}

/** The first of name, name-2, name-3 ... that does not exist yet. */
function freeName(path: string, start = 2): string {
  const dir = dirname(path);
  const base = basename(path);
  const dot = base.lastIndexOf(".");
  const [stem, ext] = dot > 0 ? [base.slice(0, dot), base.slice(dot)] : [base, ""];
  const plain = stem.replace(/-\d+$/, "");
  for (let i = start; ; i++) {
    const candidate = join(dir, `${plain}-${i}${ext}`);
    if (!exists(candidate)) return dir === "." ? basename(candidate) : candidate;
  }
}

/**
 * Saves the answers given so far next to --save's target (or here) and returns the message that
 * says where and how to resume. Never replaces a file other than the resume file being resumed.
 */
async function saveResume(
  ruleBase: RuleBase,
  partial: ProfileData,
  options: AskOptions,
  now: Date,
): Promise<string> {
  if (Object.keys(partial.answers).length === 0 && !options.from)
    return "No question was answered yet, so there was nothing to save.";
  const dir = options.save ? dirname(options.save) : ".";
  const ours = options.from !== undefined && RESUME_NAME.test(basename(options.from));
  const first =
    dir === "." ? ".deploy-advisor-resume.yaml" : join(dir, ".deploy-advisor-resume.yaml");
  const path = ours && options.from ? options.from : exists(first) ? freeName(first) : first;
  const command = [
    "deploy-advisor",
    ...(options.rules ? ["--rules", shellQuote(options.rules)] : []),
    "ask",
    "--from",
    shellQuote(path),
    ...(options.save ? ["--save", shellQuote(options.save)] : []),
    ...(options.force ? ["--force"] : []),
  ].join(" ");
  const { serializeProfile } = await import("../../profile/serialize.js");
  const text = serializeProfile(ruleBase, partial, {
    header: [
      `Answers saved when deploy-advisor ask was interrupted (${calendarDate(now)}).`,
      `Resume with: ${command}`,
    ],
  });
  try {
    writeFileAtomic(path, text, { overwrite: ours });
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    // Still lose nothing: the answers go to the terminal instead.
    return `${error.message}\nYour answers so far, to paste into a file:\n${text}`;
  }
  return `Your answers so far are saved in ${path}\nResume with: ${command}`;
}

/** Quotes a path for a POSIX shell only when it needs it, so the printed command can be pasted. */
function shellQuote(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replaceAll("'", `'\\''`)}'`;
}

function pick<T extends object, K extends keyof T>(object: T, ...keys: K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const key of keys) if (object[key] !== undefined) out[key] = object[key];
  return out;
}
