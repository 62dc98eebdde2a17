import { parseDocument } from "yaml";
import type { DecisionRecord } from "../engine/check.js";

/**
 * Returns the profile text with its `decision` block set to `record`, everything else kept:
 * YAML keeps its comments, key order and layout; JSON stays JSON (two-space indented).
 * The text must already have been validated by parseProfile.
 */
export function withDecision(text: string, record: DecisionRecord): string {
  const bom = text.charCodeAt(0) === 0xfeff ? "\ufeff" : "";
  const body = bom ? text.slice(1) : text;
  const json = asJson(body);
  if (json) {
    // The YAML writer would turn a JSON profile into flow-style YAML, which is no longer JSON.
    json.decision = record;
    return `${bom}${JSON.stringify(json, null, 2)}\n`;
  }
  const doc = parseDocument(body, { schema: "core" });
  doc.setIn(["decision"], record);
  // lineWidth 0: never re-fold long lines the person wrote.
  return `${bom}${doc.toString({ lineWidth: 0 })}`;
}

/** The profile as a JSON object when the text is strict JSON (YAML flow style is not). */
function asJson(text: string): Record<string, unknown> | undefined {
  if (!text.trimStart().startsWith("{")) return undefined;
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}
