// fast-check arbitraries for hostile and broken input: profiles built from the rule base's own
// questions and then damaged, rule files parsed, edited and damaged, and byte-level mutations
// (NUL, invalid UTF-8, BOM, CRLF, tabs, tags, anchors, aliases, merge keys, deep nesting,
// huge strings, prototype keys). Every case is plain data, so a failure prints a reproducible
// seed and path, and the counterexample names the mutations that made it.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { parse as parseYaml, stringify } from "yaml";
import type { RuleFileKey } from "../../src/rulebase/load.js";
import type { RuleBase } from "../../src/rulebase/schema.js";
import { ruleFiles } from "../../src/rulebase/schema.js";

/** One seed for every fuzz test; set FUZZ_SEED to explore others, and to replay a failure. */
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20_261_203);

/** Cases per run, 10,000 in all: most in-process, a few hundred through the built CLI. */
export const FUZZ_RUNS = { profiles: 7_000, rules: 2_800, cliProfiles: 150, cliRules: 50 };

/** Not a speed check: only a bound on a hang, wide enough for a busy shared machine. */
export const FUZZ_TIMEOUT_MS = 600_000;

/** Names every JavaScript object already has, or that reach its prototype. */
const PROTOTYPE_NAMES = [
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "valueOf",
  "hasOwnProperty",
] as const;

/** Text that has broken parsers, renderers, terminals or CI logs somewhere. */
export const HOSTILE_STRINGS = [
  ...PROTOTYPE_NAMES,
  "<<",
  "",
  " ",
  "~",
  "null",
  "true",
  "no",
  "yes",
  "0x1F",
  "1e400",
  "-.inf",
  ".nan",
  "2026-02-30",
  "::error file=x.yaml,line=1::injected",
  "%0A::warning::injected",
  "\u0000",
  "\u001b[31mred\u001b[0m",
  "\u001b]0;title\u0007",
  "line\r\nbreak",
  "cr\ronly",
  "\u202eevil",
  "\ud800",
  "<script>alert(1)</script>",
  "]]></failure><testcase name='x'>",
  "&amp;&lt;",
  "$(id) $HOME",
  "{{x}}",
  "`code`",
  "| a | b |",
  "# heading",
  "- [ ] task",
  "\\",
  "'",
  '"',
  "\t",
  "\u2028",
  "😀",
  "A".repeat(300),
] as const;

const DANGEROUS_KEYS = [...PROTOTYPE_NAMES, "__defineGetter__", "<<", ""] as const;

/** An object with exactly these own keys, "__proto__" included (as JSON.parse would make). */
function objectOf(entries: [string, unknown][]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of entries)
    Object.defineProperty(out, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  return out;
}

const scalarArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 3, arbitrary: fc.string({ maxLength: 20 }) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 20 }) },
  { weight: 2, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.double() },
  { weight: 2, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
);

const keyArb = fc.oneof(fc.constantFrom(...DANGEROUS_KEYS), fc.string({ maxLength: 10 }));

/** Any JSON-like value: scalars, lists and mappings, with dangerous keys among the ordinary. */
export const valueArb: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", maxDepth: 4 },
    { weight: 4, arbitrary: scalarArb },
    { weight: 1, arbitrary: fc.array(tie("value"), { maxLength: 4 }) },
    {
      weight: 1,
      arbitrary: fc
        .array(fc.tuple(keyArb, tie("value")), { maxLength: 4 })
        .map((entries) => objectOf(entries)),
    },
  ),
})).value;

const dateArb = fc.oneof(
  fc.constantFrom("2026-11-30", "2026-02-30", "2026-13-01", "20261130", "2026-1-1", "9999-12-31"),
  scalarArb,
);

/**
 * Profiles shaped after the rule base's questions, strategies and factors. Noisy ones mix wrong
 * types, unknown keys and bad dates in; clean ones are valid, with hostile text only where text
 * is allowed (project, rationale), so they reach the scoring and every renderer.
 */
export function profileDataArb(
  ruleBase: RuleBase,
  noisy: boolean,
): fc.Arbitrary<Record<string, unknown>> {
  /** Sometimes the right kind of value, sometimes (when noisy) anything at all. */
  const mostly = <T>(good: fc.Arbitrary<T>, weight = 4): fc.Arbitrary<unknown> =>
    noisy ? fc.oneof({ weight, arbitrary: good as fc.Arbitrary<unknown> }, valueArb) : good;
  const extras = noisy
    ? fc.array(fc.tuple(keyArb, valueArb), { maxLength: 2 })
    : fc.constant([] as [string, unknown][]);
  const date = noisy
    ? dateArb
    : fc.constantFrom("2026-11-30", "2024-02-29", "2027-06-01", "9999-12-31");
  const text = fc.oneof(fc.string({ maxLength: 200 }), fc.constantFrom(...HOSTILE_STRINGS));
  const answer = (values: string[]) =>
    mostly(
      fc.constantFrom(
        ...values.map((v) => (v === "true" ? true : v === "false" ? false : v)),
        "unsure",
      ),
      12,
    );
  const answers = fc
    .tuple(
      fc.tuple(
        ...ruleBase.questions.map((q) =>
          fc.option(answer(q.choices.map((c) => c.value)), { nil: undefined, freq: 2 }),
        ),
      ),
      extras,
    )
    .map(([values, extra]) => {
      const entries = ruleBase.questions
        .map((q, i): [string, unknown] => [q.id, values[i]])
        .filter(([, v]) => v !== undefined);
      return objectOf([...entries, ...extra]);
    });
  const factorIds = ruleBase.factors.map((f) => f.id);
  const strategyIds = ruleBase.strategies.map((s) => s.id);
  const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 2 });
  const weightKey = noisy
    ? fc.oneof(fc.constantFrom(...factorIds), keyArb)
    : fc.constantFrom(...factorIds);
  return fc
    .record({
      version: mostly(fc.constant(1), 12),
      project: optional(mostly(text)),
      answers: optional(mostly(answers, 12)),
      chosen: optional(mostly(fc.constantFrom(...strategyIds))),
      rationale: optional(mostly(text)),
      decided: optional(date),
      reviewBy: optional(date),
      tolerance: optional(
        mostly(noisy ? fc.oneof(fc.integer({ min: -5, max: 120 }), fc.double()) : fc.nat(100)),
      ),
      weights: optional(
        mostly(
          fc
            .array(
              fc.tuple(weightKey, mostly(fc.integer({ min: noisy ? -1 : 0, max: noisy ? 6 : 5 }))),
              { maxLength: 4 },
            )
            .map((entries) => objectOf([...new Map(entries)])),
        ),
      ),
      decision: optional(
        mostly(
          fc.record({
            date,
            rulesVersion: mostly(fc.constant("1.0.0")),
            recommended: mostly(fc.constantFrom(...strategyIds, null)),
          }),
        ),
      ),
      unknown: extras,
    })
    .map(({ unknown, ...known }) =>
      objectOf([...Object.entries(known).filter(([, v]) => v !== undefined), ...unknown]),
    );
}

/** Writes data as YAML (block or flow) or JSON (compact or indented). */
const serializerArb = fc.constantFrom("yaml", "yaml-flow", "json", "json-indented");

function serialize(data: unknown, how: string): string {
  try {
    if (how === "json") return JSON.stringify(data);
    if (how === "json-indented") return JSON.stringify(data, null, 2);
    return stringify(data, how === "yaml-flow" ? { collectionStyle: "flow" } : {});
  } catch {
    // Values JSON or YAML cannot write (none expected) still make a case: the raw text.
    return String(data);
  }
}

/** A damage done to a file's bytes; named so a failing case reads as what was done to it. */
export interface Mutation {
  name: string;
  apply(bytes: Buffer): Buffer;
}

const named = (name: string, apply: (bytes: Buffer) => Buffer): Mutation =>
  Object.assign({ name, apply }, { [fc.toStringMethod]: () => name });

/** Offset of the start of the line holding `fraction` of the way into the bytes. */
function lineStart(bytes: Buffer, fraction: number): number {
  const at = Math.floor(fraction * bytes.length);
  return at === 0 ? 0 : bytes.lastIndexOf(0x0a, at - 1) + 1;
}

const insert = (bytes: Buffer, at: number, extra: Buffer | string | number[]) =>
  Buffer.concat([
    bytes.subarray(0, at),
    typeof extra === "string" ? Buffer.from(extra) : Buffer.from(extra),
    bytes.subarray(at),
  ]);

/** Lines of YAML that have made parsers do something they should not. */
const SNIPPETS = [
  "__proto__: {polluted: yes}\n",
  "constructor: {prototype: {polluted: yes}}\n",
  "answers: {__proto__: {customers: hospitals}}\n",
  "x: !!js/function 'function () { globalThis.pwned = true }'\n",
  "x: !!js/undefined ''\n",
  "x: !!binary aGVsbG8=\n",
  "x: !!python/object/apply:os.system ['true']\n",
  "x: !<tag:yaml.org,2002:js/regexp> /a/\n",
  "x: !custom thing\n",
  "x: !!set {a, b}\n",
  "x: !!omap [a: 1]\n",
  "x: !!timestamp 2001-12-14\n",
  "x: !!int 0x1F\n",
  "x: !!float .nan\n",
  "x: !!map []\n",
  "base: &base {customers: hospitals}\n",
  "ref: *base\n",
  "<<: *base\n",
  "<<: [*base, *base]\n",
  "? [a, b]\n: c\n",
  "? {a: 1}\n: c\n",
  "*missing : x\n",
  "k: &k __proto__\n*k : {polluted: yes}\n",
  "---\n",
  "...\n",
  "# comment\n",
  "\t\n",
  "  - item\n",
  "key: 'unterminated\n",
  'project: "\\e[31mred \\0 nul"\n',
  'project: "::error file=a.yaml,line=1::injected"\n',
  'project: "<script>alert(1)</script>"\n',
  "rationale: \"]]></system-out><testcase name='x'>\"\n",
  'project: "%0A::warning::x"\n',
  "version: 1\n",
  'version: "1"\n',
  "answers: ~\n",
  "answers: []\n",
  "answers: {customers: {toString: 1, valueOf: 2}}\n",
] as const;

function deepNesting(depth: number, kind: "seq" | "map" | "block"): string {
  if (kind === "seq") return `nest: ${"[".repeat(depth)}${"]".repeat(depth)}\n`;
  if (kind === "map") return `nest: ${"{a: ".repeat(depth)}1${"}".repeat(depth)}\n`;
  return `nest:\n${Array.from({ length: depth }, (_, i) => `${"  ".repeat(i + 1)}-\n`).join("")}`;
}

function aliasBomb(levels: number, fanout: number): string {
  const lines = [`a0: &a0 [${Array(fanout).fill('"lol"').join(", ")}]`];
  for (let i = 1; i < levels; i++)
    lines.push(
      `a${i}: &a${i} [${Array(fanout)
        .fill(`*a${i - 1}`)
        .join(", ")}]`,
    );
  return `${lines.join("\n")}\n`;
}

const INVALID_UTF8 = [[0xff], [0xc3], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80]];

const fraction = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });

/** One damage to a file, with its parameters. */
export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .tuple(fc.constantFrom(...SNIPPETS), fraction)
      .map(([snippet, f]) =>
        named(`insert ${JSON.stringify(snippet)} at ${f.toFixed(3)}`, (b) =>
          insert(b, lineStart(b, f), snippet),
        ),
      ),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(
        fc.constantFrom(10, 63, 64, 65, 100, 1_000, 20_000),
        fc.constantFrom("seq", "map", "block") as fc.Arbitrary<"seq" | "map" | "block">,
        fraction,
      )
      .map(([depth, kind, f]) =>
        named(`${kind} nesting ${depth} deep at ${f.toFixed(3)}`, (b) =>
          insert(
            b,
            lineStart(b, f),
            deepNesting(kind === "block" ? Math.min(depth, 300) : depth, kind),
          ),
        ),
      ),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.integer({ min: 2, max: 12 }), fc.integer({ min: 2, max: 10 }))
      .map(([levels, fanout]) =>
        named(`alias bomb ${levels}x${fanout}`, (b) => insert(b, 0, aliasBomb(levels, fanout))),
      ),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom(201, 5_001, 100_000, 1_100_000), fraction)
      .map(([length, f]) =>
        named(`string of ${length} characters at ${f.toFixed(3)}`, (b) =>
          insert(b, lineStart(b, f), `project: "${"A".repeat(length)}"\n`),
        ),
      ),
  },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom(60, 300)
      .map((count) =>
        named(`${count} unknown keys`, (b) =>
          insert(b, b.length, Array.from({ length: count }, (_, i) => `k${i}: 1\n`).join("")),
        ),
      ),
  },
  {
    weight: 2,
    arbitrary: fraction.map((f) =>
      named(`NUL at ${f.toFixed(3)}`, (b) => insert(b, Math.floor(f * b.length), [0])),
    ),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.constantFrom(...INVALID_UTF8), fraction)
      .map(([seq, f]) =>
        named(`invalid UTF-8 ${Buffer.from(seq).toString("hex")} at ${f.toFixed(3)}`, (b) =>
          insert(b, Math.floor(f * b.length), Buffer.from(seq)),
        ),
      ),
  },
  { weight: 2, arbitrary: fc.constant(named("BOM", (b) => insert(b, 0, "\uFEFF"))) },
  {
    weight: 1,
    arbitrary: fc.constant(
      named("UTF-16LE with BOM", (b) =>
        Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(b.toString("utf8"), "utf16le")]),
      ),
    ),
  },
  {
    weight: 2,
    arbitrary: fc.constant(
      named("CRLF", (b) => Buffer.from(b.toString("latin1").replace(/\n/g, "\r\n"), "latin1")),
    ),
  },
  {
    weight: 1,
    arbitrary: fc.constant(
      named("CR only", (b) => Buffer.from(b.toString("latin1").replace(/\n/g, "\r"), "latin1")),
    ),
  },
  {
    weight: 2,
    arbitrary: fc.constant(
      named("tabs for indentation", (b) =>
        Buffer.from(
          b.toString("latin1").replace(/^( {2})+/gm, (s) => "\t".repeat(s.length / 2)),
          "latin1",
        ),
      ),
    ),
  },
  {
    weight: 2,
    arbitrary: fraction.map((f) =>
      named(`truncate at ${f.toFixed(3)}`, (b) => b.subarray(0, Math.floor(f * b.length))),
    ),
  },
  {
    weight: 2,
    arbitrary: fc.tuple(fraction, fc.integer({ min: 1, max: 40 })).map(([f, n]) =>
      named(`delete ${n} bytes at ${f.toFixed(3)}`, (b) => {
        const at = Math.floor(f * b.length);
        return Buffer.concat([b.subarray(0, at), b.subarray(at + n)]);
      }),
    ),
  },
  {
    weight: 2,
    arbitrary: fc.tuple(fraction, fc.integer({ min: 0, max: 255 })).map(([f, byte]) =>
      named(`byte ${byte} at ${f.toFixed(3)}`, (b) => {
        const copy = Buffer.from(b);
        if (copy.length > 0) copy[Math.floor(f * copy.length)] = byte;
        return copy;
      }),
    ),
  },
  {
    weight: 1,
    arbitrary: fc.constant(named("YAML 1.1 directive", (b) => insert(b, 0, "%YAML 1.1\n---\n"))),
  },
);

const soupArb = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        ...":-?[]{},&*!|>'\"%@`#\n \t",
        "version: 1\n",
        "answers:\n",
        "  ",
        "<<: ",
        "&a ",
        "*a",
        "!!str ",
        "---\n",
      ),
      fc.string({ maxLength: 6 }),
    ),
    { maxLength: 60 },
  )
  .map((parts) => parts.join(""));

/** A profile as bytes: generated data written out, or YAML soup, then damaged. */
export interface ByteCase {
  bytes: Buffer;
}

/** Hostile profiles for a rule base. */
export function profileCaseArb(ruleBase: RuleBase): fc.Arbitrary<ByteCase> {
  const written = (noisy: boolean) =>
    fc
      .tuple(profileDataArb(ruleBase, noisy), serializerArb)
      .map(([data, how]) => serialize(data, how));
  const base = fc.oneof(
    { weight: 3, arbitrary: written(false) },
    { weight: 3, arbitrary: written(true) },
    { weight: 1, arbitrary: soupArb },
  );
  const mutations = fc.oneof(
    { weight: 2, arbitrary: fc.constant([] as Mutation[]) },
    { weight: 3, arbitrary: fc.array(mutationArb, { minLength: 1, maxLength: 3 }) },
  );
  return fc.tuple(base, mutations).map(([text, mutations]) => ({
    bytes: mutations.reduce<Buffer>((b, m) => m.apply(b), Buffer.from(text)),
    mutations,
    [fc.toStringMethod]: () =>
      `profile after [${mutations.map((m) => m.name).join("; ")}]: ${JSON.stringify(text.slice(0, 400))}`,
  }));
}

/** The text of each file of a rule base directory. */
export type RuleDirTexts = Record<RuleFileKey, string>;

/** Reads a rule base directory's files as text. */
export function readRuleTexts(dir: string): RuleDirTexts {
  const out = {} as RuleDirTexts;
  for (const [key, { file }] of Object.entries(ruleFiles) as [RuleFileKey, { file: string }][])
    out[key] = readFileSync(join(dir, file), "utf8");
  return out;
}

/** An edit to a rule file's data at a path chosen by numbers, so fast-check can shrink it. */
interface StructuralEdit {
  path: number[];
  op: "replace" | "delete" | "add-key" | "rename-key" | "duplicate" | "empty" | "reserved-id";
  key: string;
  value: unknown;
}

const editArb: fc.Arbitrary<StructuralEdit> = fc.record({
  path: fc.array(fc.nat(1_000), { maxLength: 7 }),
  op: fc.constantFrom(
    "replace",
    "delete",
    "add-key",
    "rename-key",
    "duplicate",
    "empty",
    "reserved-id",
  ) as fc.Arbitrary<StructuralEdit["op"]>,
  key: keyArb,
  value: fc.oneof(
    valueArb,
    fc.constantFrom("constructor", "toString", "valueOf", `${"x".repeat(5_000)}`, -100, 1e9),
  ),
});

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

function applyEdit(data: unknown, edit: StructuralEdit): unknown {
  let parent: unknown;
  let key: string | number | undefined;
  let node = data;
  for (const n of edit.path) {
    if (Array.isArray(node) && node.length > 0) key = n % node.length;
    else if (isObject(node) && Object.keys(node).length > 0) {
      const keys = Object.keys(node);
      key = keys[n % keys.length] as string;
    } else break;
    parent = node;
    node = (node as Record<string | number, unknown>)[key];
  }
  const set = (value: unknown) => {
    if (parent === undefined) return value;
    Object.defineProperty(parent, key as PropertyKey, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
    return data;
  };
  switch (edit.op) {
    case "replace":
      return set(edit.value);
    case "delete":
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else if (isObject(parent)) delete parent[key as string];
      return data;
    case "add-key":
      if (isObject(node)) return set(objectOf([...Object.entries(node), [edit.key, edit.value]]));
      return data;
    case "rename-key":
      if (isObject(parent) && typeof key === "string") {
        const entries = Object.entries(parent).map(([k, v]): [string, unknown] => [
          k === key ? edit.key : k,
          v,
        ]);
        for (const k of Object.keys(parent)) delete parent[k];
        for (const [k, v] of entries)
          Object.defineProperty(parent, k, {
            value: v,
            enumerable: true,
            writable: true,
            configurable: true,
          });
      }
      return data;
    case "duplicate":
      if (Array.isArray(parent)) parent.push(structuredClone(node));
      return data;
    case "empty":
      return set(Array.isArray(node) ? [] : isObject(node) ? {} : "");
    case "reserved-id":
      if (isObject(node) && "id" in node)
        node.id = edit.value === "toString" ? "toString" : "constructor";
      else if (typeof node === "string") return set("constructor");
      return data;
  }
}

/** A rule base directory as bytes per file. */
export interface RuleCase {
  files: Record<RuleFileKey, Buffer>;
}

/**
 * Hostile rule bases: one or two files of a valid base (mostly the mini one, sometimes the real
 * rules/) parsed, edited at random paths, written back, then damaged as bytes.
 */
export function ruleCaseArb(bases: readonly RuleDirTexts[]): fc.Arbitrary<RuleCase> {
  const keys = Object.keys(ruleFiles) as RuleFileKey[];
  const fileEdit = fc.record({
    file: fc.constantFrom(...keys),
    edits: fc.array(editArb, { maxLength: 3 }),
    how: serializerArb,
    mutations: fc.array(mutationArb, { maxLength: 2 }),
  });
  const parsed = new Map<string, unknown>();
  return fc
    .tuple(
      fc.oneof({ weight: 19, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.constant(1) }),
      fc.array(fileEdit, { minLength: 1, maxLength: 2 }),
    )
    .map(([which, changes]) => {
      const texts = bases[Math.min(which, bases.length - 1)] as RuleDirTexts;
      const files = {} as Record<RuleFileKey, Buffer>;
      for (const key of keys) files[key] = Buffer.from(texts[key]);
      for (const change of changes) {
        let text = texts[change.file];
        if (change.edits.length > 0) {
          const cacheKey = `${which}:${change.file}`;
          if (!parsed.has(cacheKey)) parsed.set(cacheKey, parseYaml(text));
          const data = change.edits.reduce(applyEdit, structuredClone(parsed.get(cacheKey)));
          text = serialize(data, change.how);
        }
        files[change.file] = change.mutations.reduce<Buffer>(
          (b, m) => m.apply(b),
          Buffer.from(text),
        );
      }
      return {
        files,
        [fc.toStringMethod]: () =>
          `rule base ${which === 0 ? "mini" : "real"} with ${changes
            .map(
              (c) =>
                `${c.file}: edits ${JSON.stringify(c.edits.map((e) => [e.op, e.path, e.key]))}, [${c.mutations.map((m) => m.name).join("; ")}]`,
            )
            .join(" | ")}`,
      };
    });
}
