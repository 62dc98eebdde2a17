import { stripVTControlCharacters } from "node:util";
import type { ChalkInstance } from "chalk";
import type { Comparison, Standing } from "../engine/comparison.js";
import type { ImportanceSource } from "../engine/types.js";
import type { ArticleItem, RuleBase, Strategy } from "../rulebase/schema.js";
import { explainJson } from "./explain/index.js";
import { baHeadline, signed, wrap } from "./layout.js";
import { md, table } from "./markdown.js";

export const compareFormats = ["text", "json", "markdown"] as const;
export type CompareFormat = (typeof compareFormats)[number];

/** What the compare renderers receive: the comparison plus the rule base and profile it came from. */
export interface CompareReport {
  ruleBase: RuleBase;
  comparison: Comparison;
  profile: { file: string; project?: string } | null;
}

/** "dataSharing = true", "baseline" or "weights override". */
export function describeImportance(source: ImportanceSource): string {
  if (source.kind === "answer") return `${source.question} = ${source.answer}`;
  return source.kind === "baseline" ? "baseline" : "weights override";
}

function standingText(id: string, standing: Standing): string {
  const rank = standing.excluded ? "excluded" : `rank ${standing.rank}`;
  return `${id} ${standing.score.toFixed(1)} (${rank})`;
}

function agreementsText(strategy: Strategy): string {
  const agreements = strategy.businessAssociate.agreements;
  return agreements.length === 0 ? "none" : agreements.map((a) => a.parties.join("-")).join(", ");
}

/** The verdict of the profile part in one or two sentences. */
function leadSentence(report: CompareReport): string | null {
  const { a, b, profile } = report.comparison;
  if (!profile) return null;
  const [ahead, behind] = profile.difference >= 0 ? [a, b] : [b, a];
  const lead =
    profile.difference === 0
      ? `${a.id} and ${b.id} score the same.`
      : `${ahead.id} scores ${Math.abs(profile.difference)} points more than ${behind.id}.`;
  const out = [a, b].filter((_, i) => (i === 0 ? profile.a.excluded : profile.b.excluded));
  if (out.length === 0) return lead;
  const ids = out.map((s) => s.id).join(" and ");
  return `${lead} The answers exclude ${ids}, so ${out.length > 1 ? "neither can" : "it cannot"} be chosen whatever the points.`;
}

const COLUMN = 38;
const GUTTER = " │ ";

/** Two lists of lines side by side; colour codes do not count towards a column's width. */
function columns(left: string[], right: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const l = left[i] ?? "";
    const pad = " ".repeat(Math.max(0, COLUMN - stripVTControlCharacters(l).length));
    out.push(`${l}${pad}${GUTTER}${right[i] ?? ""}`.trimEnd());
  }
  return out;
}

function sideLines(
  report: CompareReport,
  s: Strategy,
  style: ChalkInstance,
  part: "ba" | "advantages" | "disadvantages",
) {
  const para = (text: string, prefix = "") => wrap(text, prefix.length, prefix, COLUMN).split("\n");
  if (part === "ba") {
    const ba = s.businessAssociate;
    const headline = baHeadline(ba.status);
    return [
      ...para(headline).map((l) => (ba.status === "yes" ? style.yellow(l) : style.green(l))),
      ...para(`Agreements: ${agreementsText(s)}`),
      ...ba.conditions.flatMap((c) => para(c, "if: ")),
    ];
  }
  const items = part === "advantages" ? s.advantages : s.disadvantages;
  const mark = part === "advantages" ? style.green("+") : style.red("-");
  const byId = new Map(
    report.ruleBase.strategies
      .flatMap((x) => [...x.advantages, ...x.disadvantages])
      .map((i) => [i.id, i]),
  );
  return items.flatMap((item: ArticleItem) => [
    ...para(item.text, "  ").map((line, i) => (i === 0 ? `${mark}${line.slice(1)}` : line)),
    ...(item.inherits ?? []).flatMap((ref) =>
      para(byId.get(ref)?.text ?? ref, "    ").map((line, i) =>
        style.dim(i === 0 ? `  ↳${line.slice(3)}` : line),
      ),
    ),
  ]);
}

/** Side by side for a terminal: standing and factor points (with a profile), BA, features, items. */
export function renderCompareText(report: CompareReport, style: ChalkInstance): string {
  const { comparison } = report;
  const { a, b, profile } = comparison;
  const out: string[] = [];
  out.push(
    `${style.bold(`${a.number}. ${a.name}`)} ${style.dim(`(${a.id})`)}  vs  ${style.bold(`${b.number}. ${b.name}`)} ${style.dim(`(${b.id})`)}`,
    "",
  );
  if (profile && report.profile) {
    out.push(
      style.bold(`For ${report.profile.project ?? report.profile.file}`),
      `  ${standingText(a.id, profile.a)}  ·  ${standingText(b.id, profile.b)}  ·  recommended: ${profile.recommended ?? "none"}`,
      wrap(leadSentence(report) ?? "", 2),
      "",
      style.bold(`Points by factor (${a.id} minus ${b.id})`),
    );
    for (const row of profile.factors) {
      const paint = row.difference > 0 ? style.green : style.red;
      out.push(`  ${paint(signed(row.difference).padStart(6))}  ${row.name}`);
      const drivers = row.drivers.map((d) => `${describeImportance(d.source)} ${signed(d.points)}`);
      out.push(style.dim(wrap(`from ${drivers.join(", ")}`, 12, "          ")));
    }
    if (profile.factors.length === 0) out.push("  none: no weighed factor separates them");
    out.push("");
  } else {
    out.push(style.bold("Where the article's items differ (total impact per factor)"));
    const width = Math.max(...comparison.impacts.map((r) => r.name.length), 6);
    const [wa, wb] = [a.id.length, b.id.length];
    out.push(style.dim(`  ${"factor".padEnd(width)}  ${a.id}  ${b.id}`));
    for (const row of comparison.impacts)
      out.push(
        `  ${row.name.padEnd(width)}  ${signed(row.a).padStart(wa)}  ${signed(row.b).padStart(wb)}`,
      );
    out.push("");
  }

  const rule = `${"─".repeat(COLUMN)}─┼─${"─".repeat(COLUMN)}`;
  out.push(...columns([style.bold(a.id)], [style.bold(b.id)]), style.dim(rule));
  for (const [title, part] of [
    ["Business Associate?", "ba"],
    ["Advantages", "advantages"],
    ["Disadvantages", "disadvantages"],
  ] as const) {
    out.push(...columns([style.bold(title)], [style.bold(title)]));
    out.push(
      ...columns(sideLines(report, a, style, part), sideLines(report, b, style, part)),
      style.dim(rule),
    );
  }
  const { both, onlyA, onlyB } = comparison.features;
  const names = (features: typeof both) =>
    features.length === 0
      ? ["none"]
      : features.flatMap((f) => wrap(f.name, 2, "- ", COLUMN).split("\n"));
  out.push(
    ...columns(
      [style.bold("Compliance features only here")],
      [style.bold("Compliance features only here")],
    ),
  );
  out.push(...columns(names(onlyA), names(onlyB)), style.dim(rule));
  if (both.length) out.push(wrap(`Both: ${both.map((f) => f.name).join("; ")}.`, 2, ""));
  out.push("", style.dim(wrap(report.ruleBase.meta.disclaimer, 0)));
  return `${out.join("\n")}\n`;
}

/** The comparison as data: both strategies in full, the feature split, and the profile's points. */
export function compareJson(report: CompareReport) {
  const { comparison, ruleBase } = report;
  const side = (s: Strategy) => {
    const { disclaimer: _, ...rest } = explainJson(ruleBase, s);
    return rest;
  };
  const ids = (features: { id: string }[]) => features.map((f) => f.id);
  return {
    a: side(comparison.a),
    b: side(comparison.b),
    complianceFeatures: {
      both: ids(comparison.features.both),
      onlyA: ids(comparison.features.onlyA),
      onlyB: ids(comparison.features.onlyB),
    },
    impacts: comparison.impacts,
    profile:
      comparison.profile && report.profile
        ? {
            file: report.profile.file,
            project: report.profile.project ?? null,
            ...comparison.profile,
          }
        : null,
    disclaimer: ruleBase.meta.disclaimer,
  };
}

/** The comparison as a Markdown document for a design review. */
export function renderCompareMarkdown(report: CompareReport): string {
  const { comparison } = report;
  const { a, b, profile } = comparison;
  const out: string[] = [`# ${md(a.name)} vs ${md(b.name)}`, ""];
  out.push(`Comparing \`${a.id}\` (${a.number}) with \`${b.id}\` (${b.number}).`, "");
  if (profile && report.profile) {
    out.push(`## For ${md(report.profile.project ?? report.profile.file)}`, "");
    const cell = (st: Standing) =>
      `${st.score.toFixed(1)} (${st.excluded ? "excluded" : `rank ${st.rank}`})`;
    out.push(
      table(["", `\`${a.id}\``, `\`${b.id}\``], [["Score", cell(profile.a), cell(profile.b)]]),
      "",
      md(leadSentence(report) ?? ""),
      "",
      `### Points by factor (\`${a.id}\` minus \`${b.id}\`)`,
      "",
    );
    out.push(
      table(
        ["Factor", "Points", "From"],
        profile.factors.map((row) => [
          md(row.name),
          signed(row.difference),
          row.drivers
            .map((d) => `${md(describeImportance(d.source))} ${signed(d.points)}`)
            .join(", "),
        ]),
      ),
      "",
    );
  } else {
    out.push("## Where the article's items differ", "");
    out.push(
      table(
        ["Factor", `\`${a.id}\``, `\`${b.id}\``],
        comparison.impacts.map((r) => [md(r.name), signed(r.a), signed(r.b)]),
      ),
      "",
    );
  }
  out.push("## Business Associate implications", "");
  out.push(
    table(
      ["", `\`${a.id}\``, `\`${b.id}\``],
      [
        [
          "Vendor a Business Associate?",
          ...[a, b].map((s) => md(baHeadline(s.businessAssociate.status))),
        ],
        ["Agreements to sign", ...[a, b].map((s) => md(agreementsText(s)))],
      ],
    ),
    "",
  );
  out.push("## Compliance features", "");
  const { both, onlyA, onlyB } = comparison.features;
  for (const [label, features] of [
    ["Both", both],
    [`Only \`${a.id}\``, onlyA],
    [`Only \`${b.id}\``, onlyB],
  ] as const) {
    if (features.length === 0) continue;
    out.push(`${label}:`, "", ...features.map((f) => `- ${md(f.name)} (${md(f.citation)})`), "");
  }
  for (const s of [a, b]) {
    out.push(`## ${md(s.name)}: the article's items`, "");
    for (const item of s.advantages) out.push(`- Good: ${md(item.text)} (\`${item.id}\`)`);
    for (const item of s.disadvantages) out.push(`- Bad: ${md(item.text)} (\`${item.id}\`)`);
    out.push("");
  }
  out.push("---", "", `*${md(report.ruleBase.meta.disclaimer)}*`);
  return `${out.join("\n")}\n`;
}

export const compareRenderers = {
  text: renderCompareText,
  json: (report) => `${JSON.stringify(compareJson(report), null, 2)}\n`,
  markdown: (report) => renderCompareMarkdown(report),
} as const satisfies Record<CompareFormat, (report: CompareReport, style: ChalkInstance) => string>;
