// Escaping for every output format that carries text from profiles or rule files. Each function
// makes its input inert in one format: it cannot add structure, markup or commands there.
// (Markdown has its own helpers in markdown.ts.)

const HTML_ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Text for HTML content or a quoted attribute value: no tags, entities or quote breaks. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c] as string);
}

// Characters XML 1.0 forbids outright (most C0 controls, lone surrogates, U+FFFE and U+FFFF):
// a parser rejects the whole document when it meets one, even as a character reference.
const XML_INVALID =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Text for XML element content (JUnit reports): markup escaped, characters XML forbids replaced
 * by U+FFFD, and CR written as a reference, which a parser would otherwise turn into LF.
 */
export function escapeXml(text: string): string {
  return escapeHtml(text.replace(XML_INVALID, "\uFFFD")).replace(/\r/g, "&#13;");
}

/**
 * Text for a quoted XML attribute value. As escapeXml, and tab and LF are written as character
 * references too, which XML keeps, where a literal one would be normalised to a space.
 */
export function escapeXmlAttribute(text: string): string {
  return escapeXml(text).replace(/[\t\n]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * The message of a GitHub Actions workflow command (`::error file=…::MESSAGE`): `%`, CR and LF
 * percent-encoded, so a message cannot end the command line and start another one.
 */
export function escapeGithubData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** A property of a workflow command (`file=`, `title=`): as the message, plus `:` and `,`. */
export function escapeGithubProperty(text: string): string {
  return escapeGithubData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

// C0 controls but tab (line breaks too: a field is one line), DEL, C1 controls, and the
// bidirectional overrides and isolates that can make a line read differently from what it holds.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
const TERMINAL_UNSAFE = /[\u0000-\u0008\u000A-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;

/**
 * One line of text for a terminal: control characters (escape sequences, line breaks,
 * backspaces) and bidirectional overrides shown as visible `\u001b`-style escapes, not obeyed.
 */
export function escapeTerminal(text: string): string {
  return text.replace(
    TERMINAL_UNSAFE,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}
