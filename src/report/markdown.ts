import { escapeTerminal } from "./escape.js";

/**
 * Escapes text from users or rule files so it cannot add Markdown structure or raw HTML, nor
 * control characters for a terminal that shows the file.
 */
export function md(text: string): string {
  return (
    // CommonMark ends a line at CR, LF or CRLF: any of them could start a heading or a list.
    escapeTerminal(text.replace(/\r\n|\r|\n/g, " "))
      .replace(/[\\`*_{}[\]()#+!|<>~]/g, (c) => `\\${c}`)
      .replace(/^-/, "\\-")
      .replace(/&/g, "&amp;")
  );
}

/**
 * Text as an inline code span. Backslashes do not escape inside code, so the fence is made
 * longer than any run of backticks in the text instead. Not for table cells, where `|` splits.
 */
export function mdCode(text: string): string {
  const flat = escapeTerminal(text.replace(/\r\n|\r|\n/g, " "));
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  // A space on each side keeps a leading or trailing backtick from joining the fence.
  const pad = longest > 0 || flat.startsWith(" ") || flat.endsWith(" ") ? " " : "";
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** A Markdown table from rows of already-escaped cells. */
export function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}
