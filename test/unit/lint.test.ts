import { rmSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/diagnostics.js";
import { recommend } from "../../src/engine/score.js";
import { findWinningProfile } from "../../src/engine/search.js";
import { type LintCode, lintChecks, lintRuleBase } from "../../src/rulebase/lint.js";
import { readRuleDirWithSources } from "../../src/rulebase/read-dir.js";
import { append, extraQuestion, lineOf, mutatedRules, replace } from "../helpers/rule-edits.js";
import { rulesDir, STRATEGY_IDS } from "../helpers/rules.js";

function lint(dir: string) {
  const { ruleBase, sources } = readRuleDirWithSources(dir);
  return lintRuleBase(ruleBase, sources);
}

function loadErrors(dir: string) {
  try {
    readRuleDirWithSources(dir);
  } catch (error) {
    if (error instanceof InputError) return error.diagnostics;
    throw error;
  }
  throw new Error("expected the rule base to be invalid");
}

describe("rules lint on the shipped rule base", () => {
  const report = lint(rulesDir);

  it("finds nothing", () => {
    expect(report.findings).toEqual([]);
  });

  it("finds, for each of the six strategies, a profile the engine recommends it for", () => {
    expect(report.strategies.map((s) => s.strategy)).toEqual([...STRATEGY_IDS]);
    const { ruleBase } = readRuleDirWithSources(rulesDir);
    for (const result of report.strategies) {
      expect(result.wins, result.strategy).toBe(true);
      expect(recommend(ruleBase, { answers: result.answers }).recommended).toBe(result.strategy);
      expect(result.margin).toBeGreaterThanOrEqual(0);
    }
  });

  it("gives the same profiles on every run", () => {
    const { ruleBase } = readRuleDirWithSources(rulesDir);
    expect(findWinningProfile(ruleBase, "web-cloud")).toEqual(
      findWinningProfile(ruleBase, "web-cloud"),
    );
  });
});

/** One broken rule base per kind of finding; each must be found at its line, and only it. */
const cases: {
  code: LintCode;
  edits: Parameters<typeof mutatedRules>[0];
  file: string;
  at: (dir: string) => number;
  message: RegExp;
}[] = [
  {
    code: "question-no-effect",
    edits: { "questions.yaml": extraQuestion("mood", { weighs: false }) },
    file: "questions.yaml",
    at: (dir) => lineOf(join(dir, "questions.yaml"), "id: mood"),
    message: /question "mood" has no effect/,
  },
  {
    code: "factor-unused",
    edits: {
      "factors.yaml": append(`  - id: orphan
    name: Orphan
    description: Weighed by an answer but moved by no article item.
    baseline: 1`),
      "questions.yaml": replace(
        "weights: { data-sharing: 3 }",
        "weights: { data-sharing: 3, orphan: 1 }",
      ),
    },
    file: "factors.yaml",
    at: (dir) => lineOf(join(dir, "factors.yaml"), "id: orphan"),
    message: /factor "orphan" is used by no article item/,
  },
  {
    code: "factor-unweighted",
    edits: {
      "factors.yaml": append(`  - id: lonely
    name: Lonely
    description: Moved by an article item but weighed by no answer.
    baseline: 0`),
      "strategies.yaml": replace("impacts: { piracy: -3 }", "impacts: { piracy: -3, lonely: -1 }"),
    },
    file: "factors.yaml",
    at: (dir) => lineOf(join(dir, "factors.yaml"), "id: lonely"),
    message: /no question weighs factor "lonely".*baseline importance \(0\), so it never counts/,
  },
  {
    code: "askwhen-never-holds",
    edits: { "questions.yaml": extraQuestion("dead", { cloudValues: ["none"] }) },
    file: "questions.yaml",
    at: (dir) =>
      lineOf(
        join(dir, "questions.yaml"),
        "askWhen:",
        lineOf(join(dir, "questions.yaml"), "id: dead"),
      ),
    message:
      /askWhen of "dead" can never hold.*algorithmUpdates is asked only when cloudAcceptance is not none/,
  },
  {
    code: "unreachable-choice",
    edits: { "questions.yaml": extraQuestion("partly", { cloudValues: ["phi-ok", "none"] }) },
    file: "questions.yaml",
    at: (dir) => lineOf(join(dir, "questions.yaml"), "in: [phi-ok, none]"),
    message: /"none" \(of cloudAcceptance\) is unreachable here.*askWhen of "partly"/,
  },
  {
    code: "item-without-factor",
    edits: {
      "strategies.yaml": replace(
        `        text: The vendor pays the cloud hosting bill.
        impacts: { hosting-cost: -2 }`,
        "        text: The vendor pays the cloud hosting bill.",
      ),
    },
    file: "strategies.yaml",
    at: (dir) => lineOf(join(dir, "strategies.yaml"), "id: web-cloud.hosting-costs"),
    message: /article item "web-cloud.hosting-costs" has no factor/,
  },
  {
    code: "strategy-never-wins",
    // A seventh strategy identical to the native app: it ties at best, and ties go to number 1.
    edits: {
      "strategies.yaml": (text) => {
        const start = text.indexOf("  - id: native\n");
        const end = text.indexOf("  - id: web-local\n");
        const copy = text
          .slice(start, end)
          .replaceAll("native.", "native-copy.")
          .replace("id: native\n", "id: native-copy\n")
          .replace("number: 1", "number: 7");
        return `${text.trimEnd()}\n\n${copy}`;
      },
    },
    file: "strategies.yaml",
    at: (dir) => lineOf(join(dir, "strategies.yaml"), "id: native-copy"),
    message: /found no profile that makes "native-copy" the recommendation.*ties with "native"/,
  },
];

describe("rules lint on broken rule bases", () => {
  it("has a case for every kind of finding", () => {
    expect(cases.map((c) => c.code).sort()).toEqual(Object.keys(lintChecks).sort());
  });

  for (const c of cases) {
    it(`reports ${c.code} at the line to fix`, () => {
      const dir = mutatedRules(c.edits);
      const { findings } = lint(dir);
      expect(findings).toHaveLength(1);
      const [finding] = findings;
      expect(finding).toMatchObject({
        file: join(dir, c.file),
        line: c.at(dir),
        code: c.code,
        severity: lintChecks[c.code].severity,
      });
      expect(finding?.message).toMatch(c.message);
      expect(finding?.column).toBeGreaterThan(0);
    });
  }

  it("keeps a gating question that weighs nothing: the askWhen of another depends on it", () => {
    const dir = mutatedRules({
      "questions.yaml": [
        extraQuestion("gate", { weighs: false }),
        extraQuestion("gated", { askWhen: "{ question: gate, in: [true] }" }),
      ],
    });
    expect(lint(dir).findings).toEqual([]);
  });
});

describe("load errors a rule author sees first", () => {
  it("names the line of a duplicate id and where it was first defined", () => {
    const dir = mutatedRules({
      "factors.yaml": replace("  - id: os-access\n", "  - id: visualization-performance\n"),
      "strategies.yaml": replace("{ os-access: 3 }", "{ visualization-performance: 1 }"),
      "questions.yaml": replace("{ os-access: 4 }", "{ visualization-performance: 1 }"),
    });
    const path = join(dir, "factors.yaml");
    const first = lineOf(path, "id: visualization-performance");
    expect(loadErrors(dir)).toEqual([
      {
        file: path,
        line: lineOf(path, "id: visualization-performance", first),
        column: 9,
        severity: "error",
        message: `duplicate factor id "visualization-performance" (first defined at line ${first}); ids must be unique`,
      },
    ]);
  });

  it("names the line of an unknown reference, with the closest id", () => {
    const dir = mutatedRules({
      "strategies.yaml": replace("inherits: [web-cloud.hardware,", "inherits: [web-cloud.hardwar,"),
      "questions.yaml": replace(
        "excludes:\n          - strategy: web-cloud\n",
        "excludes:\n          - strategy: web-clod\n",
      ),
    });
    const diagnostics = loadErrors(dir);
    expect(diagnostics.map((d) => [d.file, d.line, d.message])).toEqual([
      [
        join(dir, "strategies.yaml"),
        lineOf(join(dir, "strategies.yaml"), "web-cloud.hardwar,"),
        'unknown article item "web-cloud.hardwar"; did you mean "web-cloud.hardware"? (all 51 are in strategies.yaml)',
      ],
      [
        join(dir, "questions.yaml"),
        lineOf(join(dir, "questions.yaml"), "strategy: web-clod"),
        expect.stringMatching(
          /^unknown strategy "web-clod"; expected one of: .*did you mean "web-cloud"/,
        ),
      ],
    ]);
  });

  it("says so when a rule file is empty", () => {
    const dir = mutatedRules({ "meta.yaml": () => "" });
    expect(loadErrors(dir)).toEqual([
      expect.objectContaining({
        file: join(dir, "meta.yaml"),
        line: 1,
        message: "the file is empty; expected a YAML mapping (key: value lines)",
      }),
    ]);
  });

  it("lists every missing file at once", () => {
    const dir = mutatedRules();
    rmSync(join(dir, "factors.yaml"));
    rmSync(join(dir, "questions.yaml"));
    expect(() => readRuleDirWithSources(dir)).toThrow(
      `${dir}: not a complete rule base; missing factors.yaml, questions.yaml`,
    );
  });
});
