import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { decodeText } from "../../src/cli/io.js";
import { expectedOneOf, InputError, quote, suggest } from "../../src/diagnostics.js";
import { MAX_DIAGNOSTICS } from "../../src/limits.js";
import { parseProfileLoaded } from "../../src/profile/parse.js";
import { readRuleDir } from "../../src/rulebase/read-dir.js";
import { parseSource } from "../../src/rulebase/yaml-source.js";
import { miniRulesDir, repoRoot } from "../helpers/hostile-commands.js";

// One test per bug the fuzz tests found, at the function that had it.

const ruleBase = readRuleDir(join(repoRoot, "rules"));

function inputError(run: () => unknown): InputError {
  try {
    run();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error("expected an InputError");
}

const messages = (error: InputError) =>
  error.diagnostics.map((d) => `${d.line}:${d.column}: ${d.message}`);

describe("keys", () => {
  it("a mapping with its own toString where an answer belongs is an ordinary error", () => {
    const error = inputError(() =>
      parseProfileLoaded(ruleBase, "p.yaml", "version: 1\nanswers:\n  customers: {toString: 1}\n"),
    );
    expect(messages(error)).toEqual([
      "3:14: answers.customers: expected one of: individuals, clinics, hospitals, mixed, unsure",
    ]);
  });

  it("an alias as a key is refused (it could name __proto__ unseen)", () => {
    const error = inputError(() =>
      parseSource("p.yaml", "k: &k __proto__\n*k : {polluted: yes}\n"),
    );
    expect(messages(error)).toEqual([
      "2:1: only plain text keys are allowed (not an alias, list or mapping)",
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("a list as a key is refused", () => {
    const error = inputError(() => parseSource("p.yaml", "? [a, b]\n: c\n"));
    expect(messages(error)).toEqual([
      "1:3: only plain text keys are allowed (not an alias, list or mapping)",
    ]);
  });

  it("__proto__ as a key is refused wherever it is", () => {
    const error = inputError(() => parseSource("p.yaml", "a:\n  b: [{__proto__: {x: 1}}]\n"));
    expect(messages(error)).toEqual(['2:8: the key "__proto__" is not allowed']);
  });

  it("duplicate keys are found, also when one is a number and the other text", () => {
    expect(messages(inputError(() => parseSource("p.yaml", "a: 1\nb: 2\na: 3\n")))).toEqual([
      "3:1: duplicate key: each key may appear only once in a mapping",
    ]);
    expect(messages(inputError(() => parseSource("p.yaml", '1: a\n"1": b\n')))).toEqual([
      "2:1: duplicate key: each key may appear only once in a mapping",
    ]);
  });

  it("100,000 distinct keys are parsed (duplicates are checked in one pass, not pairwise)", () => {
    const text = Array.from({ length: 100_000 }, (_, i) => `k${i}: 1`).join("\n");
    const source = parseSource("big.yaml", text);
    expect(Object.keys(source.data as object)).toHaveLength(100_000);
  });

  it("unknown keys are quoted shortened and escaped, and at most a screenful is located", () => {
    const keys = Array.from({ length: 500 }, (_, i) => `"\\e[31m${"k".repeat(100)}${i}": 1`);
    const error = inputError(() =>
      parseProfileLoaded(ruleBase, "p.yaml", `version: 1\n${keys.join("\n")}\n`),
    );
    expect(error.message).toBe(`p.yaml: 500 problems (the first ${MAX_DIAGNOSTICS} shown)`);
    expect(error.diagnostics).toHaveLength(MAX_DIAGNOSTICS);
    expect(error.diagnostics[0]?.message).toMatch(
      /^unknown key "\\u001b\[31mk{55}…"; expected one of: version, project/,
    );
  });
});

describe("documents", () => {
  it("a second document is refused in words a user can act on", () => {
    expect(
      messages(inputError(() => parseSource("p.yaml", "version: 1\n---\nversion: 1\n"))),
    ).toEqual(["2:1: a second YAML document starts here; a file holds one (remove the --- line)"]);
  });
});

describe("rule ids", () => {
  it("an id that every JavaScript object already has is refused", () => {
    const dir = mkdtempSync(join(tmpdir(), "deploy-advisor-reserved-"));
    try {
      cpSync(miniRulesDir, dir, { recursive: true });
      cpSync(join(repoRoot, "test", "fixtures", "fuzz-corpus", "rules", "reserved-ids"), dir, {
        recursive: true,
      });
      const error = inputError(() => readRuleDir(dir));
      expect(error.diagnostics.map((d) => `${d.line}:${d.column}: ${d.message}`)).toEqual([
        "16:9: factors.3.id: this id is reserved (a built-in property name of JavaScript objects); choose another",
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("messages", () => {
  it("no suggestion is computed for huge strings", () => {
    const huge = "a".repeat(200_000);
    expect(suggest(huge, [`${huge}b`])).toBeUndefined();
    expect(suggest("hospitls", ["hospitals", huge])).toBe("hospitals");
  });

  it("long lists of allowed values are cut, with a count of the rest", () => {
    const allowed = Array.from({ length: 200 }, (_, i) => `value-${i}`);
    const message = expectedOneOf("x", allowed);
    expect(message.length).toBeLessThan(500);
    expect(message).toMatch(/^expected one of: value-0, value-1, .* and \d+ more$/);
  });

  it("quote() shortens and escapes", () => {
    expect(quote("a\nb")).toBe('"a\\nb"');
    expect(quote("x".repeat(100))).toBe(`"${"x".repeat(60)}…"`);
  });
});

describe("bytes", () => {
  it.each([
    [Buffer.from([0xff, 0xfe, 0x76, 0x00]), /is UTF-16 text; save it as UTF-8/],
    [Buffer.from("version: 1\u0000\n"), /contains NUL bytes/],
    [Buffer.from([0x76, 0xc3, 0x0a]), /is not valid UTF-8 text/],
  ])("%o is refused: %s", (bytes, message) => {
    expect(() => decodeText("p.yaml", bytes)).toThrow(message);
  });

  it("a UTF-8 BOM and CRLF line ends are read", () => {
    const text = decodeText("p.yaml", Buffer.from("\uFEFFversion: 1\r\nproject: x\r\n"));
    const { profile } = parseProfileLoaded(ruleBase, "p.yaml", text);
    expect(profile.project).toBe("x");
  });
});
