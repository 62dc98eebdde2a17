import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  Lexer,
  LineCounter,
  type Node,
  parseDocument,
  type Document as YamlDocument,
} from "yaml";
import { type $ZodIssue, type $ZodType, type output, safeParse } from "zod/v4/core";
import { type Diagnostic, expectedOneOf, InputError, quote, shorten } from "../diagnostics.js";
import { MAX_ALIAS_COUNT, MAX_DEPTH, MAX_DIAGNOSTICS, MAX_INPUT_BYTES } from "../limits.js";

/** A parsed YAML or JSON file that can map a data path back to a line and column. */
export interface SourceFile {
  file: string;
  data: unknown;
  locate(
    path: readonly PropertyKey[],
    options?: { key?: boolean },
  ): { line: number; column: number };
}

type Path = readonly PropertyKey[];

function position(lineCounter: LineCounter, offset: number): { line: number; column: number } {
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}

/**
 * Rejects duplicate keys, keys that would reach Object.prototype when turned into plain objects,
 * keys that are not plain text, and runaway depth, each at its line and column.
 */
function checkStructure(file: string, doc: YamlDocument, lineCounter: LineCounter): void {
  const fail = (node: unknown, message: string, summary = message): never => {
    const at = position(lineCounter, (node as Node | null)?.range?.[0] ?? 0);
    throw new InputError(`${file}: ${summary}`, [{ file, ...at, severity: "error", message }]);
  };
  const visit = (node: unknown, depth: number): void => {
    if (depth > MAX_DEPTH) {
      fail(
        node,
        `nesting deeper than ${MAX_DEPTH} levels is not allowed`,
        `nesting deeper than ${MAX_DEPTH} levels`,
      );
    }
    if (isMap(node)) {
      // The parser's own duplicate check compares every key with every other one, which a
      // file of 100,000 keys turns into minutes; a set does the same in one pass.
      const seen = new Set<string>();
      for (const pair of node.items) {
        // An alias or a collection as a key hides what the key will be once turned into text
        // (an alias can even name "__proto__"); no file of ours needs either.
        if (pair.key !== null && !isScalar(pair.key))
          fail(pair.key, "only plain text keys are allowed (not an alias, list or mapping)");
        const key = isScalar(pair.key) ? pair.key.value : null;
        if (key === "__proto__") fail(pair.key, 'the key "__proto__" is not allowed');
        // Keys compare as the text they become in the data: 1 and "1" are the same key there.
        const name = key === null ? "" : String(key);
        if (seen.has(name))
          fail(pair.key, "duplicate key: each key may appear only once in a mapping");
        seen.add(name);
        visit(pair.value, depth + 1);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) visit(item, depth + 1);
    }
  };
  visit(doc.contents, 0);
}

// Tokens the lexer adds to mark structure; they hold no characters of the source.
const MARKER_TOKENS = new Set(["\x02", "\x18", "\x1f"]);

/**
 * Refuses flow collections ([ ] and { }) nested deeper than MAX_DEPTH before the parser sees
 * them: its time grows with depth, and half a million brackets fit in 1 MiB. The lexer knows
 * quotes, comments and block scalars, so only real brackets count, and it stops at the first
 * bracket too deep.
 */
function checkFlowDepth(file: string, source: string): void {
  let depth = 0;
  let offset = 0;
  for (const token of new Lexer().lex(source)) {
    if (token === "[" || token === "{") {
      if (++depth > MAX_DEPTH) {
        const before = source.slice(0, offset);
        const line = before.split("\n").length;
        const column = offset - before.lastIndexOf("\n");
        const message = `nesting deeper than ${MAX_DEPTH} levels is not allowed`;
        throw new InputError(`${file}: nesting deeper than ${MAX_DEPTH} levels`, [
          { file, line, column, severity: "error", message },
        ]);
      }
    } else if (token === "]" || token === "}") depth = Math.max(0, depth - 1);
    if (!MARKER_TOKENS.has(token)) offset += token.length;
  }
}

/**
 * Parses YAML (JSON is a subset) into plain data, keeping enough of the syntax tree to point
 * at the line and column of any value. Throws InputError for syntax errors, duplicate keys,
 * unknown tags, alias bombs, `__proto__` keys and excessive nesting.
 */
export function parseSource(file: string, text: string): SourceFile {
  if (Buffer.byteLength(text, "utf8") > MAX_INPUT_BYTES) {
    throw new InputError(`${file}: larger than 1 MiB; refusing to parse it`);
  }
  const lineCounter = new LineCounter();
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  checkFlowDepth(file, source);
  const doc = parseDocument(source, {
    lineCounter,
    uniqueKeys: false, // checked in checkStructure, in linear time
    prettyErrors: false,
    schema: "core",
    strict: true,
  });
  const problems = [...doc.errors, ...doc.warnings];
  if (problems.length > 0) {
    const diagnostics: Diagnostic[] = problems.slice(0, MAX_DIAGNOSTICS).map((problem) => ({
      file,
      ...position(lineCounter, problem.pos[0]),
      severity: "error",
      message: describeYamlProblem(problem.code, problem.message),
    }));
    throw new InputError(`${file}: not valid YAML`, diagnostics);
  }
  checkStructure(file, doc, lineCounter);
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const text = /alias/i.test(message)
      ? `too many aliases (possible alias bomb): at most ${MAX_ALIAS_COUNT} alias expansions are allowed`
      : shorten(message, 200);
    throw new InputError(`${file}: ${text}`, [
      { file, line: 1, column: 1, severity: "error", message: text },
    ]);
  }

  const nodeAt = (path: Path): { node: Node | undefined; depth: number } => {
    let node: unknown = doc.contents;
    let depth = 0;
    for (const segment of path) {
      if (isAlias(node)) node = node.resolve(doc);
      let next: unknown;
      if (isMap(node))
        next = node.items.find(
          (pair) => isScalar(pair.key) && String(pair.key.value) === String(segment),
        )?.value;
      else if (isSeq(node) && typeof segment === "number") next = node.items[segment];
      if (next === undefined || next === null) break;
      node = next;
      depth++;
    }
    return { node: node as Node | undefined, depth };
  };

  return {
    file,
    data,
    locate(path, options) {
      // For a key, point at the key itself rather than its value.
      if (options?.key && path.length > 0) {
        const parent = nodeAt(path.slice(0, -1));
        if (parent.depth === path.length - 1 && isMap(parent.node)) {
          const pair = parent.node.items.find(
            (p) => isScalar(p.key) && String(p.key.value) === String(path[path.length - 1]),
          );
          const offset = (pair?.key as Node | undefined)?.range?.[0];
          if (offset !== undefined) return position(lineCounter, offset);
        }
      }
      const { node } = nodeAt(path);
      return position(lineCounter, node?.range?.[0] ?? 0);
    },
  };
}

function describeYamlProblem(code: string, message: string): string {
  // The parser quotes the offending token, which can be the rest of the file.
  const firstLine = shorten(message.split("\n")[0] ?? message, 200);
  // The parser ran out of stack: only absurd nesting (thousands of levels) gets it there.
  if (code === "RESOURCE_EXHAUSTION")
    return `nesting far deeper than ${MAX_DEPTH} levels is not allowed`;
  if (code === "MULTIPLE_DOCS")
    return "a second YAML document starts here; a file holds one (remove the --- line)";
  if (code === "TAG_RESOLVE_FAILED")
    return `unsupported tag: only plain YAML data is accepted (${firstLine})`;
  return firstLine.replace(/ at line \d+, column \d+$/, "");
}

/** Keys an object schema accepts at a path, for "unknown key" messages. */
function knownKeys(schema: $ZodType, path: Path): string[] | undefined {
  let current: unknown = schema;
  const unwrap = (s: unknown): unknown => {
    let inner = s as {
      def?: { type?: string; innerType?: unknown; in?: unknown; getter?: () => unknown };
    };
    for (let i = 0; i < 10 && inner?.def; i++) {
      const def = inner.def;
      if (
        def.type === "optional" ||
        def.type === "default" ||
        def.type === "nullable" ||
        def.type === "prefault"
      ) {
        inner = def.innerType as typeof inner;
      } else if (def.type === "pipe") inner = def.in as typeof inner;
      else if (def.type === "lazy" && def.getter) inner = def.getter() as typeof inner;
      else break;
    }
    return inner;
  };
  for (const segment of path) {
    const s = unwrap(current) as {
      def?: { type?: string; shape?: Record<string, unknown>; element?: unknown };
    };
    if (s?.def?.type === "object" && s.def.shape)
      current = Object.hasOwn(s.def.shape, String(segment))
        ? s.def.shape[String(segment)]
        : undefined;
    else if (s?.def?.type === "array") current = s.def.element;
    else return undefined;
  }
  const s = unwrap(current) as { def?: { type?: string; shape?: Record<string, unknown> } };
  return s?.def?.type === "object" && s.def.shape ? Object.keys(s.def.shape) : undefined;
}

/** Validates parsed data against a zod schema, turning every issue into a located diagnostic. */
export function validate<T extends $ZodType>(source: SourceFile, schema: T): output<T> {
  const result = safeParse(schema, source.data);
  if (result.success) return result.data;
  const diagnostics: Diagnostic[] = [];
  // Locating a problem searches the syntax tree: past a screenful, count the rest instead.
  let total = 0;
  for (const issue of result.error.issues) {
    if (issue.code === "unrecognized_keys") {
      const allowed = knownKeys(schema, issue.path) ?? [];
      for (const key of issue.keys) {
        if (++total > MAX_DIAGNOSTICS) continue;
        const at = source.locate([...issue.path, key], { key: true });
        const where = issue.path.length ? ` in ${issue.path.join(".")}` : "";
        diagnostics.push({
          file: source.file,
          ...at,
          severity: "error",
          message: `unknown key ${quote(key)}${where}; ${expectedOneOf(key, allowed)}`,
        });
      }
      continue;
    }
    if (++total > MAX_DIAGNOSTICS) continue;
    diagnostics.push({
      file: source.file,
      ...source.locate(issue.path),
      severity: "error",
      message: describeIssue(issue, source.data),
    });
  }
  const shown = total > diagnostics.length ? ` (the first ${diagnostics.length} shown)` : "";
  throw new InputError(
    `${source.file}: ${total} problem${total === 1 ? "" : "s"}${shown}`,
    diagnostics,
  );
}

function valueAt(data: unknown, path: Path): unknown {
  let current = data;
  for (const segment of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[segment as string];
  }
  return current;
}

function describeType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  if (typeof value === "string") return `the text ${quote(value)}`;
  return `${typeof value} ${String(value)}`;
}

/**
 * A value as text for "did you mean" and messages. Never String() on a mapping: a file can give
 * it its own toString key, and converting it would then throw.
 */
function asText(value: unknown): string {
  if (typeof value === "string") return value;
  if (value === null || typeof value === "object") return describeType(value);
  return String(value);
}

function describeIssue(issue: $ZodIssue, data: unknown): string {
  const field = issue.path.length ? issue.path.join(".") : "the document";
  const actual = valueAt(data, issue.path);
  if (issue.path.length === 0 && actual == null && issue.code === "invalid_type")
    return "the file is empty; expected a YAML mapping (key: value lines)";
  if (actual === undefined && (issue.code === "invalid_value" || issue.code === "invalid_type")) {
    return `${field}: required, but missing`;
  }
  switch (issue.code) {
    case "invalid_union": {
      // A union such as "true | false | unsure": say what each branch accepts.
      const subIssues = issue.errors.flat();
      const values = subIssues.flatMap((sub) =>
        sub.code === "invalid_value" ? sub.values.map(String) : [],
      );
      const types = subIssues.flatMap((sub) => (sub.code === "invalid_type" ? [sub.expected] : []));
      if (types.every((type) => type === "boolean") && (values.length > 0 || types.length > 0)) {
        const allowed = [...new Set([...(types.length ? ["true", "false"] : []), ...values])];
        return `${field}: ${expectedOneOf(asText(actual), allowed)}`;
      }
      const expected = [
        ...new Set([...types, ...(values.length ? [`one of ${values.join(", ")}`] : [])]),
      ];
      return `${field}: expected ${expected.join(" or ")}, got ${describeType(actual)}`;
    }
    case "too_big":
    case "too_small": {
      const bound =
        issue.code === "too_big" ? `at most ${issue.maximum}` : `at least ${issue.minimum}`;
      const unit =
        issue.origin === "string" ? " characters" : issue.origin === "array" ? " items" : "";
      return `${field}: expected ${bound}${unit}, got ${describeType(actual)}`;
    }
    case "invalid_value":
      return `${field}: ${expectedOneOf(asText(actual), issue.values.map(String))}`;
    case "invalid_type":
      return `${field}: expected ${issue.expected}, got ${describeType(actual)}`;
    default:
      // zod/mini carries no message catalogue, so its generic text is replaced by what was found.
      return issue.message === "Invalid input"
        ? `${field}: invalid value: ${describeType(actual)}`
        : `${field}: ${issue.message}`;
  }
}
