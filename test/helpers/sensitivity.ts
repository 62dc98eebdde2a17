import { readFileSync } from "node:fs";
import { join } from "node:path";
import { recommend, type ScoringInput } from "../../src/engine/score.js";
import { parseProfileLoaded } from "../../src/profile/parse.js";
import type { Profile } from "../../src/profile/schema.js";
import type { RuleBase } from "../../src/rulebase/schema.js";
import { realRules, repoRoot } from "./rules.js";

/** One of the shipped example profiles, validated against the real rules/. */
export function example(name: string): Profile {
  const file = join(repoRoot, "examples", `${name}.yaml`);
  return parseProfileLoaded(realRules(), file, readFileSync(file, "utf8")).profile;
}

export const exampleNames = [
  "clinic-platform-app",
  "cloud-teleradiology",
  "desktop-3d-viewer",
  "hospital-pacs-server",
  "research-desktop-ai",
  "stroke-triage-hybrid",
] as const;

const ba = {
  status: "no" as const,
  summary: "No PHI reaches the vendor.",
  agreements: [],
  conditions: [],
  changesIf: [],
};

/**
 * A rule base small enough to score by hand: three strategies, three factors, four questions, one
 * of which (privacyNeed) is asked only when cloud = allowed.
 *   alpha: speed +2, cost -1     beta: cost +2, speed -1     gamma: privacy +4, speed -1
 *   fast: yes -> speed +2       budget: tight -> cost +3, medium -> cost +1
 *   cloud: forbidden excludes gamma       hosting: none excludes alpha
 *   privacyNeed (askWhen cloud = allowed): high -> privacy +2
 */
export function tinyRules(): RuleBase {
  const item = (id: string, impacts: Record<string, number>) => ({ id, text: id, impacts });
  const strategy = (
    number: number,
    id: string,
    plus: Record<string, number>,
    minus: Record<string, number>,
  ) => ({
    id,
    number,
    name: id,
    summary: id,
    advantages: [item(`${id}.plus`, plus)],
    disadvantages: [item(`${id}.minus`, minus)],
    footnotes: [],
    businessAssociate: ba,
    complianceFeatures: [],
  });
  const choice = (
    value: string,
    weights: Record<string, number> = {},
    excludes: { strategy: string; reason: string }[] = [],
  ) => ({ value, label: value, weights, excludes });
  const question = (id: string, choices: ReturnType<typeof choice>[]) => ({
    id,
    prompt: id,
    help: id,
    type: "choice" as const,
    choices,
  });
  return {
    meta: {
      schemaVersion: 1,
      rulesVersion: "0.0.1",
      source: { title: "tiny", date: "2020-01-01" },
      regulation: [{ citation: "none", text: "none" }],
      disclaimer: "Test rules.",
    },
    factors: ["speed", "cost", "privacy"].map((id) => ({
      id,
      name: id,
      description: id,
      baseline: 0,
    })),
    complianceFeatures: [],
    strategies: [
      strategy(1, "alpha", { speed: 2 }, { cost: -1 }),
      strategy(2, "beta", { cost: 2 }, { speed: -1 }),
      strategy(3, "gamma", { privacy: 4 }, { speed: -1 }),
    ],
    questions: [
      question("fast", [choice("yes", { speed: 2 }), choice("no")]),
      question("budget", [
        choice("tight", { cost: 3 }),
        choice("medium", { cost: 1 }),
        choice("loose"),
      ]),
      question("hosting", [
        choice("vendor"),
        choice("none", {}, [{ strategy: "alpha", reason: "alpha needs hosting" }]),
      ]),
      question("cloud", [
        choice("allowed"),
        choice("forbidden", {}, [{ strategy: "gamma", reason: "gamma is a cloud" }]),
      ]),
      {
        ...question("privacyNeed", [choice("high", { privacy: 2 }), choice("low")]),
        askWhen: { question: "cloud", in: ["allowed"] },
      },
    ],
  };
}

/** "q=v" for one change, "q1=v1 & q2=v2" for a pair (in questionnaire order). */
export function changeKey(ruleBase: RuleBase, changes: { question: string; to: string }[]) {
  const order = (q: string) => ruleBase.questions.findIndex((x) => x.id === q);
  return [...changes]
    .sort((a, b) => order(a.question) - order(b.question))
    .map((c) => `${c.question}=${c.to}`)
    .join(" & ");
}

/** The winner after applying changes, scored by `recommend` from scratch. */
export function winnerAfter(
  ruleBase: RuleBase,
  input: ScoringInput,
  changes: { question: string; to: string }[],
) {
  const answers = { ...input.answers };
  for (const change of changes) answers[change.question] = change.to;
  return recommend(ruleBase, { answers, ...(input.weights ? { weights: input.weights } : {}) });
}

/**
 * Every single change and every minimal pair that changes the winner, found the slow way: each
 * modified profile scored by `recommend`. Pairs that contain a flipping single change are left out.
 */
export function bruteForce(ruleBase: RuleBase, input: ScoringInput) {
  const winner = recommend(ruleBase, input).recommended;
  const changes = ruleBase.questions.flatMap((q) => {
    const current = input.answers[q.id];
    return q.choices
      .filter((c) => c.value !== current)
      .map((c) => ({ question: q.id, to: c.value }));
  });
  const singles = new Map<string, string | null>();
  const steady: typeof changes = [];
  for (const change of changes) {
    const next = winnerAfter(ruleBase, input, [change]).recommended;
    if (next !== winner) singles.set(changeKey(ruleBase, [change]), next);
    else steady.push(change);
  }
  const pairs = new Map<string, string | null>();
  for (let i = 0; i < steady.length; i++) {
    for (let j = i + 1; j < steady.length; j++) {
      const a = steady[i];
      const b = steady[j];
      if (!a || !b || a.question === b.question) continue;
      const next = winnerAfter(ruleBase, input, [a, b]).recommended;
      if (next !== winner) pairs.set(changeKey(ruleBase, [a, b]), next);
    }
  }
  return { winner, singles, pairs };
}
