import type { ChalkInstance } from "chalk";
import type { RuleBase } from "../rulebase/schema.js";
import { escapeTerminal } from "./escape.js";
import { wrap } from "./layout.js";

export const strategiesFormats = ["text", "json"] as const;
export type StrategiesFormat = (typeof strategiesFormats)[number];

const baShort = { yes: "BA: yes", no: "BA: no", conditional: "BA: no, if de-identified" } as const;

/** The strategies in table order, one line each plus the summary. */
export function renderStrategiesText(ruleBase: RuleBase, style: ChalkInstance): string {
  const width = Math.max(...ruleBase.strategies.map((s) => s.id.length));
  const out: string[] = [];
  for (const s of ruleBase.strategies) {
    out.push(
      `${s.number}  ${style.bold(s.id.padEnd(width))}  ${escapeTerminal(s.name)}  ${style.dim(`(${baShort[s.businessAssociate.status]})`)}`,
    );
    out.push(style.dim(wrap(s.summary, 3)));
  }
  out.push("", `Details: deploy-advisor explain <id>`);
  return `${out.join("\n")}\n`;
}

export const strategiesRenderers = {
  text: renderStrategiesText,
  json: (ruleBase) =>
    `${JSON.stringify(
      ruleBase.strategies.map((s) => ({
        number: s.number,
        id: s.id,
        name: s.name,
        summary: s.summary,
        businessAssociate: s.businessAssociate.status,
      })),
      null,
      2,
    )}\n`,
} as const satisfies Record<StrategiesFormat, (ruleBase: RuleBase, style: ChalkInstance) => string>;
