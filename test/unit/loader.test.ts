import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readTextFile } from "../../src/cli/io.js";
import { formatDiagnostic } from "../../src/diagnostics.js";
import { parseProfileLoaded } from "../../src/profile/parse.js";
import { loadRuleBase, type RuleTexts } from "../../src/rulebase/load.js";
import { readRuleDir } from "../../src/rulebase/read-dir.js";
import { ruleFiles } from "../../src/rulebase/schema.js";
import {
  copyRules,
  diagnosticMatching,
  inputError,
  mutateFile,
  positionOf,
  realRules,
  removeDir,
  rulesDir,
  tempDir,
} from "../helpers/rules.js";

const FILE = "profile.yaml";

/** Parses a profile that must be rejected and returns its diagnostics as compiler-style lines. */
function profileErrors(text: string): string[] {
  const error = inputError(() => parseProfileLoaded(realRules(), FILE, text));
  expect(error.diagnostics.length).toBeGreaterThan(0);
  return error.diagnostics.map(formatDiagnostic);
}

describe("profile loader: every error names file:line:column", () => {
  it("accepts a minimal valid profile and keeps its answers", () => {
    const { profile } = parseProfileLoaded(
      realRules(),
      FILE,
      "version: 1\nanswers:\n  customers: hospitals\n  timeSensitive: true\n",
    );
    expect(profile.answers).toEqual({ customers: "hospitals", timeSensitive: "true" });
  });

  it("accepts JSON and locates errors inside it", () => {
    const text = '{"version": 1, "answers": {"customers": "hospital"}}';
    expect(profileErrors(text)).toEqual([
      `${FILE}:1:41: error: answers.customers: expected one of: individuals, clinics, hospitals, mixed, unsure (did you mean "hospitals"?)`,
    ]);
  });

  const cases: { name: string; text: string; expected: string[] }[] = [
    {
      name: "bad YAML syntax (a mapping where a scalar is expected)",
      text: "version: 1\nanswers:\n  customers: hospitals: big\n",
      expected: [`${FILE}:3:14: error: Nested mappings are not allowed in compact mappings`],
    },
    {
      name: "bad YAML syntax (tab indentation)",
      text: "version: 1\n\tproject: x\n",
      expected: [`${FILE}:2:1: error: Tabs are not allowed as indentation`],
    },
    {
      name: "duplicate keys, at the second occurrence",
      text: "version: 1\nanswers:\n  customers: hospitals\n  customers: clinics\n",
      expected: [`${FILE}:4:3: error: duplicate key: each key may appear only once in a mapping`],
    },
    {
      name: "unknown top-level key, with did you mean",
      text: "version: 1\nanwsers:\n  customers: hospitals\n",
      expected: [
        `${FILE}:2:1: error: unknown key "anwsers"; expected one of: version, project, answers, chosen, rationale, decided, reviewBy, tolerance, weights, decision (did you mean "answers"?)`,
      ],
    },
    {
      name: "value outside a question's choices, with did you mean",
      text: "version: 1\nanswers:\n  customers: hospital\n",
      expected: [
        `${FILE}:3:14: error: answers.customers: expected one of: individuals, clinics, hospitals, mixed, unsure (did you mean "hospitals"?)`,
      ],
    },
    {
      name: "boolean question answered with a word",
      text: "version: 1\nanswers:\n  timeSensitive: maybe\n",
      expected: [
        `${FILE}:3:18: error: answers.timeSensitive: expected one of: true, false, unsure`,
      ],
    },
    {
      name: "boolean question answered with a number",
      text: "version: 1\nanswers:\n  osAccess: 1\n",
      expected: [`${FILE}:3:13: error: answers.osAccess: expected one of: true, false, unsure`],
    },
    {
      name: "impossible calendar date",
      text: "version: 1\nreviewBy: 2027-02-30\n",
      expected: [`${FILE}:2:11: error: reviewBy: expected a real calendar date as YYYY-MM-DD`],
    },
    {
      name: "date in the wrong format",
      text: "version: 1\ndecided: 30/11/2026\n",
      expected: [`${FILE}:2:10: error: decided: expected a date as YYYY-MM-DD`],
    },
    {
      name: "weight outside 0..5",
      text: "version: 1\nweights:\n  hosting-cost: 9\n",
      expected: [`${FILE}:3:17: error: weights.hosting-cost: expected at most 5, got number 9`],
    },
    {
      name: "chosen strategy that does not exist",
      text: "version: 1\nchosen: web-clowd\n",
      expected: [
        `${FILE}:2:9: error: chosen: expected one of: native, web-local, web-cloud, web-local-cloud-processing, native-cloud-processing, web-cloud-hipaa-platform (did you mean "web-cloud"?)`,
      ],
    },
    {
      name: "missing version",
      text: "answers: {}\n",
      expected: [`${FILE}:1:1: error: version: required, but missing`],
    },
    {
      name: "a list instead of a mapping",
      text: "- version\n",
      expected: [`${FILE}:1:1: error: the document: expected object, got a list`],
    },
    {
      name: "__proto__ key",
      text: "version: 1\nanswers:\n  __proto__:\n    customers: hospitals\n",
      expected: [`${FILE}:3:3: error: the key "__proto__" is not allowed`],
    },
    {
      name: "unknown tag !!js/function",
      text: "version: 1\nproject: !!js/function 'function () {}'\n",
      expected: [
        `${FILE}:2:10: error: unsupported tag: only plain YAML data is accepted (Unresolved tag: tag:yaml.org,2002:js/function)`,
      ],
    },
    {
      name: "custom local tag",
      text: "version: 1\nproject: !exec hello\n",
      expected: [
        `${FILE}:2:10: error: unsupported tag: only plain YAML data is accepted (Unresolved tag: !exec)`,
      ],
    },
    {
      // 65 levels of nesting under x: the 65th "[" (column 4 + 64) is the first too deep.
      name: "nesting deeper than 64 levels",
      text: `version: 1\nx: ${"[".repeat(70)}${"]".repeat(70)}\n`,
      expected: [`${FILE}:2:68: error: nesting deeper than 64 levels is not allowed`],
    },
  ];

  it.each(cases)("$name", ({ text, expected }) => {
    expect(profileErrors(text)).toEqual(expected);
  });

  it("unknown question id: did you mean, at the key", () => {
    const [line] = profileErrors("version: 1\nanswers:\n  custmers: hospitals\n");
    expect(line).toMatch(/^profile\.yaml:3:3: error: unknown key "custmers" in answers; /);
    expect(line).toContain("expected one of: customers, visualization, imageSize");
    expect(line).toContain('(did you mean "customers"?)');
  });

  it("unknown factor in weights: did you mean, at the key", () => {
    const [line] = profileErrors("version: 1\nweights:\n  hosting-cots: 4\n");
    expect(line).toMatch(/^profile\.yaml:3:3: error: unknown key "hosting-cots" in weights; /);
    expect(line).toContain('(did you mean "hosting-cost"?)');
  });

  it("reports every problem of a file at once, each at its own line", () => {
    const lines = profileErrors(
      "version: 1\nanswers:\n  customers: hospital\n  imageSize: huge\nchosen: cloud\n",
    );
    expect(lines.map((l) => l.split(": ")[0])).toEqual([
      `${FILE}:3:14`,
      `${FILE}:4:14`,
      `${FILE}:5:9`,
    ]);
  });

  it("refuses an alias bomb instead of expanding it", () => {
    const text = [
      "version: 1",
      "a: &a [x, x, x, x, x, x, x, x, x]",
      "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]",
      "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]",
      "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]",
      "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]",
      "",
    ].join("\n");
    const error = inputError(() => parseProfileLoaded(realRules(), FILE, text));
    const refusal =
      "too many aliases (possible alias bomb): at most 100 alias expansions are allowed";
    expect(error.message).toBe(`${FILE}: ${refusal}`);
    expect(error.diagnostics.map(formatDiagnostic)).toEqual([`${FILE}:1:1: error: ${refusal}`]);
  });

  it("still accepts a few ordinary aliases", () => {
    const { profile } = parseProfileLoaded(
      realRules(),
      FILE,
      "version: 1\nproject: &name hospitals\nanswers:\n  customers: *name\n",
    );
    expect(profile.answers.customers).toBe("hospitals");
  });

  it("refuses text over 1 MiB before parsing it", () => {
    const text = `version: 1\nproject: x\n# ${"x".repeat(1024 * 1024)}\n`;
    const error = inputError(() => parseProfileLoaded(realRules(), FILE, text));
    expect(error.message).toBe(`${FILE}: larger than 1 MiB; refusing to parse it`);
  });

  it("does not let __proto__ reach Object.prototype even in nested answers", () => {
    inputError(() =>
      parseProfileLoaded(realRules(), FILE, 'version: 1\nweights: {"__proto__": {polluted: 1}}\n'),
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("readTextFile: user files with limits", () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir();
  });
  afterAll(() => removeDir(dir));

  it("reads a UTF-8 file, even with a byte-order mark", () => {
    const path = join(dir, "bom.yaml");
    writeFileSync(path, "\uFEFFversion: 1\nproject: Zürich\n");
    const text = readTextFile(path);
    expect(parseProfileLoaded(realRules(), path, text).profile.project).toBe("Zürich");
  });

  it("names a missing file", () => {
    const path = join(dir, "nope.yaml");
    expect(inputError(() => readTextFile(path)).message).toBe(`${path}: no such file`);
  });

  it("refuses a directory", () => {
    const path = join(dir, "sub");
    mkdirSync(path);
    expect(inputError(() => readTextFile(path)).message).toBe(
      `${path}: is a directory; expected a file`,
    );
  });

  it("refuses a file over 1 MiB without reading it", () => {
    const path = join(dir, "big.yaml");
    writeFileSync(path, Buffer.alloc(1024 * 1024 + 1, "a"));
    expect(inputError(() => readTextFile(path)).message).toBe(
      `${path}: larger than 1 MiB (1048577 bytes); refusing to read it`,
    );
  });

  it("refuses binary and invalid UTF-8 files", () => {
    const nul = join(dir, "nul.yaml");
    writeFileSync(nul, Buffer.from("version: 1\0\n"));
    expect(inputError(() => readTextFile(nul)).message).toContain("contains NUL bytes");
    const latin1 = join(dir, "latin1.yaml");
    writeFileSync(latin1, Buffer.from([0x70, 0x3a, 0x20, 0xfc, 0x0a]));
    expect(inputError(() => readTextFile(latin1)).message).toBe(
      `${latin1}: is not valid UTF-8 text; save it as UTF-8`,
    );
  });
});

describe("rule base loader", () => {
  it("loads the real rules/ (6 strategies, 22 questions)", () => {
    const ruleBase = realRules();
    expect(ruleBase.strategies).toHaveLength(6);
    expect(ruleBase.questions).toHaveLength(22);
  });

  /** The real rule files as texts, with one of them replaced. */
  function textsWith(key: keyof RuleTexts, text: string): RuleTexts {
    const texts = {} as RuleTexts;
    for (const [k, { file }] of Object.entries(ruleFiles) as [keyof RuleTexts, { file: string }][])
      texts[k] = { path: `rules/${file}`, text: readFileSync(join(rulesDir, file), "utf8") };
    texts[key] = { path: `rules/${ruleFiles[key].file}`, text };
    return texts;
  }

  it("reports YAML and schema problems in the rule files with file:line:column", () => {
    const meta = readFileSync(join(rulesDir, "meta.yaml"), "utf8");
    const broken = meta.replace("rulesVersion: 1.0.0", "rulesVersion: one\nrulesVersion: 2.0.0");
    const error = inputError(() => loadRuleBase(textsWith("meta", broken)));
    const at = positionOf(broken, "rulesVersion: 2.0.0");
    expect(error.diagnostics.map(formatDiagnostic)).toEqual([
      `rules/meta.yaml:${at.line}:${at.column}: error: duplicate key: each key may appear only once in a mapping`,
    ]);
  });

  it("reports an unknown key in a rule file with did you mean", () => {
    const factors = readFileSync(join(rulesDir, "factors.yaml"), "utf8");
    const broken = factors.replace("    baseline: 1\n", "    baselin: 1\n");
    const error = inputError(() => loadRuleBase(textsWith("factors", broken)));
    const d = diagnosticMatching(error, /unknown key "baselin"/);
    expect(d).toMatchObject({ file: "rules/factors.yaml", ...positionOf(broken, "baselin: 1") });
    expect(d.message).toContain('(did you mean "baseline"?)');
  });

  describe("cross-references in a copied rules/ directory", () => {
    let dir: string;
    beforeAll(() => {
      dir = copyRules();
    });
    afterAll(() => removeDir(dir));

    /**
     * Each case breaks one reference in one file of a fresh copy of rules/ and names the text
     * the diagnostic must point at.
     */
    const cases: {
      name: string;
      file: string;
      from: string;
      to: string;
      at: string;
      message: RegExp;
    }[] = [
      {
        name: "unknown factor in an impact",
        file: "strategies.yaml",
        from: "impacts: { visualization-performance: 3 }",
        to: "impacts: { visualisation-performance: 3 }",
        at: "visualisation-performance",
        message:
          /^unknown factor "visualisation-performance"; expected one of: .* \(did you mean "visualization-performance"\?\)$/,
      },
      {
        name: "unknown strategy in an exclusion",
        file: "questions.yaml",
        from: "- strategy: web-cloud\n            reason: A cloud-served web app receives PHI",
        to: "- strategy: web-clowd\n            reason: A cloud-served web app receives PHI",
        at: "web-clowd",
        message:
          /^unknown strategy "web-clowd"; expected one of: native, .* \(did you mean "web-cloud"\?\)$/,
      },
      {
        name: "askWhen naming an unknown question",
        file: "questions.yaml",
        from: "askWhen: { not: { question: computeDemand, in: [light] } }",
        to: "askWhen: { not: { question: computeDemnd, in: [light] } }",
        at: "computeDemnd",
        message: /^unknown question "computeDemnd"; .*\(did you mean "computeDemand"\?\)$/,
      },
      {
        name: "askWhen naming a later question",
        file: "questions.yaml",
        from: "askWhen: { not: { question: computeDemand, in: [light] } }",
        to: "askWhen: { question: ipProtection, in: [high] }",
        at: "ipProtection, in: [high]",
        message: /^askWhen refers to "ipProtection", which is not asked before this question$/,
      },
      {
        name: "askWhen with a value the question does not have",
        file: "questions.yaml",
        from: "askWhen: { not: { question: computeDemand, in: [light] } }",
        to: "askWhen: { not: { question: computeDemand, in: [ligth] } }",
        at: "ligth",
        message: /^"ligth" is not a value of computeDemand; .*\(did you mean "light"\?\)$/,
      },
      {
        name: "duplicate item id",
        file: "strategies.yaml",
        from: "- id: native.no-servers",
        to: "- id: native.performance",
        at: "native.performance\n        text: The vendor has no servers",
        message:
          /^duplicate item id "native\.performance" \(first defined at line \d+\); item ids must be unique across strategies$/,
      },
      {
        name: "duplicate question id",
        file: "questions.yaml",
        from: "- id: osAccess",
        to: "- id: timeSensitive",
        at: "timeSensitive\n    prompt: Does the software need",
        message:
          /^duplicate question id "timeSensitive" \(first defined at line \d+\); ids must be unique$/,
      },
      {
        name: "duplicate strategy id",
        file: "strategies.yaml",
        from: "- id: web-local\n",
        to: "- id: native\n",
        at: "native\n    number: 2",
        message:
          /^duplicate strategy id "native" \(first defined at line \d+\); ids must be unique$/,
      },
      {
        name: "inherits naming an unknown item",
        file: "strategies.yaml",
        from: "inherits: [web-cloud.hardware, web-cloud.analytics, web-cloud.scaling]",
        to: "inherits: [web-cloud.hardware, web-cloud.analytics, web-cloud.scalling]",
        at: "web-cloud.scalling",
        message:
          /^unknown article item "web-cloud\.scalling"; did you mean "web-cloud\.scaling"\? \(all \d+ are in strategies\.yaml\)$/,
      },
      {
        name: "unknown factor in a question's weights",
        file: "questions.yaml",
        from: "weights: { hardware-control: 4 }",
        to: "weights: { hardware-kontrol: 4 }",
        at: "hardware-kontrol",
        message: /^unknown factor "hardware-kontrol"; .*\(did you mean "hardware-control"\?\)$/,
      },
      {
        name: "unknown compliance feature",
        file: "strategies.yaml",
        from: "transmission-security,\n      ]\n\n  - id: web-local\n",
        to: "transmision-security,\n      ]\n\n  - id: web-local\n",
        at: "transmision-security",
        message:
          /^unknown compliance feature "transmision-security"; .*\(did you mean "transmission-security"\?\)$/,
      },
    ];

    it.each(cases)("$name names $file and the line", ({ file, from, to, at, message }) => {
      const copy = join(dir, `case-${cases.findIndex((c) => c.from === from && c.to === to)}`);
      mkdirSync(copy);
      for (const { file: f } of Object.values(ruleFiles))
        writeFileSync(join(copy, f), readFileSync(join(rulesDir, f)));
      // The text before the mutation tells where the diagnostic must point.
      const original = readFileSync(join(copy, file), "utf8");
      const mutated = mutateFile(copy, file, from, to);
      const error = inputError(() => readRuleDir(copy));
      const diagnostic = diagnosticMatching(error, message);
      expect(diagnostic.file).toBe(join(copy, file));
      expect(diagnostic.severity).toBe("error");
      expect({ line: diagnostic.line, column: diagnostic.column }).toEqual(
        positionOf(mutated, at, original.indexOf(from)),
      );
    });

    it("reports problems in several files at once", () => {
      const copy = join(dir, "several");
      mkdirSync(copy);
      for (const { file } of Object.values(ruleFiles))
        writeFileSync(join(copy, file), readFileSync(join(rulesDir, file)));
      const strategies = mutateFile(
        copy,
        "strategies.yaml",
        "impacts: { os-access: 3 }",
        "impacts: { os-acess: 3 }",
      );
      const questions = mutateFile(
        copy,
        "questions.yaml",
        "question: cloudAcceptance, in: [phi-ok]",
        "question: cloudAcceptance, in: [phi-okay]",
      );
      const error = inputError(() => readRuleDir(copy));
      expect(
        error.diagnostics.map((d) => ({ file: d.file, line: d.line, column: d.column })),
      ).toEqual([
        { file: join(copy, "strategies.yaml"), ...positionOf(strategies, "os-acess") },
        { file: join(copy, "questions.yaml"), ...positionOf(questions, "phi-okay") },
      ]);
    });
  });
});
