import { MAX_DEPTH, MAX_INPUT_BYTES } from "../limits.js";
import type { SourceFile } from "./yaml-source.js";

/**
 * Profiles are written in a small part of YAML: `key: value` lines, nested by indentation, with
 * comments, blank lines and one-line scalars. This module reads that part, and only that part,
 * several times faster than the full parser: `check` over a thousand profiles spent most of its
 * time building the full parser's syntax trees. It returns undefined for anything else (lists,
 * flow collections, anchors, tags, multi-line or escaped strings, unusual characters, syntax
 * errors) and the caller uses `parseSource`, which decides and words every error.
 *
 * Differential property tests hold it to the full parser: whatever it accepts, `parseSource` must
 * accept too, read as the same data, and locate at the same lines and columns.
 */

// What the full parser also refuses or reads differently at the level of the whole text:
// control characters, tabs, lone carriage returns, Unicode line breaks, byte order marks.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it finds
const UNUSUAL_CHARACTER = /[\0-\x08\t\v\f\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff]|\r(?!\n)/;

/**
 * One line from where the last one ended: indentation, then a comment, `key:` followed by the end
 * of the line or spaces and the rest, or nothing (a blank line). Keys as profiles spell them.
 * Matching line by line in the whole text spares splitting it into a string per line.
 */
const LINE = /( *)(?:#[^\n]*|([A-Za-z_][A-Za-z0-9_-]*):(?: +([^\n]*?))?|)\r?(?:\n|$)/y;

/** Keys the full parser reads as something other than their text, or refuses. */
const SPECIAL_KEYS = new Set([
  "__proto__",
  ...["null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE"],
]);

const SINGLE_QUOTED = /^'((?:[^']|'')*)'(?: +#.*)? *$/;
const DOUBLE_QUOTED = /^"([^"\\]*)"(?: +#.*)? *$/;
/**
 * One-line plain text whose meaning no YAML indicator can change: no `:` or `#`, no quote or other
 * indicator first. Beyond ASCII, letters of the Latin to Greek blocks and of Asian scripts; not
 * the blocks of spaces, punctuation and symbols, where the parsers' notions of space may differ.
 */
const PLAIN =
  /^(?:[A-Za-z0-9_(.~\u00c0-\u1fff\u3040-\ud7ff]|[-+](?=[\d.]))[A-Za-z0-9 _.+\-/(),;'?!\u00c0-\u1fff\u3040-\ud7ff]*$/;

// The YAML 1.2 core schema's plain scalars, resolved exactly as the `yaml` library resolves them.
const NULL = /^(?:~|[Nn]ull|NULL)$/;
const BOOLEAN = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const DECIMAL = /^[-+]?[0-9]+$/;
const OCTAL = /^0o[0-7]+$/;
const HEXADECIMAL = /^0x[0-9a-fA-F]+$/;
const SPECIAL_FLOAT = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/;

const DECLINE = Symbol("decline");

/** Letters that start no null, boolean or number: most answers are plain words, read at once. */
const WORD_START = /^[A-EG-MO-SU-Za-eg-mo-su-z_(\u00c0-\u1fff\u3040-\ud7ff]/;

function resolvePlain(text: string): unknown {
  if (WORD_START.test(text)) return text;
  if (NULL.test(text)) return null;
  if (BOOLEAN.test(text)) return text[0] === "t" || text[0] === "T";
  if (DECIMAL.test(text)) return Number.parseInt(text, 10);
  if (OCTAL.test(text)) return Number.parseInt(text.slice(2), 8);
  if (HEXADECIMAL.test(text)) return Number.parseInt(text.slice(2), 16);
  if (SPECIAL_FLOAT.test(text)) {
    if (/nan$/i.test(text)) return Number.NaN;
    return text[0] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  }
  if (FLOAT.test(text)) return Number.parseFloat(text);
  // A sign or a dot first is only plain text here when it makes a number.
  return /^[-+.]/.test(text) && text !== "." ? DECLINE : text;
}

/** The value after `key: `, or DECLINE when the full parser should read it. */
function scalar(rest: string): unknown {
  const first = rest[0];
  if (first === "'") {
    const match = SINGLE_QUOTED.exec(rest);
    return match ? (match[1] as string).replaceAll("''", "'") : DECLINE;
  }
  if (first === '"') {
    const match = DOUBLE_QUOTED.exec(rest);
    return match ? match[1] : DECLINE;
  }
  // A comment starts at a # after a space; the value is what comes before, less trailing spaces.
  const hash = rest.indexOf(" #");
  // Only spaces: trimEnd would also take other Unicode spaces, which YAML keeps.
  const text = (hash === -1 ? rest : rest.slice(0, hash)).replace(/ +$/, "");
  if (!PLAIN.test(text)) return DECLINE;
  return resolvePlain(text);
}

/** A 1-based line and column. */
interface Position {
  line: number;
  column: number;
}

/**
 * Where the parts of a mapping are, as the full parser reports them: a mapping starts at its
 * first key, a scalar at its first character (an empty one just past the spaces after its colon).
 */
interface MappingPlaces {
  at: Position;
  entries: Map<string, { key: Position; value: MappingPlaces | Position }>;
}

interface OpenMapping {
  /** Indentation of this mapping's keys. */
  indent: number;
  data: Record<string, unknown>;
  places?: MappingPlaces;
}

/** A key with nothing after it: a nested mapping if deeper lines follow, else null. */
interface Pending {
  owner: OpenMapping;
  key: string;
  indent: number;
}

/**
 * The data of a text in the subset this module reads, or undefined for anything else. With
 * `withPlaces`, also where each key and value is (a second pass, made only for a report).
 */
function readSubset(
  text: string,
  withPlaces = false,
):
  | { data: Record<string, unknown>; places?: MappingPlaces; topKeys: Map<string, Position> }
  | undefined {
  // Top-level keys' places cost little to keep: check's most common finding (unanswered
  // questions) points at the `answers` key, and needs no second pass then.
  const topKeys = new Map<string, Position>();
  const root: OpenMapping = { indent: 0, data: {} };
  const open: OpenMapping[] = [root];
  let pending: Pending | undefined;
  let keys = 0;
  let lineNumber = 0;
  // Lone carriage returns were refused above, so one before a line feed ends a Windows line.
  for (let at = 0; at < text.length; ) {
    lineNumber++;
    LINE.lastIndex = at;
    const match = LINE.exec(text);
    if (!match) return undefined;
    at = LINE.lastIndex;
    // A blank or comment line. (Only spaces indent in YAML, as the pattern has it.)
    if (match[2] === undefined) continue;
    const line = match[0];
    const indent = (match[1] as string).length;
    const key = match[2];
    const rest = match[3] ?? "";
    if (SPECIAL_KEYS.has(key)) return undefined;
    const keyAt = withPlaces ? { line: lineNumber, column: indent + 1 } : undefined;
    if (indent === 0) topKeys.set(key, keyAt ?? { line: lineNumber, column: 1 });
    if (withPlaces && keys === 0) root.places = { at: keyAt as Position, entries: new Map() };
    if (pending) {
      if (indent > pending.indent) {
        if (open.length >= MAX_DEPTH) return undefined;
        const data: Record<string, unknown> = {};
        pending.owner.data[pending.key] = data;
        const nested: OpenMapping = { indent, data };
        if (withPlaces) {
          nested.places = { at: keyAt as Position, entries: new Map() };
          const entry = pending.owner.places?.entries.get(pending.key);
          if (entry) entry.value = nested.places;
        }
        open.push(nested);
      } else pending.owner.data[pending.key] = null;
      pending = undefined;
    }
    while ((open.at(-1) as OpenMapping).indent > indent) open.pop();
    const mapping = open.at(-1) as OpenMapping;
    if (mapping.indent !== indent || Object.hasOwn(mapping.data, key)) return undefined;
    keys++;
    if (withPlaces) {
      // A scalar starts at the first character after the colon and its spaces; so does an empty
      // value. A nested mapping, once its first key is read, replaces this.
      let valueStart = indent + key.length + 1;
      while (line.charCodeAt(valueStart) === 32) valueStart++;
      const value = { line: lineNumber, column: valueStart + 1 };
      mapping.places?.entries.set(key, { key: keyAt as Position, value });
      // The first pass read this text already: only the nesting matters now, not the values.
      if (rest !== "" && rest[0] !== "#") continue;
    }
    if (rest === "" || rest[0] === "#") {
      // Reserve the key's place, so the data keeps the file's key order.
      mapping.data[key] = null;
      pending = { owner: mapping, key, indent };
      continue;
    }
    const value = scalar(rest);
    if (value === DECLINE) return undefined;
    mapping.data[key] = value;
  }
  // A file of comments alone is an empty document, which the full parser reports.
  if (keys === 0) return undefined;
  return root.places
    ? { data: root.data, places: root.places, topKeys }
    : { data: root.data, topKeys };
}

/** locate() as the full parser answers it (yaml-source.ts), from the places of a quick read. */
function locateIn(
  root: MappingPlaces,
  path: readonly PropertyKey[],
  options?: { key?: boolean },
): Position {
  const walk = (segments: readonly PropertyKey[]) => {
    let node: MappingPlaces | Position = root;
    let depth = 0;
    for (const segment of segments) {
      const next: MappingPlaces | Position | undefined =
        "entries" in node ? node.entries.get(String(segment))?.value : undefined;
      if (next === undefined) break;
      node = next;
      depth++;
    }
    return { node, depth };
  };
  if (options?.key && path.length > 0) {
    const parent = walk(path.slice(0, -1));
    if (parent.depth === path.length - 1 && "entries" in parent.node) {
      const entry = parent.node.entries.get(String(path[path.length - 1]));
      if (entry) return entry.key;
    }
  }
  const { node } = walk(path);
  return "entries" in node ? node.at : node;
}

/**
 * Parses a profile-shaped YAML text quickly, or returns undefined so the caller uses
 * `parseSource`. Lines and columns are worked out by `parseFully` (`parseSource`, which this
 * module does not load) only when a report first asks for one.
 */
export function parseSourceQuickly(
  file: string,
  text: string,
  parseFully: () => SourceFile,
): SourceFile | undefined {
  if (text.length > MAX_INPUT_BYTES || Buffer.byteLength(text, "utf8") > MAX_INPUT_BYTES)
    return undefined;
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (UNUSUAL_CHARACTER.test(source)) return undefined;
  const read = readSubset(source);
  if (read === undefined) return undefined;
  let places: MappingPlaces | undefined;
  let full: SourceFile | undefined;
  return {
    file,
    data: read.data,
    locate(path, options) {
      const topKey =
        path.length === 1 && options?.key ? read.topKeys.get(String(path[0])) : undefined;
      if (topKey) return topKey;
      // Other places cost a second pass, made only when a report first asks for one.
      places ??= readSubset(source, true)?.places;
      if (places) return locateIn(places, path, options);
      full ??= parseFully();
      return full.locate(path, options);
    },
  };
}
