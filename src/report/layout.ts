import { escapeTerminal } from "./escape.js";

/** Terminal width the text reports are laid out for; readable in any ordinary terminal. */
export const WIDTH = 80;

/**
 * Wraps prose to a width, indenting every line; the first line may carry a different prefix.
 * Control characters in the prose are shown escaped, never sent to the terminal.
 */
export function wrap(text: string, indent = 0, firstPrefix?: string, width = WIDTH): string {
  const pad = " ".repeat(indent);
  const words = escapeTerminal(text.replace(/\s+/g, " ").trim()).split(" ");
  const lines: string[] = [];
  let line = firstPrefix ?? pad;
  let empty = true;
  for (const word of words) {
    if (!empty && line.length + 1 + word.length > width) {
      lines.push(line);
      line = pad + word;
    } else {
      line += (empty ? "" : " ") + word;
    }
    empty = false;
  }
  lines.push(line);
  return lines.join("\n");
}

/** A horizontal bar for a 0..100 score, using block characters so it survives without colour. */
export function bar(score: number, width: number): { filled: string; empty: string } {
  const cells = Math.max(0, Math.min(width, Math.round((score / 100) * width)));
  return { filled: "█".repeat(cells), empty: "░".repeat(width - cells) };
}

/** Formats signed points for reading: +12, -4. */
export function signed(points: number): string {
  const rounded = Math.round(points * 10) / 10;
  return rounded > 0 ? `+${rounded}` : String(rounded);
}

/** Plain-English form of a Business Associate status. */
export function baHeadline(status: "yes" | "no" | "conditional"): string {
  if (status === "yes") return "Yes: the vendor is a Business Associate";
  if (status === "no") return "No: the vendor is not a Business Associate";
  return "No, as long as the conditions below hold";
}
