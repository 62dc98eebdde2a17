import * as z from "zod/mini";
import { type Diagnostic, InputError } from "../diagnostics.js";
import { recommend } from "../engine/score.js";
import { described, type Profile, profileSchema } from "../profile/schema.js";
import type { RuleBase } from "./schema.js";
import { parseSource, type SourceFile, validate } from "./yaml-source.js";

/** The schema of a scenario file for a rule base: a profile plus what the rule base must make of it. */
export function scenarioSchema(ruleBase: RuleBase) {
  const strategy = z.enum(ruleBase.strategies.map((s) => s.id) as [string, ...string[]]);
  return z.strictObject({
    name: described(z.string().check(z.minLength(1)), "A short name shown in the test report."),
    description: described(
      z.optional(z.string()),
      "What the scenario checks and why, in a sentence or two.",
    ),
    profile: described(
      profileSchema(ruleBase),
      "The profile to score, in the same format as a deploy-advisor.yaml.",
    ),
    expect: z
      .strictObject({
        winner: described(
          z.optional(z.nullable(strategy)),
          "The recommended strategy, or null when every one is excluded.",
        ),
        excluded: described(
          z.optional(z.array(strategy)),
          "Exactly the strategies the profile excludes, in any order ([] for none).",
        ),
        top: described(
          z.optional(z.array(strategy).check(z.minLength(1))),
          "The first strategies of the ranking, best first.",
        ),
      })
      .check(
        z.refine((e) => e.winner !== undefined || e.excluded !== undefined || e.top !== undefined, {
          error: "state at least one of winner, excluded or top",
        }),
      )
      // The same rule for editors: the object may hold only those three keys.
      .register(z.globalRegistry, {
        description: "What the rule base must make of the profile.",
        minProperties: 1,
      }),
  });
}

/** A parsed scenario, with its source so failures can point at the expectation that failed. */
export interface Scenario {
  file: string;
  name: string;
  description?: string;
  profile: Profile;
  /** Each expectation is checked only when stated. */
  expect: { winner?: string | null; excluded?: string[]; top?: string[] };
  source: SourceFile;
}

/** One expectation that did not hold, at the line that states it. */
export interface ScenarioDifference {
  field: "winner" | "excluded" | "top";
  line: number;
  column: number;
  message: string;
}

export interface ScenarioResult {
  file: string;
  name: string;
  description?: string;
  ok: boolean;
  differences: ScenarioDifference[];
  /** What the rule base actually made of the profile. */
  actual: {
    winner: string | null;
    excluded: string[];
    ranking: { id: string; score: number }[];
  };
}

/** Parses and validates scenario files; every invalid file is reported at once (InputError, exit 2). */
export function parseScenarios(
  ruleBase: RuleBase,
  files: readonly { path: string; text: string }[],
): Scenario[] {
  const schema = scenarioSchema(ruleBase);
  const diagnostics: Diagnostic[] = [];
  const scenarios: Scenario[] = [];
  for (const { path, text } of files) {
    try {
      const source = parseSource(path, text);
      const data = validate(source, schema);
      scenarios.push({
        file: path,
        name: data.name,
        ...(data.description ? { description: data.description } : {}),
        profile: data.profile as Profile,
        expect: data.expect,
        source,
      });
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      diagnostics.push(
        ...(error.diagnostics.length
          ? error.diagnostics
          : [
              {
                file: path,
                line: 1,
                column: 1,
                severity: "error" as const,
                message: error.message,
              },
            ]),
      );
    }
  }
  if (diagnostics.length > 0)
    throw new InputError(
      `invalid scenario file${new Set(diagnostics.map((d) => d.file)).size === 1 ? "" : "s"}`,
      diagnostics,
    );
  return scenarios;
}

const list = (ids: readonly string[]) => (ids.length ? ids.join(", ") : "none");

/** Scores a scenario's profile and compares the result with what the scenario expects. */
export function runScenario(ruleBase: RuleBase, scenario: Scenario): ScenarioResult {
  const recommendation = recommend(ruleBase, scenario.profile);
  const actual = {
    winner: recommendation.recommended,
    excluded: recommendation.excluded.map((e) => e.id),
    ranking: recommendation.ranking.map((r) => ({ id: r.id, score: r.score })),
  };
  const differences: ScenarioDifference[] = [];
  const at = (field: ScenarioDifference["field"]) => scenario.source.locate(["expect", field]);
  const scoreOf = (id: string | null) => actual.ranking.find((r) => r.id === id)?.score;

  const { expect } = scenario;
  if (expect.winner !== undefined && expect.winner !== actual.winner) {
    const expectedScore = scoreOf(expect.winner);
    const detail =
      expect.winner === null
        ? ""
        : actual.excluded.includes(expect.winner)
          ? ` (${expect.winner} is excluded: ${recommendation.excluded
              .find((e) => e.id === expect.winner)
              ?.reasons.map((r) => `${r.question}: ${r.answer}`)
              .join(", ")})`
          : ` (${actual.winner} ${scoreOf(actual.winner)}, ${expect.winner} ${expectedScore})`;
    differences.push({
      field: "winner",
      ...at("winner"),
      message: `winner: expected ${expect.winner ?? "none"}, got ${actual.winner ?? "none (every strategy is excluded)"}${detail}`,
    });
  }
  const expectedExcluded = expect.excluded ?? actual.excluded;
  const missing = expectedExcluded.filter((id) => !actual.excluded.includes(id));
  const extra = actual.excluded.filter((id) => !expectedExcluded.includes(id));
  if (expect.excluded && (missing.length || extra.length)) {
    const parts = [
      ...(missing.length ? [`not excluded: ${missing.join(", ")}`] : []),
      ...(extra.length ? [`also excluded: ${extra.join(", ")}`] : []),
    ];
    differences.push({
      field: "excluded",
      ...at("excluded"),
      message: `excluded: expected ${list(expectedExcluded)}, got ${list(actual.excluded)} (${parts.join("; ")})`,
    });
  }
  if (expect.top) {
    const got = actual.ranking.slice(0, expect.top.length).map((r) => r.id);
    if (got.join() !== expect.top.join())
      differences.push({
        field: "top",
        ...at("top"),
        message: `top: expected ${list(expect.top)}, got ${list(got)} (scores: ${actual.ranking
          .slice(0, Math.max(expect.top.length, 2))
          .map((r) => `${r.id} ${r.score}`)
          .join(", ")})`,
      });
  }
  return {
    file: scenario.file,
    name: scenario.name,
    ...(scenario.description ? { description: scenario.description } : {}),
    ok: differences.length === 0,
    differences,
    actual,
  };
}
