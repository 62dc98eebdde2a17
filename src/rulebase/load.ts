import { type Diagnostic, expectedOneOf, InputError, suggest } from "../diagnostics.js";
import { type Condition, type RuleBase, ruleFiles, type Strategy } from "./schema.js";
import { parseSource, type SourceFile, validate } from "./yaml-source.js";

export type RuleFileKey = keyof typeof ruleFiles;

/** The text of each rule file, keyed by its role, with the path used in messages. */
export type RuleTexts = Record<RuleFileKey, { path: string; text: string }>;

/** A rule base together with the parsed files it came from, so checks can point at lines. */
export interface LoadedRuleBase {
  ruleBase: RuleBase;
  sources: Record<RuleFileKey, SourceFile>;
}

/** Parses, validates and cross-checks a rule base. Every problem is reported at once, with its place. */
export function loadRuleBase(texts: RuleTexts): RuleBase {
  return loadRuleBaseWithSources(texts).ruleBase;
}

/** As loadRuleBase, but also returns the parsed sources for located findings (rules lint). */
export function loadRuleBaseWithSources(texts: RuleTexts): LoadedRuleBase {
  const diagnostics: Diagnostic[] = [];
  const sources = {} as Record<RuleFileKey, SourceFile>;
  const parsed = {} as { [K in RuleFileKey]: unknown };
  for (const key of Object.keys(ruleFiles) as RuleFileKey[]) {
    try {
      sources[key] = parseSource(texts[key].path, texts[key].text);
      parsed[key] = validate(sources[key], ruleFiles[key].schema);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      diagnostics.push(
        ...(error.diagnostics.length
          ? error.diagnostics
          : [fileLevel(texts[key].path, error.message)]),
      );
    }
  }
  if (diagnostics.length > 0) throw invalid(diagnostics);

  const ruleBase: RuleBase = {
    meta: parsed.meta as RuleBase["meta"],
    factors: (parsed.factors as { factors: RuleBase["factors"] }).factors,
    complianceFeatures: (
      parsed.compliance as { complianceFeatures: RuleBase["complianceFeatures"] }
    ).complianceFeatures,
    strategies: (parsed.strategies as { strategies: RuleBase["strategies"] }).strategies,
    questions: (parsed.questions as { questions: RuleBase["questions"] }).questions,
  };
  const problems = crossCheck(ruleBase, sources);
  if (problems.length > 0) throw invalid(problems);
  return { ruleBase, sources };
}

function invalid(diagnostics: Diagnostic[]): InputError {
  const n = diagnostics.length;
  return new InputError(
    `the rule base is invalid (${n} problem${n === 1 ? "" : "s"})`,
    diagnostics,
  );
}

/** More ids than this and a message names only the closest one: a list of fifty helps nobody. */
const MAX_LISTED = 30;

/** "expected one of: ..." for short lists; for long ones, the near miss and where the ids live. */
function expectedId(value: string, allowed: readonly string[], where: string): string {
  const unique = [...new Set(allowed)];
  if (unique.length <= MAX_LISTED) return expectedOneOf(value, unique);
  const hint = suggest(value, unique);
  return hint
    ? `did you mean "${hint}"? (all ${unique.length} are in ${where})`
    : `none of the ${unique.length} in ${where} is close`;
}

function fileLevel(file: string, message: string): Diagnostic {
  return { file, line: 1, column: 1, severity: "error", message };
}

/** Checks every reference between files: factors, strategies, questions, values, items, footnotes. */
export function crossCheck(
  ruleBase: RuleBase,
  sources: Record<RuleFileKey, SourceFile>,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const report = (key: RuleFileKey, path: PropertyKey[], message: string, asKey = false) => {
    out.push({
      file: sources[key].file,
      ...sources[key].locate(path, { key: asKey }),
      severity: "error",
      message,
    });
  };
  const duplicates = (
    key: RuleFileKey,
    list: { id: string }[],
    root: PropertyKey[],
    what: string,
  ) => {
    const first = new Map<string, number>();
    list.forEach((entry, index) => {
      const earlier = first.get(entry.id);
      if (earlier === undefined) first.set(entry.id, index);
      else
        report(
          key,
          [...root, index, "id"],
          `duplicate ${what} id "${entry.id}" (first defined at line ${sources[key].locate([...root, earlier, "id"]).line}); ids must be unique`,
        );
    });
  };

  const factorIds = ruleBase.factors.map((f) => f.id);
  const strategyIds = ruleBase.strategies.map((s) => s.id);
  const featureIds = ruleBase.complianceFeatures.map((f) => f.id);
  const questionIds = ruleBase.questions.map((q) => q.id);
  duplicates("factors", ruleBase.factors, ["factors"], "factor");
  duplicates("strategies", ruleBase.strategies, ["strategies"], "strategy");
  duplicates(
    "compliance",
    ruleBase.complianceFeatures,
    ["complianceFeatures"],
    "compliance feature",
  );
  duplicates("questions", ruleBase.questions, ["questions"], "question");

  const items = new Map<string, { strategy: Strategy; line: number }>();
  ruleBase.strategies.forEach((strategy, s) => {
    for (const list of ["advantages", "disadvantages"] as const) {
      strategy[list].forEach((item, i) => {
        const at = ["strategies", s, list, i, "id"];
        const earlier = items.get(item.id);
        if (earlier)
          report(
            "strategies",
            at,
            `duplicate item id "${item.id}" (first defined at line ${earlier.line}); item ids must be unique across strategies`,
          );
        else items.set(item.id, { strategy, line: sources.strategies.locate(at).line });
      });
    }
  });

  ruleBase.strategies.forEach((strategy, s) => {
    const footnoteIds = strategy.footnotes.map((f) => f.id);
    strategy.complianceFeatures.forEach((feature, i) => {
      if (!featureIds.includes(feature)) {
        report(
          "strategies",
          ["strategies", s, "complianceFeatures", i],
          `unknown compliance feature "${feature}"; ${expectedId(feature, featureIds, "compliance.yaml")}`,
        );
      }
    });
    for (const list of ["advantages", "disadvantages"] as const) {
      strategy[list].forEach((item, i) => {
        const at = ["strategies", s, list, i];
        for (const factor of Object.keys(item.impacts)) {
          if (!factorIds.includes(factor)) {
            report(
              "strategies",
              [...at, "impacts", factor],
              `unknown factor "${factor}"; ${expectedId(factor, factorIds, "factors.yaml")}`,
              true,
            );
          }
        }
        item.inherits?.forEach((ref, r) => {
          const target = items.get(ref);
          if (!target)
            report(
              "strategies",
              [...at, "inherits", r],
              `unknown article item "${ref}"; ${expectedId(ref, [...items.keys()], "strategies.yaml")}`,
            );
          else if (target.strategy.id === strategy.id)
            report(
              "strategies",
              [...at, "inherits", r],
              `"${ref}" is an item of the same strategy; inherit only from another strategy`,
            );
          else {
            const inherited = [
              ...target.strategy.advantages,
              ...target.strategy.disadvantages,
            ].find((x) => x.id === ref);
            if (inherited?.inherits?.length)
              report(
                "strategies",
                [...at, "inherits", r],
                `"${ref}" itself inherits; inherit from the original item instead`,
              );
          }
        });
        item.footnotes?.forEach((ref, r) => {
          if (!footnoteIds.includes(ref))
            report(
              "strategies",
              [...at, "footnotes", r],
              `unknown footnote "${ref}"; ${expectedOneOf(ref, footnoteIds)}`,
            );
        });
      });
    }
  });

  const questionValues = new Map(
    ruleBase.questions.map((q) => [q.id, q.choices.map((c) => c.value)]),
  );
  const checkCondition = (condition: Condition, path: PropertyKey[], askedBefore: Set<string>) => {
    if ("all" in condition) {
      for (const [i, c] of condition.all.entries())
        checkCondition(c, [...path, "all", i], askedBefore);
    } else if ("any" in condition) {
      for (const [i, c] of condition.any.entries())
        checkCondition(c, [...path, "any", i], askedBefore);
    } else if ("not" in condition) checkCondition(condition.not, [...path, "not"], askedBefore);
    else {
      const values = questionValues.get(condition.question);
      if (!values) {
        report(
          "questions",
          [...path, "question"],
          `unknown question "${condition.question}"; ${expectedId(condition.question, questionIds, "questions.yaml")}`,
        );
        return;
      }
      if (!askedBefore.has(condition.question)) {
        report(
          "questions",
          [...path, "question"],
          `askWhen refers to "${condition.question}", which is not asked before this question`,
        );
      }
      condition.in.forEach((value, i) => {
        if (!values.includes(value))
          report(
            "questions",
            [...path, "in", i],
            `"${value}" is not a value of ${condition.question}; ${expectedOneOf(value, values)}`,
          );
      });
    }
  };

  const askedBefore = new Set<string>();
  ruleBase.questions.forEach((question, q) => {
    const at = ["questions", q];
    const values = question.choices.map((c) => c.value);
    const seenValues = new Set<string>();
    question.choices.forEach((choice, c) => {
      if (seenValues.has(choice.value))
        report("questions", [...at, "choices", c, "value"], `duplicate value "${choice.value}"`);
      if (choice.value === "unsure")
        report(
          "questions",
          [...at, "choices", c, "value"],
          `"unsure" is reserved: every question accepts it`,
        );
      seenValues.add(choice.value);
      for (const factor of Object.keys(choice.weights)) {
        if (!factorIds.includes(factor)) {
          report(
            "questions",
            [...at, "choices", c, "weights", factor],
            `unknown factor "${factor}"; ${expectedId(factor, factorIds, "factors.yaml")}`,
            true,
          );
        }
      }
      choice.excludes.forEach((exclusion, e) => {
        if (!strategyIds.includes(exclusion.strategy)) {
          report(
            "questions",
            [...at, "choices", c, "excludes", e, "strategy"],
            `unknown strategy "${exclusion.strategy}"; ${expectedId(exclusion.strategy, strategyIds, "strategies.yaml")}`,
          );
        }
      });
    });
    if (
      question.type === "boolean" &&
      (values.length !== 2 || !values.includes("true") || !values.includes("false"))
    ) {
      report(
        "questions",
        [...at, "choices"],
        "a boolean question has exactly the choices true and false",
      );
    }
    if (question.default !== undefined && !values.includes(question.default)) {
      report(
        "questions",
        [...at, "default"],
        `default "${question.default}" is not a choice; ${expectedOneOf(question.default, values)}`,
      );
    }
    if (question.askWhen) checkCondition(question.askWhen, [...at, "askWhen"], askedBefore);
    askedBefore.add(question.id);
  });
  return out;
}
