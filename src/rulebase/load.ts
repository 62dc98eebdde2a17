import { type Diagnostic, expectedOneOf, InputError } from "../diagnostics.js";
import { type Condition, type RuleBase, ruleFiles, type Strategy } from "./schema.js";
import { parseSource, type SourceFile, validate } from "./yaml-source.js";

export type RuleFileKey = keyof typeof ruleFiles;

/** The text of each rule file, keyed by its role, with the path used in messages. */
export type RuleTexts = Record<RuleFileKey, { path: string; text: string }>;

/** Parses, validates and cross-checks a rule base. Every problem is reported at once, with its place. */
export function loadRuleBase(texts: RuleTexts): RuleBase {
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
  if (diagnostics.length > 0) throw new InputError("the rule base is invalid", diagnostics);

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
  if (problems.length > 0) throw new InputError("the rule base is invalid", problems);
  return ruleBase;
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
    const seen = new Set<string>();
    list.forEach((entry, index) => {
      if (seen.has(entry.id))
        report(key, [...root, index, "id"], `duplicate ${what} id "${entry.id}"`);
      seen.add(entry.id);
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

  const items = new Map<string, { strategy: Strategy }>();
  ruleBase.strategies.forEach((strategy, s) => {
    for (const list of ["advantages", "disadvantages"] as const) {
      strategy[list].forEach((item, i) => {
        if (items.has(item.id))
          report("strategies", ["strategies", s, list, i, "id"], `duplicate item id "${item.id}"`);
        items.set(item.id, { strategy });
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
          `unknown compliance feature "${feature}"; ${expectedOneOf(feature, featureIds)}`,
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
              `unknown factor "${factor}"; ${expectedOneOf(factor, factorIds)}`,
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
              `unknown article item "${ref}"; ${expectedOneOf(ref, [...items.keys()])}`,
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
          `unknown question "${condition.question}"; ${expectedOneOf(condition.question, questionIds)}`,
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
            `unknown factor "${factor}"; ${expectedOneOf(factor, factorIds)}`,
            true,
          );
        }
      }
      choice.excludes.forEach((exclusion, e) => {
        if (!strategyIds.includes(exclusion.strategy)) {
          report(
            "questions",
            [...at, "choices", c, "excludes", e, "strategy"],
            `unknown strategy "${exclusion.strategy}"; ${expectedOneOf(exclusion.strategy, strategyIds)}`,
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
