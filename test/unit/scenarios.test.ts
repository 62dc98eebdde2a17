import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/diagnostics.js";
import { readRuleDir, readScenarioTexts } from "../../src/rulebase/read-dir.js";
import { parseScenarios, runScenario } from "../../src/rulebase/scenarios.js";
import { rulesDir } from "../helpers/rules.js";

const ruleBase = readRuleDir(rulesDir);

function run(text: string, file = "scenario.yaml") {
  const [scenario] = parseScenarios(ruleBase, [{ path: file, text }]);
  if (!scenario) throw new Error("no scenario parsed");
  return runScenario(ruleBase, scenario);
}

function invalid(text: string, file = "bad.yaml") {
  try {
    parseScenarios(ruleBase, [{ path: file, text }]);
  } catch (error) {
    if (error instanceof InputError) return error.diagnostics;
    throw error;
  }
  throw new Error("expected the scenario to be rejected");
}

const cloudNone = `name: Nothing leaves the network
profile:
  version: 1
  answers:
    cloudAcceptance: none
    osAccess: true
expect:
`;

describe("the shipped scenarios", () => {
  const results = parseScenarios(ruleBase, readScenarioTexts(rulesDir)).map((s) =>
    runScenario(ruleBase, s),
  );

  it("all pass", () => {
    expect(results.filter((r) => !r.ok)).toEqual([]);
  });

  it("cover every strategy winning and each hard exclusion of the design", () => {
    const files = readdirSync(join(rulesDir, "scenarios"));
    const winners = new Set(
      files.flatMap((f) => {
        const match = /^\s*winner: (\S+)/m.exec(
          readFileSync(join(rulesDir, "scenarios", f), "utf8"),
        );
        return match?.[1] ? [match[1]] : [];
      }),
    );
    expect([...winners].sort()).toEqual(ruleBase.strategies.map((s) => s.id).sort());
    const exclusions = results.map((r) => r.actual.excluded.join(","));
    for (const expected of [
      "web-cloud",
      "web-cloud,web-local-cloud-processing,native-cloud-processing,web-cloud-hipaa-platform",
      "web-cloud,web-cloud-hipaa-platform",
      "web-cloud-hipaa-platform",
    ])
      expect(exclusions).toContain(expected);
  });
});

describe("running a scenario", () => {
  it("passes when winner, exclusions and top match", () => {
    const result = run(`${cloudNone}  winner: native
  excluded: [native-cloud-processing, web-cloud, web-cloud-hipaa-platform, web-local-cloud-processing]
  top: [native, web-local]
`);
    expect(result).toMatchObject({ ok: true, differences: [] });
    expect(result.actual.winner).toBe("native");
  });

  it("checks only what is stated", () => {
    expect(run(`${cloudNone}  top: [native]\n`).ok).toBe(true);
  });

  it("fails on the wrong winner, at the line of expect.winner, with both scores", () => {
    const result = run(`${cloudNone}  winner: web-local\n`);
    expect(result.ok).toBe(false);
    expect(result.differences).toEqual([
      {
        field: "winner",
        line: 8,
        column: 11,
        message: expect.stringMatching(
          /^winner: expected web-local, got native \(native \d+(\.\d)?, web-local \d+(\.\d)?\)$/,
        ),
      },
    ]);
  });

  it("says why an expected winner lost when it was excluded", () => {
    const result = run(`${cloudNone}  winner: web-cloud\n`);
    expect(result.differences[0]?.message).toBe(
      "winner: expected web-cloud, got native (web-cloud is excluded: cloudAcceptance: none)",
    );
  });

  it("fails on exclusions, naming what is missing and what is extra", () => {
    const result = run(`${cloudNone}  excluded: [web-cloud, native]\n`);
    expect(result.differences).toHaveLength(1);
    expect(result.differences[0]).toMatchObject({ field: "excluded", line: 8, column: 13 });
    expect(result.differences[0]?.message).toBe(
      "excluded: expected web-cloud, native, got web-cloud, web-local-cloud-processing, native-cloud-processing, web-cloud-hipaa-platform (not excluded: native; also excluded: web-local-cloud-processing, native-cloud-processing, web-cloud-hipaa-platform)",
    );
  });

  it("fails on the order of the top of the ranking", () => {
    const result = run(`${cloudNone}  top: [web-local, native]\n`);
    expect(result.differences).toEqual([
      expect.objectContaining({
        field: "top",
        line: 8,
        message: expect.stringMatching(/^top: expected web-local, native, got native, web-local/),
      }),
    ]);
  });

  it("reports several differences at once", () => {
    const result = run(`${cloudNone}  winner: web-local\n  excluded: []\n  top: [web-local]\n`);
    expect(result.differences.map((d) => [d.field, d.line])).toEqual([
      ["winner", 8],
      ["excluded", 9],
      ["top", 10],
    ]);
  });
});

describe("invalid scenario files", () => {
  it("are rejected with file, line and column, for the profile and the expectations alike", () => {
    const diagnostics = invalid(`name: Typos
profile:
  version: 1
  answers:
    customers: hospital
expect:
  winner: webcloud
`);
    expect(diagnostics.map((d) => [d.file, d.line, d.column, d.message])).toEqual([
      [
        "bad.yaml",
        5,
        16,
        expect.stringMatching(
          /^profile\.answers\.customers: expected one of: .*did you mean "hospitals"/,
        ),
      ],
      [
        "bad.yaml",
        7,
        11,
        expect.stringMatching(
          /^expect\.winner: expected one of: native, .*did you mean "web-cloud"/,
        ),
      ],
    ]);
  });

  it("need at least one expectation", () => {
    const diagnostics = invalid("name: Empty\nprofile: { version: 1 }\nexpect: {}\n");
    expect(diagnostics).toEqual([
      expect.objectContaining({
        line: 3,
        message: "expect: state at least one of winner, excluded or top",
      }),
    ]);
  });

  it("report every bad file at once", () => {
    let caught: unknown;
    try {
      parseScenarios(ruleBase, [
        { path: "a.yaml", text: "name: A\nprofile: { version: 2 }\nexpect: { winner: native }\n" },
        { path: "b.yaml", text: "name: [unclosed\n" },
      ]);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InputError);
    expect((caught as InputError).diagnostics.map((d) => d.file)).toEqual(["a.yaml", "b.yaml"]);
  });
});
