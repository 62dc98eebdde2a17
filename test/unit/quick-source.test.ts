import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/diagnostics.js";
import { parseProfileLoaded } from "../../src/profile/parse.js";
import { profileSchema } from "../../src/profile/schema.js";
import { parseSourceQuickly } from "../../src/rulebase/quick-source.js";
import { parseSource, validate } from "../../src/rulebase/yaml-source.js";
import { realRules, repoRoot } from "../helpers/rules.js";

const rules = realRules();
const schema = profileSchema(rules, { describe: false });

/** The full parser's verdict: its data, or the fact that it refused the text. */
function fullParse(text: string): { data: unknown } | { refused: string } {
  try {
    return { data: parseSource("p.yaml", text).data };
  } catch (error) {
    if (error instanceof InputError) return { refused: error.message };
    throw error;
  }
}

/** What the quick path must never do: accept a text the full parser reads differently or refuses. */
function expectAgreement(text: string): boolean {
  const quick = parseSourceQuickly("p.yaml", text, () => parseSource("p.yaml", text));
  if (!quick) return false;
  const full = fullParse(text);
  expect(full, `the full parser refused a text the quick one accepted:\n${text}`).toHaveProperty(
    "data",
  );
  // toStrictEqual tells 0 from -0, "1" from 1, and a missing key from an undefined one.
  expect(quick.data, text).toStrictEqual((full as { data: unknown }).data);
  return true;
}

const scalarForms = [
  "1",
  "1.0",
  "+1",
  "-0",
  "0x1F",
  "0o17",
  "0b11",
  "017",
  "1_000",
  ".5",
  "+.5",
  "1e3",
  "1E+3",
  "+0x1",
  "-0o7",
  ".inf",
  "-.Inf",
  ".NaN",
  ".nan",
  "true",
  "True",
  "TRUE",
  "tRUE",
  "yes",
  "on",
  "~",
  "null",
  "Null",
  "NULL",
  "",
  "2026-11-30",
  "2026-11-30T10:00:00Z",
  "'single ''quoted'''",
  '"double \\"quoted\\" \\u00e9 \\x41"',
  '"tab\\tand\\nnewline"',
  "plain text with: colon",
  "text # with a comment",
  "text#no comment",
  "hospitals",
  "web-cloud",
  "|\n    literal\n    block\n",
  ">-\n    folded\n    block\n",
  "|+\n    kept\n\n",
  "multi\n    line plain",
  "'multi\n\n    line quoted'",
  "R&D",
  "*alias",
  "&anchor value",
  "!!str 1",
  "!tag x",
  "[a, b]",
  "{a: 1}",
  "- item",
  "a: b",
  "@at",
  "`tick",
  "%percent",
  "it's fine",
  "x?",
  "? x",
];

const key = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom(...rules.questions.map((q) => q.id)) },
  { weight: 2, arbitrary: fc.constantFrom("version", "project", "chosen", "tolerance") },
  {
    weight: 1,
    arbitrary: fc.constantFrom('"quoted"', "'single'", "1", "true", "~", "__proto__", "<<"),
  },
);
const answerValues = rules.questions.flatMap((q) => q.choices.map((c) => c.value));
const value = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...answerValues, "unsure", "true", "false") },
  { weight: 4, arbitrary: fc.constantFrom(...scalarForms) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
);
const comment = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom("", " # note", "  #") },
  { weight: 1, arbitrary: fc.constant(" # R&D ? [x] {y} !z *w") },
);
const entry = fc.tuple(key, value, comment).map(([k, v, c]) => `${k}: ${v}${c}`);
/** A profile-shaped document: top-level keys, one nested mapping, comments and blank lines. */
const document = fc
  .record({
    header: fc.constantFrom("", "# A profile\n", "---\n", "\uFEFF", "%YAML 1.2\n---\n"),
    top: fc.array(entry, { maxLength: 4 }),
    nested: fc.array(entry, { maxLength: 8 }),
    indent: fc.constantFrom("  ", "    ", "\t", " "),
    footer: fc.constantFrom("", "\n", "...\n", "\n# end\n", "---\nsecond: doc\n"),
  })
  .map(
    ({ header, top, nested, indent, footer }) =>
      `${header}version: 1\n${top.join("\n")}\nanswers:\n${nested.map((line) => indent + line).join("\n")}\n${footer}`,
  );
/** Mappings nested to several depths, openers without values, now and then a line a space off. */
type Tree = [string, string | Tree][];
const { tree } = fc.letrec<{ tree: Tree }>((tie) => ({
  tree: fc.array(fc.tuple(key, fc.oneof({ depthSize: "small", maxDepth: 4 }, value, tie("tree"))), {
    maxLength: 4,
  }),
}));
const nesting = fc
  .record({
    width: fc.constantFrom(1, 2, 4),
    tree,
    jitter: fc.array(fc.nat(40), { maxLength: 2 }),
    comment,
  })
  .map(({ width, tree, jitter, comment }) => {
    const lines: string[] = [];
    const render = (entries: Tree, depth: number) => {
      for (const [k, v] of entries) {
        const pad = " ".repeat(depth * width + (jitter.includes(lines.length) ? 1 : 0));
        if (typeof v === "string") lines.push(`${pad}${k}: ${v}${comment}`);
        else {
          lines.push(`${pad}${k}:${comment}`);
          render(v, depth + 1);
        }
      }
    };
    render(tree, 0);
    return `version: 1\n${lines.join("\n")}\n`;
  });
/** Characters that change what YAML means, spliced in at random places. */
const mutated = fc
  .tuple(
    document,
    fc.array(
      fc.tuple(
        fc.nat(),
        fc.constantFrom(
          ...[":", " ", "\n", "  ", "-", "#", "'", '"', "\t", "|", ">", ",", "x", "\\", "0", "."],
          ...["+", "~", "e", "\r\n", "\r", "\u2028", "\u0085", "\uFEFF", "!", "&", "[", "%"],
          ...["\x01", "\x7f", "\u00a0", "\u00e9", "\u{1F600}", "\u3000", "\v", "\f"],
        ),
      ),
      { maxLength: 3 },
    ),
  )
  .map(([text, edits]) =>
    edits.reduce((t, [at, piece]) => {
      const i = at % (t.length + 1);
      return t.slice(0, i) + piece + t.slice(i);
    }, text),
  );

describe("the quick YAML path", () => {
  it("never accepts a text that the full parser reads differently or refuses", () => {
    let accepted = 0;
    fc.assert(
      fc.property(fc.oneof(document, mutated, nesting), (text) => {
        if (expectAgreement(text)) accepted++;
      }),
      {
        seed: Number(process.env.QUICK_SOURCE_SEED ?? 20261203),
        numRuns: Number(process.env.QUICK_SOURCE_RUNS ?? 4000),
      },
    );
    // The generator must reach texts the quick path takes, or the comparison proves little.
    expect(accepted).toBeGreaterThan(100);
  });

  it("takes ordinary profiles: block mappings, comments, quotes, blank lines", () => {
    const ordinary = fc
      .record({
        answers: fc.array(
          fc.tuple(
            fc.constantFrom(...rules.questions.map((q) => q.id)),
            fc.constantFrom(...answerValues),
          ),
          { maxLength: 22 },
        ),
        project: fc.constantFrom("Stroke AI", "'It''s ours'", '"Quoted: yes"', "R and D, v2"),
        comment: fc.constantFrom("", " # why", "  # minutes matter, sadly"),
        lineEnd: fc.constantFrom("\n", "\r\n"),
      })
      .map(({ answers, project, comment, lineEnd }) =>
        [
          "# A profile",
          "version: 1",
          `project: ${project}${comment}`,
          "",
          "answers:",
          ...[...new Map(answers)].map(([id, v]) => `  ${id}: ${v}${comment}`),
          "chosen: web-cloud",
          "decided: 2026-11-30",
          "",
        ].join(lineEnd),
      );
    fc.assert(
      fc.property(ordinary, (text) => {
        expect(expectAgreement(text), text).toBe(true);
      }),
      { seed: 3, numRuns: 500 },
    );
  });

  it("reads nesting as the full parser does, at any indentation", () => {
    let accepted = 0;
    let nested = 0;
    fc.assert(
      fc.property(nesting, (text) => {
        if (!expectAgreement(text)) return;
        accepted++;
        const data = parseSourceQuickly("p.yaml", text, () => parseSource("p.yaml", text))
          ?.data as Record<string, unknown>;
        if (Object.values(data).some((v) => v !== null && typeof v === "object")) nested++;
      }),
      {
        seed: Number(process.env.QUICK_SOURCE_SEED ?? 11),
        numRuns: Number(process.env.QUICK_SOURCE_RUNS ?? 3000),
      },
    );
    expect(accepted).toBeGreaterThan(300);
    expect(nested).toBeGreaterThan(100);
  });

  it("locates keys and values where the full parser does, without running it", () => {
    let compared = 0;
    const paths = (data: unknown, prefix: string[] = []): string[][] =>
      data !== null && typeof data === "object"
        ? Object.entries(data).flatMap(([k, v]) => [[...prefix, k], ...paths(v, [...prefix, k])])
        : [];
    fc.assert(
      fc.property(
        fc.oneof(
          nesting,
          document,
          nesting.map((t) => t.replaceAll("\n", "\r\n")),
        ),
        (text) => {
          const quick = parseSourceQuickly("p.yaml", text, () => {
            throw new Error("the quick path asked the full parser to locate");
          });
          if (!quick) return;
          const full = parseSource("p.yaml", text);
          for (const path of [[], ["nope"], ...paths(quick.data)]) {
            for (const tail of [[], ["nope"], ["nope", "deeper"]]) {
              const at = [...path, ...tail];
              expect(quick.locate(at), `${at.join(".")} in\n${text}`).toEqual(full.locate(at));
              expect(quick.locate(at, { key: true }), `key ${at.join(".")}`).toEqual(
                full.locate(at, { key: true }),
              );
              compared++;
            }
          }
        },
      ),
      {
        seed: Number(process.env.QUICK_SOURCE_SEED ?? 5),
        numRuns: Number(process.env.QUICK_SOURCE_RUNS ?? 2000),
      },
    );
    expect(compared).toBeGreaterThan(2000);
  });

  it("agrees with the full parser on each scalar form, or leaves it to it", () => {
    for (const form of scalarForms) {
      expectAgreement(`version: 1\nproject: ${form}\n`);
      expectAgreement(`version: 1\nanswers:\n  customers: ${form}\n`);
    }
  });

  it("leaves anchors, aliases, tags, flow collections, explicit keys and directives to the full parser", () => {
    for (const text of [
      "a: &x 1\nb: *x\n",
      "*x : 1\n",
      "a: !!str 1\n",
      "a: !custom x\n",
      "a: [1, 2]\n",
      "a: {b: 1}\n",
      "? [version]\n: 1\n",
      "%YAML 1.1\n---\na: yes\n",
    ])
      expect(
        parseSourceQuickly("p.yaml", text, () => parseSource("p.yaml", text)),
        text,
      ).toBeUndefined();
  });

  it("leaves syntax errors, duplicate keys and second documents to the full parser", () => {
    for (const text of [
      "a: 1\na: 2\n",
      "a: 'unclosed\n",
      "a: 1\n---\nb: 2\n",
      "a: b: c\n",
      "a:\n  - x\n  y: 1\n",
      "a: 1\n b: 2\n",
    ]) {
      expect(
        parseSourceQuickly("p.yaml", text, () => parseSource("p.yaml", text)),
        text,
      ).toBeUndefined();
      expect(() => parseSource("p.yaml", text), text).toThrow(InputError);
    }
  });

  it("takes every example profile, and locates values where the full parser does", () => {
    const dir = join(repoRoot, "examples");
    for (const file of readdirSync(dir)) {
      const text = readFileSync(join(dir, file), "utf8");
      const quick = parseSourceQuickly(file, text, () => parseSource(file, text));
      expect(quick, file).toBeDefined();
      const full = parseSource(file, text);
      expect(quick?.data).toStrictEqual(full.data);
      for (const path of [[], ["answers"], ["answers", "customers"], ["chosen"], ["reviewBy"]])
        expect(quick?.locate(path), `${file} ${path.join(".")}`).toEqual(full.locate(path));
      expect(quick?.locate(["answers"], { key: true })).toEqual(
        full.locate(["answers"], { key: true }),
      );
    }
  });

  it("gives parseProfile the same profile the full parser and the schema give", () => {
    fc.assert(
      fc.property(document, (text) => {
        let quickResult: unknown;
        let fullResult: unknown;
        try {
          quickResult = parseProfileLoaded(rules, "p.yaml", text).profile;
        } catch (error) {
          quickResult = error instanceof InputError ? error.message : error;
        }
        try {
          fullResult = validate(parseSource("p.yaml", text), schema);
        } catch (error) {
          fullResult = error instanceof InputError ? error.message : error;
        }
        expect(JSON.stringify(quickResult), text).toBe(JSON.stringify(fullResult));
      }),
      { seed: 7, numRuns: 1500 },
    );
  });

  it("refuses nothing the full parser would refuse because of its size", () => {
    const big = `version: 1\nproject: x\n# ${"é".repeat(600_000)}\n`;
    expect(parseSourceQuickly("p.yaml", big, () => parseSource("p.yaml", big))).toBeUndefined();
  });
});
