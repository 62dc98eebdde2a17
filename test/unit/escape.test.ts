import fc from "fast-check";
import { XMLParser } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import {
  escapeGithubData,
  escapeGithubProperty,
  escapeHtml,
  escapeTerminal,
  escapeXml,
  escapeXmlAttribute,
} from "../../src/report/escape.js";
import { md, mdCode } from "../../src/report/markdown.js";
import { FUZZ_SEED, HOSTILE_STRINGS } from "../helpers/hostile-inputs.js";

const anyText = fc.oneof(
  fc.string({ unit: "binary", maxLength: 60 }),
  fc.constantFrom(...HOSTILE_STRINGS),
  fc
    .array(fc.constantFrom(...HOSTILE_STRINGS, "a", " ", "\n", "`", "%", ":", ","), {
      maxLength: 8,
    })
    .map((parts) => parts.join("")),
);
const options = { seed: FUZZ_SEED, numRuns: 500 };

describe("escapeHtml", () => {
  it.each([
    ["<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"],
    [`" onmouseover='x'`, "&quot; onmouseover=&#39;x&#39;"],
    ["&lt; stays visible", "&amp;lt; stays visible"],
    ["plain text", "plain text"],
  ])("%j -> %j", (input, expected) => {
    expect(escapeHtml(input)).toBe(expected);
  });

  it("leaves no character that starts markup or ends an attribute", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(escapeHtml(text)).not.toMatch(/[<>"']|&(?!(amp|lt|gt|quot|#39);)/);
      }),
      options,
    );
  });
});

describe("escapeXml and escapeXmlAttribute", () => {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "@",
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    processEntities: true,
    htmlEntities: true,
  });
  // What XML can carry: the characters it forbids become U+FFFD, everything else survives.
  const carried = (text: string) =>
    text.replace(
      // biome-ignore lint/suspicious/noControlCharactersInRegex: the characters XML forbids
      /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
      "\uFFFD",
    );

  it.each([
    ["]]></failure><testcase name='x'>", "]]&gt;&lt;/failure&gt;&lt;testcase name=&#39;x&#39;&gt;"],
    ["bell \u0007 and nul \u0000", "bell \uFFFD and nul \uFFFD"],
    ["lone \ud800 surrogate", "lone \uFFFD surrogate"],
    ["emoji 😀 stays", "emoji 😀 stays"],
  ])("element text %j -> %j", (input, expected) => {
    expect(escapeXml(input)).toBe(expected);
  });

  it("keeps line breaks in attributes as character references", () => {
    expect(escapeXmlAttribute('a\nb\r\tc"')).toBe("a&#10;b&#13;&#9;c&quot;");
  });

  it("reads back as the same text, in one element, with no markup added", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const xml = `<r a="${escapeXmlAttribute(text)}">${escapeXml(text)}</r>`;
        const parsed = parser.parse(xml) as { r: { "#text"?: string; "@a": string } | string };
        expect(Object.keys(parsed)).toEqual(["r"]);
        const element = parsed.r as { "#text"?: string; "@a": string };
        expect(Object.keys(element).sort()).toEqual(text === "" ? ["@a"] : ["#text", "@a"]);
        expect(element["#text"] ?? "").toBe(carried(text));
        expect(element["@a"]).toBe(carried(text));
      }),
      options,
    );
  });
});

describe("GitHub workflow commands", () => {
  it.each([
    ["100% done", "100%25 done"],
    ["two\nlines", "two%0Alines"],
    ["cr\rlf\r\n", "cr%0Dlf%0D%0A"],
    ["::error::injected", "::error::injected"],
    ["%0A already encoded", "%250A already encoded"],
  ])("message %j -> %j", (input, expected) => {
    expect(escapeGithubData(input)).toBe(expected);
  });

  it.each([
    ["a.yaml", "a.yaml"],
    ["dir/a,b:c.yaml", "dir/a%2Cb%3Ac.yaml"],
    ["x\n::warning file=y", "x%0A%3A%3Awarning file=y"],
    ["50%", "50%25"],
  ])("property %j -> %j", (input, expected) => {
    expect(escapeGithubProperty(input)).toBe(expected);
  });

  const decode = (text: string) =>
    text.replace(/%(0D|0A|3A|2C|25)/g, (_, hex: string) =>
      String.fromCharCode(Number.parseInt(hex, 16)),
    );

  it("a message stays on one line and decodes back to the text", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const line = `::error file=${escapeGithubProperty(text)},line=1::${escapeGithubData(text)}`;
        expect(line).not.toMatch(/[\r\n]/);
        expect(decode(escapeGithubData(text))).toBe(text);
      }),
      options,
    );
  });

  it("a property cannot end itself or start another one", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const escaped = escapeGithubProperty(text);
        expect(escaped).not.toMatch(/[\r\n,:]/);
        expect(decode(escaped)).toBe(text);
      }),
      options,
    );
  });
});

describe("escapeTerminal", () => {
  it.each([
    ["\u001b[2J\u001b[31mred", "\\u001b[2J\\u001b[31mred"],
    ["over\rwrite", "over\\u000dwrite"],
    ["two\nlines", "two\\u000alines"],
    ["bidi \u202eevil", "bidi \\u202eevil"],
    ["tab\tand é 😀 stay", "tab\tand é 😀 stay"],
  ])("%j -> %j", (input, expected) => {
    expect(escapeTerminal(input)).toBe(expected);
  });

  it("leaves no control character for the terminal to obey", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(escapeTerminal(text)).not.toMatch(
          // biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
          /[\u0000-\u0008\u000A-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/,
        );
      }),
      options,
    );
  });
});

describe("Markdown", () => {
  it.each([
    ["# not a heading", "\\# not a heading"],
    ["- not a list", "\\- not a list"],
    ["a\r# heading after a lone CR", "a \\# heading after a lone CR"],
    ["a\r\nb\nc", "a b c"],
    ["<img src=x onerror=alert(1)>", "\\<img src=x onerror=alert\\(1\\)\\>"],
    ["[link](javascript:alert(1))", "\\[link\\]\\(javascript:alert\\(1\\)\\)"],
    ["| cell |", "\\| cell \\|"],
    ["&lt;", "&amp;lt;"],
  ])("md(%j) -> %j", (input, expected) => {
    expect(md(input)).toBe(expected);
  });

  it("md output is one line with every special character escaped", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const out = md(text);
        expect(out).not.toMatch(/[\r\n]/);
        expect(out).not.toMatch(/(^|[^\\])[`*_{}[\]()#+!|<>~]/);
        expect(out).not.toMatch(/^-/);
      }),
      options,
    );
  });

  it.each([
    ["plain", "`plain`"],
    ["a`b", "`` a`b ``"],
    ["``x", "``` ``x ```"],
    [" lead", "`  lead `"],
  ])("mdCode(%j) -> %j", (input, expected) => {
    expect(mdCode(input)).toBe(expected);
  });

  it("mdCode's fence is longer than any backtick run, so the text cannot close it", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const out = mdCode(text);
        const fence = /^`+/.exec(out)?.[0] ?? "";
        const inner = out.slice(fence.length, out.length - fence.length);
        expect(out.endsWith(fence)).toBe(true);
        expect(inner).not.toMatch(/[\r\n]/);
        for (const run of inner.match(/`+/g) ?? []) expect(run.length).toBeLessThan(fence.length);
      }),
      options,
    );
  });
});
