import { type Answers, describeCondition, holds } from "../engine/conditions.js";
import {
  findWinningProfile,
  type WinSearchOptions,
  type WinSearchResult,
} from "../engine/search.js";
import type { RuleFileKey } from "./load.js";
import type { Condition, Question, RuleBase } from "./schema.js";
import type { SourceFile } from "./yaml-source.js";

/** Every kind of finding `rules lint` reports beyond load errors, with its severity and meaning. */
export const lintChecks = {
  "strategy-never-wins": {
    severity: "error",
    summary: "no profile the search can find makes this strategy the recommendation",
  },
  "askwhen-never-holds": {
    severity: "error",
    summary: "a question's askWhen can never hold, so it is never asked",
  },
  "unreachable-choice": {
    severity: "warning",
    summary: "a value in an askWhen that can never let the condition through",
  },
  "question-no-effect": {
    severity: "warning",
    summary: "no choice weighs a factor or excludes a strategy, and no askWhen depends on it",
  },
  "factor-unused": {
    severity: "warning",
    summary: "no article item moves this factor, directly or through inherits",
  },
  "factor-unweighted": {
    severity: "warning",
    summary: "no answer gives this factor importance; only its baseline counts",
  },
  "item-without-factor": {
    severity: "warning",
    summary: "an article item with no impacts and no inherits never changes a score",
  },
} as const satisfies Record<string, { severity: "error" | "warning"; summary: string }>;

export type LintCode = keyof typeof lintChecks;

/** One finding, pinned to the line a rule author should edit. */
export interface LintFinding {
  file: string;
  line: number;
  column: number;
  severity: "error" | "warning";
  code: LintCode;
  message: string;
}

/** What `rules lint` found, plus the profile found for each strategy (proof that it can win). */
export interface LintReport {
  findings: LintFinding[];
  strategies: WinSearchResult[];
}

/** More combinations than this and a condition is not checked: real conditions need a handful. */
const MAX_ASSIGNMENTS = 200_000;

/**
 * Checks a loaded rule base for mistakes that load cannot see: dead questions, factors and items,
 * conditions that never hold, values that never matter, and strategies that can never win.
 * Pure: the sources only serve to locate findings.
 */
export function lintRuleBase(
  ruleBase: RuleBase,
  sources: Record<RuleFileKey, SourceFile>,
  options: { search?: WinSearchOptions } = {},
): LintReport {
  const findings: LintFinding[] = [];
  const report = (
    key: RuleFileKey,
    path: PropertyKey[],
    code: LintCode,
    message: string,
    asKey = false,
  ) => {
    findings.push({
      file: sources[key].file,
      ...sources[key].locate(path, { key: asKey }),
      severity: lintChecks[code].severity,
      code,
      message,
    });
  };

  checkQuestions(ruleBase, report);
  checkFactors(ruleBase, report);
  checkItems(ruleBase, report);

  const strategies = ruleBase.strategies.map((strategy, s) => {
    const result = findWinningProfile(ruleBase, strategy.id, options.search);
    if (!result.wins) {
      const closest =
        result.margin === null
          ? "every profile tried excludes it"
          : result.margin === 0
            ? `at best it ties with "${result.winner}", which wins ties by its lower number`
            : `at best it trails "${result.winner}" by ${Math.abs(result.margin)} points`;
      report(
        "strategies",
        ["strategies", s, "id"],
        "strategy-never-wins",
        `the search found no profile that makes "${strategy.id}" the recommendation (${result.evaluated} profiles tried); ${closest}. Give its items stronger impacts on factors that answers weigh, or let answers weigh the factors it is strong on`,
      );
    }
    return result;
  });

  const fileOrder = Object.values(sources).map((s) => s.file);
  findings.sort(
    (a, b) =>
      fileOrder.indexOf(a.file) - fileOrder.indexOf(b.file) ||
      a.line - b.line ||
      a.column - b.column ||
      a.code.localeCompare(b.code),
  );
  return { findings, strategies };
}

type Report = (
  key: RuleFileKey,
  path: PropertyKey[],
  code: LintCode,
  message: string,
  asKey?: boolean,
) => void;

function checkQuestions(ruleBase: RuleBase, report: Report): void {
  const gating = new Set(ruleBase.questions.flatMap((q) => (q.askWhen ? mentions(q.askWhen) : [])));
  ruleBase.questions.forEach((question, q) => {
    const at = ["questions", q];
    const effect = question.choices.some(
      (c) => Object.values(c.weights).some((w) => w !== 0) || c.excludes.length > 0,
    );
    if (!effect && !gating.has(question.id))
      report(
        "questions",
        [...at, "id"],
        "question-no-effect",
        `question "${question.id}" has no effect: none of its choices weighs a factor or excludes a strategy, and no askWhen depends on it; give a choice weights or excludes, or remove the question`,
      );
    if (question.askWhen)
      checkAskWhen(ruleBase, question, question.askWhen, [...at, "askWhen"], report);
  });
}

function checkAskWhen(
  ruleBase: RuleBase,
  question: Question,
  askWhen: Condition,
  at: PropertyKey[],
  report: Report,
): void {
  const space = answerSpace(ruleBase, mentions(askWhen));
  if (!space) return;
  const notes = askedWhen(ruleBase, mentions(askWhen));
  if (!space.some((answers) => holds(askWhen, answers))) {
    report(
      "questions",
      at,
      "askwhen-never-holds",
      `the askWhen of "${question.id}" can never hold, so the question is never asked and its answers never count: it requires ${describeCondition(askWhen)}${notes.length ? `, but ${notes.join(", and ")}` : ""}`,
      true,
    );
    return;
  }
  for (const { path, leaf } of leaves(askWhen)) {
    leaf.in.forEach((value, i) => {
      const without = removeValue(askWhen, path, value);
      if (space.some((answers) => holds(askWhen, answers) !== holds(without, answers))) return;
      report(
        "questions",
        [...at, ...path, "in", i],
        "unreachable-choice",
        `"${value}" (of ${leaf.question}) is unreachable here: it never changes whether the askWhen of "${question.id}" holds${notes.length ? ` (${notes.join("; ")})` : ""}; remove the value or fix the condition`,
      );
    });
  }
}

/** "B is asked only when A is x", for each question a condition mentions that is conditional itself. */
function askedWhen(ruleBase: RuleBase, ids: string[]): string[] {
  return ruleBase.questions
    .filter((q) => ids.includes(q.id) && q.askWhen)
    .map((q) => `${q.id} is asked only when ${describeCondition(q.askWhen as Condition)}`);
}

function checkFactors(ruleBase: RuleBase, report: Report): void {
  const used = new Set(
    ruleBase.strategies.flatMap((s) =>
      [...s.advantages, ...s.disadvantages].flatMap((item) =>
        Object.entries(item.impacts)
          .filter(([, impact]) => impact !== 0)
          .map(([factor]) => factor),
      ),
    ),
  );
  const weighed = new Set(
    ruleBase.questions.flatMap((q) =>
      q.choices.flatMap((c) =>
        Object.entries(c.weights)
          .filter(([, weight]) => weight !== 0)
          .map(([factor]) => factor),
      ),
    ),
  );
  ruleBase.factors.forEach((factor, f) => {
    const at = ["factors", f, "id"];
    if (!used.has(factor.id))
      report(
        "factors",
        at,
        "factor-unused",
        `factor "${factor.id}" is used by no article item (directly or through inherits), so its importance never changes a score; add it to an item's impacts or remove it`,
      );
    if (!weighed.has(factor.id))
      report(
        "factors",
        at,
        "factor-unweighted",
        `no question weighs factor "${factor.id}": it counts only at its baseline importance (${factor.baseline})${factor.baseline === 0 ? ", so it never counts" : ""}; add it to a choice's weights`,
      );
  });
}

function checkItems(ruleBase: RuleBase, report: Report): void {
  ruleBase.strategies.forEach((strategy, s) => {
    for (const list of ["advantages", "disadvantages"] as const) {
      strategy[list].forEach((item, i) => {
        const moves = Object.values(item.impacts).some((impact) => impact !== 0);
        if (!moves && !item.inherits?.length)
          report(
            "strategies",
            ["strategies", s, list, i, "id"],
            "item-without-factor",
            `article item "${item.id}" has no factor (no impacts and no inherits), so it never changes a score; add impacts (factor id: ${list === "advantages" ? "1..5" : "-5..-1"}) or inherits`,
          );
      });
    }
  });
}

/** Question ids a condition refers to. */
function mentions(condition: Condition): string[] {
  if ("all" in condition) return condition.all.flatMap(mentions);
  if ("any" in condition) return condition.any.flatMap(mentions);
  if ("not" in condition) return mentions(condition.not);
  return [condition.question];
}

/** Every leaf of a condition with its path inside it. */
function leaves(
  condition: Condition,
  path: PropertyKey[] = [],
): { path: PropertyKey[]; leaf: { question: string; in: string[] } }[] {
  if ("all" in condition) return condition.all.flatMap((c, i) => leaves(c, [...path, "all", i]));
  if ("any" in condition) return condition.any.flatMap((c, i) => leaves(c, [...path, "any", i]));
  if ("not" in condition) return leaves(condition.not, [...path, "not"]);
  return [{ path, leaf: condition }];
}

/** The condition with one value taken out of the leaf at a path (an emptied leaf never holds). */
function removeValue(condition: Condition, path: PropertyKey[], value: string): Condition {
  if (path.length === 0) {
    if (!("question" in condition)) return condition;
    const rest = condition.in.filter((v) => v !== value);
    return rest.length ? { question: condition.question, in: rest } : { any: [] };
  }
  const [key, index, ...more] = path;
  if (key === "not" && "not" in condition)
    return { not: removeValue(condition.not, path.slice(1), value) };
  if (key === "all" && "all" in condition)
    return { all: condition.all.map((c, i) => (i === index ? removeValue(c, more, value) : c)) };
  if (key === "any" && "any" in condition)
    return { any: condition.any.map((c, i) => (i === index ? removeValue(c, more, value) : c)) };
  return condition;
}

/**
 * Every combination of effective answers to the given questions and the questions their askWhen
 * depends on, as the engine would see them: a question that does not apply has no answer.
 * Undefined when there are too many to list.
 */
function answerSpace(ruleBase: RuleBase, ids: string[]): Answers[] | undefined {
  const needed = new Set<string>();
  const add = (id: string) => {
    if (needed.has(id)) return;
    needed.add(id);
    const question = ruleBase.questions.find((q) => q.id === id);
    if (question?.askWhen) for (const dep of mentions(question.askWhen)) add(dep);
  };
  for (const id of ids) add(id);
  const questions = ruleBase.questions.filter((q) => needed.has(q.id));
  const size = questions.reduce((n, q) => n * (q.choices.length + 1), 1);
  if (size > MAX_ASSIGNMENTS) return undefined;
  let space: Record<string, string>[] = [{}];
  for (const question of questions) {
    space = space.flatMap((answers) => {
      if (question.askWhen && !holds(question.askWhen, answers)) return [answers];
      return [answers, ...question.choices.map((c) => ({ ...answers, [question.id]: c.value }))];
    });
  }
  return space;
}
