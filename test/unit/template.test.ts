import { describe, expect, it } from "vitest";
import { parseProfileLoaded } from "../../src/profile/parse.js";
import { profileTemplate } from "../../src/profile/template.js";
import { readRuleDir } from "../../src/rulebase/read-dir.js";
import { rulesDir } from "../helpers/rules.js";

const ruleBase = readRuleDir(rulesDir);
const text = profileTemplate(ruleBase, { schemaRef: "./node_modules/x/profile.schema.json" });
const lines = text.split("\n");

describe("the profile template", () => {
  it("starts with the yaml-language-server schema line and the format version", () => {
    expect(lines[0]).toBe("# yaml-language-server: $schema=./node_modules/x/profile.schema.json");
    expect(lines).toContain("version: 1");
  });

  it("has one line per question: unsure, then its prompt and allowed values", () => {
    for (const question of ruleBase.questions) {
      const line = lines.find((l) => l.startsWith(`  ${question.id}: `));
      const values = question.choices.map((c) => c.value).join(" | ");
      expect(line).toMatch(new RegExp(`^  ${question.id}: unsure +# `));
      expect(line?.endsWith(`# ${question.prompt} ${values}`)).toBe(true);
    }
  });

  it("aligns the comments and says when a conditional question counts", () => {
    const columns = new Set(
      lines.filter((l) => /^ {2}\w+: unsure/.test(l)).map((l) => l.indexOf("#")),
    );
    expect(columns.size).toBe(1);
    const gpu = lines.findIndex((l) => l.startsWith("  gpu:"));
    expect(lines[gpu - 1]).toBe("  # counts only when computeDemand is not light");
  });

  it("leaves chosen commented out, listing the strategies", () => {
    expect(lines.some((l) => l.startsWith("chosen:"))).toBe(false);
    expect(text).toContain(`#   ${ruleBase.strategies.map((s) => s.id).join(" | ")}`);
    expect(parseProfileLoaded(ruleBase, "t.yaml", text).profile.chosen).toBeUndefined();
  });

  it("parses as written, every answer unsure", () => {
    const { profile } = parseProfileLoaded(ruleBase, "t.yaml", text);
    expect(Object.values(profile.answers)).toEqual(ruleBase.questions.map(() => "unsure"));
  });
});
