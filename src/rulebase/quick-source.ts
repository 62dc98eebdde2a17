import { FAILSAFE_SCHEMA, load, Type } from "js-yaml";
import { MAX_DEPTH, MAX_INPUT_BYTES } from "../limits.js";
import { parseSource, type SourceFile } from "./yaml-source.js";

// The YAML 1.2 core schema's plain scalars, resolved exactly as the `yaml` library resolves them
// (same patterns, same conversions). js-yaml's own core schema differs at the edges (it reads
// 0b11 and +0x1 as numbers, +.5 as text), and a profile must mean the same on either path.
const coreScalars = [
  new Type("tag:yaml.org,2002:null", {
    kind: "scalar",
    resolve: (text: string) => /^(?:~|[Nn]ull|NULL)?$/.test(text),
    construct: () => null,
  }),
  new Type("tag:yaml.org,2002:bool", {
    kind: "scalar",
    resolve: (text: string) => /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/.test(text),
    construct: (text: string) => text[0] === "t" || text[0] === "T",
  }),
  new Type("tag:yaml.org,2002:int", {
    kind: "scalar",
    resolve: (text: string) => /^(?:0o[0-7]+|[-+]?[0-9]+|0x[0-9a-fA-F]+)$/.test(text),
    construct: (text: string) =>
      text.startsWith("0o")
        ? Number.parseInt(text.slice(2), 8)
        : text.startsWith("0x")
          ? Number.parseInt(text.slice(2), 16)
          : Number.parseInt(text, 10),
  }),
  new Type("tag:yaml.org,2002:float", {
    kind: "scalar",
    resolve: (text: string) =>
      /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(text) ||
      /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/.test(text) ||
      /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/.test(text),
    construct: (text: string) => {
      if (/nan$/i.test(text)) return Number.NaN;
      if (/inf$/i.test(text))
        return text[0] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
      return Number.parseFloat(text);
    },
  }),
];
const coreSchema = FAILSAFE_SCHEMA.extend({ implicit: coreScalars });

/**
 * Syntax this path leaves to the full parser, which alone enforces the rules around it: anchors
 * and aliases (alias bombs, aliases as keys), tags, directives, flow collections, explicit keys
 * (a list as a key, which js-yaml would quietly turn into text), and where the two parsers
 * disagree: tabs, lone carriage returns, control characters, Unicode line separators, a byte
 * order mark past the start, document markers run into text, and a comment right after a
 * closing quote. Matching more than that
 * syntax, such as a bracket in a comment, only costs the quick path.
 */
const NEEDS_FULL_PARSER =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are among what it finds
  /[&*]\S|(?:^|[\s:-])!|^%|[[\]{}\t]|(?:^|\s)\?(?:\s|$)|^(?:---|\.\.\.)(?![ \r\n]|$)|["']#|\r(?!\n)|[\0-\x08\v\f\x0e-\x1f\x7f\x85\u2028\u2029\ufeff]/m;

/**
 * Whether the full parser would accept the same structure: no key it refuses (`__proto__`), no
 * key that may have been null (js-yaml names it "null", the full parser ""), no runaway depth.
 */
function isOrdinary(value: unknown, depth: number): boolean {
  if (value === null || typeof value !== "object") return true;
  if (depth >= MAX_DEPTH) return false;
  if (Array.isArray(value)) return value.every((item) => isOrdinary(item, depth + 1));
  for (const key of Object.keys(value)) {
    if (key === "__proto__" || key === "null" || key === "") return false;
    if (!isOrdinary((value as Record<string, unknown>)[key], depth + 1)) return false;
  }
  return true;
}

/**
 * Parses plain YAML several times faster than `parseSource`, for the common case of an ordinary
 * file that is about to be accepted: `check` over a thousand profiles spends most of its time
 * parsing. Returns undefined for anything unusual, and for any syntax error, so the caller falls
 * back to `parseSource`, which decides and words every error. Lines and columns are worked out
 * by `parseSource` only when a report first asks for one.
 */
export function parseSourceQuickly(file: string, text: string): SourceFile | undefined {
  if (text.length > MAX_INPUT_BYTES || Buffer.byteLength(text, "utf8") > MAX_INPUT_BYTES)
    return undefined;
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (NEEDS_FULL_PARSER.test(source)) return undefined;
  let data: unknown;
  let warned = false;
  try {
    data = load(source, {
      schema: coreSchema,
      json: false, // duplicate keys are an error, as in parseSource
      onWarning: () => {
        warned = true;
      },
    });
  } catch {
    return undefined;
  }
  if (warned || !isOrdinary(data, 0)) return undefined;
  let located: SourceFile | undefined;
  return {
    file,
    data,
    locate(path, options) {
      located ??= parseSource(file, text);
      return located.locate(path, options);
    },
  };
}
