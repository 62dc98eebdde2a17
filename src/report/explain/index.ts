import type { ChalkInstance } from "chalk";
import { featuresOf } from "../../engine/explain.js";
import type { ArticleItem, RuleBase, Strategy } from "../../rulebase/schema.js";
import { escapeTerminal } from "../escape.js";
import { baHeadline, signed, WIDTH, wrap } from "../layout.js";

export const explainFormats = ["text", "json"] as const;
export type ExplainFormat = (typeof explainFormats)[number];

function itemsById(ruleBase: RuleBase): Map<string, ArticleItem> {
  return new Map(
    ruleBase.strategies.flatMap((s) => [...s.advantages, ...s.disadvantages]).map((i) => [i.id, i]),
  );
}

/** One strategy as data: the article items (with what hybrids inherit spelled out), BA implications, features. */
export function explainJson(ruleBase: RuleBase, strategy: Strategy) {
  const byId = itemsById(ruleBase);
  const item = (i: ArticleItem) => ({
    id: i.id,
    text: i.text,
    impacts: i.impacts,
    ...(i.inherits
      ? { inherits: i.inherits.map((ref) => ({ id: ref, text: byId.get(ref)?.text ?? "" })) }
      : {}),
    ...(i.interpretation ? { interpretation: i.interpretation } : {}),
    ...(i.footnotes ? { footnotes: i.footnotes } : {}),
  });
  return {
    id: strategy.id,
    number: strategy.number,
    name: strategy.name,
    summary: strategy.summary,
    ...(strategy.inheritance ? { inheritance: strategy.inheritance } : {}),
    advantages: strategy.advantages.map(item),
    disadvantages: strategy.disadvantages.map(item),
    footnotes: strategy.footnotes,
    businessAssociate: strategy.businessAssociate,
    complianceFeatures: featuresOf(ruleBase, strategy),
    disclaimer: ruleBase.meta.disclaimer,
  };
}

function itemLines(
  ruleBase: RuleBase,
  items: ArticleItem[],
  mark: string,
  style: ChalkInstance,
): string[] {
  const byId = itemsById(ruleBase);
  const factorName = (id: string) => ruleBase.factors.find((f) => f.id === id)?.name ?? id;
  const out: string[] = [];
  for (const item of items) {
    out.push(wrap(item.text, 4, `  ${mark} `));
    const effects = Object.entries(item.impacts).map(([f, v]) => `${factorName(f)} ${signed(v)}`);
    if (effects.length) out.push(style.dim(wrap(`${item.id}: ${effects.join(", ")}`, 6, "    ")));
    else out.push(style.dim(`    ${item.id}`));
    for (const ref of item.inherits ?? []) {
      out.push(wrap(`${byId.get(ref)?.text ?? ref} [${ref}]`, 8, "      ↳ "));
    }
    if (item.interpretation)
      out.push(style.dim(wrap(`Reading: ${item.interpretation}`, 6, "    ")));
  }
  return out;
}

/** One strategy for reading in a terminal. */
export function renderExplainText(
  ruleBase: RuleBase,
  strategy: Strategy,
  style: ChalkInstance,
): string {
  const out: string[] = [];
  // As in the recommendation: the id moves to its own line rather than past the width.
  const heading = `${strategy.number}. ${escapeTerminal(strategy.name)}`;
  const idBreak = `${heading} (${strategy.id})`.length > WIDTH ? "\n  " : "";
  out.push(`${style.bold(heading)}${idBreak} ${style.dim(`(${strategy.id})`)}`);
  out.push(wrap(strategy.summary, 0), "");
  if (strategy.inheritance) out.push(wrap(strategy.inheritance, 0), "");
  out.push(
    style.bold("Advantages"),
    ...itemLines(ruleBase, strategy.advantages, style.green("+"), style),
    "",
  );
  out.push(
    style.bold("Disadvantages"),
    ...itemLines(ruleBase, strategy.disadvantages, style.red("-"), style),
    "",
  );
  for (const footnote of strategy.footnotes)
    out.push(wrap(`Note ${footnote.number}: ${footnote.text}`, 2), "");
  const ba = strategy.businessAssociate;
  out.push(`${style.bold("Business Associate?")} ${baHeadline(ba.status)}`, wrap(ba.summary, 2));
  out.push(`  Agreements to sign: ${ba.agreements.length ? "" : "none"}`);
  for (const agreement of ba.agreements) out.push(wrap(agreement.text, 6, "    - "));
  if (ba.conditions.length)
    out.push("  Conditions:", ...ba.conditions.map((c) => wrap(c, 6, "    - ")));
  if (ba.changesIf.length)
    out.push("  This changes if:", ...ba.changesIf.map((c) => wrap(c, 6, "    - ")));
  out.push("", style.bold("Compliance features the software should offer"));
  for (const feature of featuresOf(ruleBase, strategy))
    out.push(wrap(`${feature.name} (${feature.citation}): ${feature.text}`, 4, "  - "));
  out.push("", style.dim(wrap(ruleBase.meta.disclaimer, 0)));
  return `${out.join("\n")}\n`;
}

export const explainRenderers = {
  text: renderExplainText,
  json: (ruleBase, strategy) => `${JSON.stringify(explainJson(ruleBase, strategy), null, 2)}\n`,
} as const satisfies Record<
  ExplainFormat,
  (ruleBase: RuleBase, strategy: Strategy, style: ChalkInstance) => string
>;
