/** Escapes text from users or rule files so it cannot add Markdown structure or raw HTML. */
export function md(text: string): string {
  return text
    .replace(/\r?\n/g, " ")
    .replace(/[\\`*_{}[\]()#+!|<>~]/g, (c) => `\\${c}`)
    .replace(/^-/, "\\-")
    .replace(/&/g, "&amp;");
}

/** A Markdown table from rows of already-escaped cells. */
export function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}
