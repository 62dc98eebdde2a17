import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/diagnostics.js";
import { applies } from "../../src/engine/conditions.js";
import { recommend } from "../../src/engine/score.js";
import { parseProfileLoaded } from "../../src/profile/parse.js";
import { profileTemplate } from "../../src/profile/template.js";
import {
  profileJsonSchema,
  rulesJsonSchema,
  scenarioJsonSchema,
} from "../../src/rulebase/json-schema.js";
import type { RuleFileKey } from "../../src/rulebase/load.js";
import { readRuleDir, readScenarioTexts } from "../../src/rulebase/read-dir.js";
import { ruleFiles } from "../../src/rulebase/schema.js";
import { parseSource } from "../../src/rulebase/yaml-source.js";
import { repoRoot, rulesDir } from "../helpers/rules.js";

const ruleBase = readRuleDir(rulesDir);
// Strict mode: ajv refuses keywords it does not know, so the schemas must be plain 2020-12.
// Union types (type: [string, boolean]) are standard; strict mode only asks to allow them.
const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true });
const validateProfile = ajv.compile(profileJsonSchema(ruleBase));

/** What an editor validates: the YAML read as plain data. */
const data = (file: string, text: string) => parseSource(file, text).data;

function cliAccepts(text: string): boolean {
  try {
    parseProfileLoaded(ruleBase, "profile.yaml", text);
    return true;
  } catch (error) {
    if (error instanceof InputError) return false;
    throw error;
  }
}

const examples = readdirSync(join(repoRoot, "examples")).filter((f) => f.endsWith(".yaml"));

describe("the profile JSON Schema", () => {
  it("is draft 2020-12", () => {
    expect(profileJsonSchema(ruleBase).$schema).toBe(
      "https://json-schema.org/draft/2020-12/schema",
    );
  });

  it.each(examples)("accepts the example %s, as the CLI does", (file) => {
    const text = readFileSync(join(repoRoot, "examples", file), "utf8");
    expect(cliAccepts(text)).toBe(true);
    expect(validateProfile(data(file, text)), JSON.stringify(validateProfile.errors)).toBe(true);
  });

  it("lists each question's values, plus unsure, with its prompt as the description", () => {
    const answers = (
      profileJsonSchema(ruleBase).properties as Record<
        string,
        { properties: Record<string, Record<string, unknown>> }
      >
    ).answers.properties;
    for (const question of ruleBase.questions) {
      const schema = answers[question.id] as {
        description?: string;
        enum?: string[];
        anyOf?: { enum?: string[] }[];
      };
      expect(schema.description).toBe(question.prompt);
      const values = schema.enum ?? schema.anyOf?.find((s) => s.enum)?.enum;
      expect(values).toEqual([...question.choices.map((c) => c.value), "unsure"]);
    }
  });

  const valid = "version: 1\nanswers:\n  customers: hospitals\n";
  const invalidProfiles: [string, string][] = [
    ["no version", "answers:\n  customers: hospitals\n"],
    ["wrong version", "version: 2\n"],
    ["unknown top-level key", `${valid}colour: blue\n`],
    ["unknown question", "version: 1\nanswers:\n  customer: hospitals\n"],
    ["value outside the choices", "version: 1\nanswers:\n  customers: hospital\n"],
    ["boolean question given a word", "version: 1\nanswers:\n  gpu: maybe\n"],
    ["choice question given a boolean", "version: 1\nanswers:\n  customers: true\n"],
    ["unknown strategy chosen", `${valid}chosen: cloud\n`],
    ["unknown factor weighed", `${valid}weights:\n  speed: 3\n`],
    ["weight above 5", `${valid}weights:\n  hosting-cost: 6\n`],
    ["weight not a whole number", `${valid}weights:\n  hosting-cost: 2.5\n`],
    ["date in another format", `${valid}reviewBy: 01/06/2027\n`],
    ["tolerance above 100", `${valid}tolerance: 150\n`],
    ["answers not a mapping", "version: 1\nanswers: [customers]\n"],
    ["project not text", `${valid}project: [a, b]\n`],
  ];

  it("accepts the valid baseline of the table below", () => {
    expect(cliAccepts(valid)).toBe(true);
    expect(validateProfile(data("profile.yaml", valid))).toBe(true);
  });

  it.each(invalidProfiles)("rejects a profile with %s, as the CLI does", (_, text) => {
    expect(cliAccepts(text)).toBe(false);
    expect(validateProfile(data("profile.yaml", text))).toBe(false);
  });

  it("accepts the init template as written, as the CLI does", () => {
    const text = profileTemplate(ruleBase, { schemaRef: "profile.schema.json" });
    expect(validateProfile(data("deploy-advisor.yaml", text))).toBe(true);
    const { profile } = parseProfileLoaded(ruleBase, "deploy-advisor.yaml", text);
    // Every answer is "unsure": each question that applies without answers is listed as unanswered.
    expect(recommend(ruleBase, profile).unanswered).toEqual(
      ruleBase.questions.filter((q) => applies(q, {})).map((q) => q.id),
    );
  });
});

describe("the rule and scenario JSON Schemas", () => {
  for (const key of Object.keys(ruleFiles) as RuleFileKey[]) {
    it(`accepts the shipped ${ruleFiles[key].file}, alone and as any rule file`, () => {
      const text = readFileSync(join(rulesDir, ruleFiles[key].file), "utf8");
      const one = ajv.compile(rulesJsonSchema(key));
      expect(one(data(key, text)), JSON.stringify(one.errors)).toBe(true);
      const any = ajv.compile(rulesJsonSchema());
      expect(any(data(key, text))).toBe(true);
    });
  }

  it("rejects a rule file with an unknown key or an impact out of range", () => {
    const questions = ajv.compile(rulesJsonSchema("questions"));
    expect(questions({ questions: [], extra: 1 })).toBe(false);
    const strategies = ajv.compile(rulesJsonSchema("strategies"));
    const text = readFileSync(join(rulesDir, "strategies.yaml"), "utf8");
    expect(
      strategies(
        data(
          "s",
          text.replace("{ visualization-performance: 3 }", "{ visualization-performance: 9 }"),
        ),
      ),
    ).toBe(false);
  });

  it("accepts every shipped scenario and rejects an unknown expected winner", () => {
    const validate = ajv.compile(scenarioJsonSchema(ruleBase));
    for (const { path, text } of readScenarioTexts(rulesDir))
      expect(validate(data(path, text)), path).toBe(true);
    expect(validate({ name: "x", profile: { version: 1 }, expect: { winner: "cloud" } })).toBe(
      false,
    );
    expect(validate({ name: "x", profile: { version: 1 }, expect: {} })).toBe(false);
  });
});
