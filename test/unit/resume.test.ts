import { describe, expect, it } from "vitest";
import { InputError } from "../../src/diagnostics.js";
import { readPartialProfile } from "../../src/profile/resume.js";
import { realRules } from "../helpers/rules.js";

const ruleBase = realRules();

describe("readPartialProfile", () => {
  it("keeps what is valid and warns, with file:line:col, about each value it drops", () => {
    const text = [
      "project: Demo", // 1
      "answers:", // 2
      "  customers: hospital", // 3
      "  gpuu: true", // 4
      "  computeDemand: light", // 5
      "  gpu: true", // 6
      "  timeSensitive: true", // 7
      "tolerance: 500", // 8
      "colour: blue", // 9
      "weights:", // 10
      "  hosting-cost: 4", // 11
      "",
    ].join("\n");
    const partial = readPartialProfile(ruleBase, "partial.yaml", text);
    expect(partial.assessment.answers).toEqual({ computeDemand: "light", timeSensitive: "true" });
    expect(partial.rest).toEqual({ project: "Demo", weights: { "hosting-cost": 4 } });
    const lines = partial.warnings.map((w) => `${w.file}:${w.line}:${w.column}: ${w.severity}`);
    expect(lines).toEqual([
      "partial.yaml:3:14: warning",
      "partial.yaml:4:3: warning",
      "partial.yaml:6:3: warning",
      "partial.yaml:8:12: warning",
      "partial.yaml:9:1: warning",
    ]);
    const messages = partial.warnings.map((w) => w.message);
    expect(messages[0]).toMatch(/customers: "hospital" is not an answer.*did you mean "hospitals"/);
    expect(messages[1]).toContain('unknown question, ignored (did you mean "gpu"?)');
    expect(messages[2]).toContain("asked only when computeDemand is not light");
    expect(messages[3]).toMatch(/^tolerance: .*100.*; dropped$/);
    expect(messages[4]).toMatch(/unknown key "colour".*; dropped$/);
  });

  it("accepts a file without version, and warns about a wrong one", () => {
    expect(readPartialProfile(ruleBase, "a.yaml", "answers: {}\n").warnings).toEqual([]);
    const wrong = readPartialProfile(ruleBase, "b.yaml", "version: 2\nanswers: {}\n");
    expect(wrong.warnings).toEqual([
      expect.objectContaining({
        line: 1,
        column: 10,
        message: expect.stringContaining("expected 1"),
      }),
    ]);
  });

  it("refuses what is not a profile at all", () => {
    expect(() => readPartialProfile(ruleBase, "c.yaml", "- a\n- b\n")).toThrow(InputError);
    expect(() => readPartialProfile(ruleBase, "d.yaml", "answers: [\n")).toThrow(InputError);
  });
});
