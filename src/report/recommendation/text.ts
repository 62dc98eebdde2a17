import type { ChalkInstance } from "chalk";
import type { Reason } from "../../engine/explain.js";
import { escapeTerminal } from "../escape.js";
import { baHeadline, bar, signed, WIDTH, wrap } from "../layout.js";
import {
  describeOpenQuestion,
  describeWhatIf,
  isRobust,
  morePairs,
  pairsHeading,
  robustnessVerdict,
} from "../sensitivity.js";
import { describeSource, leadText, type RecommendationReport } from "./model.js";

const MAX_REASONS = 6;
const MAX_SINGLE = 5;
const MAX_PAIRS = 3;

/** "What would change it": the strongest single changes and pairs, then the open questions. */
function sensitivityLines(report: RecommendationReport, style: ChalkInstance): string[] {
  const sensitivity = report.sensitivity;
  if (!sensitivity || sensitivity.winner === null) return [];
  const { single, pairs, openQuestions } = sensitivity;
  if (single.length === 0 && pairs.length === 0) return [];
  const current = sensitivity.winner;
  const lines = [style.bold("What would change it")];
  for (const whatIf of single.slice(0, MAX_SINGLE))
    lines.push(wrap(describeWhatIf(whatIf, current), 4, "  - "));
  if (single.length > MAX_SINGLE)
    lines.push(style.dim(`    … ${single.length - MAX_SINGLE} more (see --format json)`));
  if (pairs.length > 0) {
    lines.push(style.dim(wrap(`${pairsHeading(sensitivity)}:`, 2)));
    for (const whatIf of pairs.slice(0, MAX_PAIRS))
      lines.push(wrap(describeWhatIf(whatIf, current), 4, "  - "));
    const more = morePairs(sensitivity, Math.min(MAX_PAIRS, pairs.length));
    if (more) lines.push(style.dim(`    ${more}`));
  }
  if (openQuestions.length > 0) {
    lines.push(style.dim("  Unanswered questions that could change it:"));
    for (const open of openQuestions) lines.push(wrap(describeOpenQuestion(open), 4, "  - "));
  }
  lines.push("");
  return lines;
}

function reasonLines(
  reasons: Reason[],
  style: ChalkInstance,
  color: (s: string) => string,
): string[] {
  const lines: string[] = [];
  for (const reason of reasons.slice(0, MAX_REASONS)) {
    lines.push(
      `  ${color(signed(reason.points).padStart(5))}  ${style.bold(escapeTerminal(describeSource(reason.question, reason.answer)))}`,
    );
    for (const item of reason.items.slice(0, 3)) {
      const via = item.inheritedItem ? ` via ${item.inheritedItem}` : "";
      lines.push(
        wrap(
          `${item.text} [${item.item}${via}; ${item.factor} ${signed(item.points)}]`,
          11,
          "         → ",
        ),
      );
    }
    if (reason.items.length > 3)
      lines.push(style.dim(`           … and ${reason.items.length - 3} more`));
  }
  if (reasons.length > MAX_REASONS)
    lines.push(style.dim(`  … ${reasons.length - MAX_REASONS} smaller ones (see --format json)`));
  return lines;
}

/** The terminal report: ranking with bars, the winner's reasons, BA verdict, compliance, exclusions. */
export function renderRecommendationText(
  report: RecommendationReport,
  style: ChalkInstance,
): string {
  const { recommendation, winner, ruleBase } = report;
  const out: string[] = [];
  // The project name and file come from the user: printed escaped, they cannot move the cursor,
  // recolour the terminal or fake a line of the report.
  const title = report.profile.project
    ? `deploy-advisor: ${escapeTerminal(report.profile.project)}`
    : "deploy-advisor";
  out.push(
    style.bold(title),
    style.dim(
      `profile ${escapeTerminal(report.profile.file)} · rule base ${ruleBase.meta.rulesVersion}`,
    ),
    "",
  );

  if (!winner) {
    out.push(
      style.red.bold("No strategy remains: every one is excluded by the answers below."),
      "",
    );
  } else {
    // Long strategy names would push the id past the report's width: it goes on its own line.
    const idBreak = `Recommended: ${winner.name} (${winner.id})`.length > WIDTH ? "\n " : "";
    out.push(
      `${style.bold("Recommended:")} ${style.green.bold(escapeTerminal(winner.name))}${idBreak} ${style.dim(`(${winner.id})`)}`,
    );
    const lead = leadText(report);
    out.push(`  score ${winner.score} of 100, ${lead}`);
    if (report.sensitivity) {
      const verdict = robustnessVerdict(report.sensitivity);
      out.push(`  ${isRobust(report.sensitivity) ? style.green(verdict) : style.yellow(verdict)}`);
    }
    out.push("");
  }

  if (recommendation.ranking.length > 0) {
    out.push(style.bold("Ranking"));
    const nameWidth = Math.max(...recommendation.ranking.map((r) => r.id.length));
    const barWidth = Math.max(10, WIDTH - nameWidth - 16);
    for (const entry of recommendation.ranking) {
      const { filled, empty } = bar(entry.score, barWidth);
      const paint = entry.rank === 1 ? style.green : style.cyan;
      out.push(
        `  ${String(entry.rank).padStart(1)}  ${entry.id.padEnd(nameWidth)}  ${paint(filled)}${style.dim(empty)} ${entry.score.toFixed(1).padStart(5)}`,
      );
    }
    out.push(
      style.dim("  Scores run 0-100: 100 = best of the six on every factor your answers weigh."),
      "",
    );
  }
  out.push(...sensitivityLines(report, style));

  if (winner) {
    out.push(style.bold(`Why ${winner.id}`));
    out.push(...reasonLines(winner.reasons, style, style.green));
    if (winner.tradeOffs.length > 0) {
      out.push("", style.bold("Trade-offs you accept"));
      out.push(...reasonLines(winner.tradeOffs, style, style.red));
    }
    out.push("");
    const ba = winner.businessAssociate;
    out.push(
      `${style.bold("Business Associate?")} ${ba.status === "yes" ? style.yellow(baHeadline(ba.status)) : style.green(baHeadline(ba.status))}`,
    );
    out.push(wrap(ba.summary, 2));
    out.push(`  Agreements to sign: ${ba.agreements.length === 0 ? "none" : ""}`);
    for (const agreement of ba.agreements) out.push(wrap(agreement.text, 6, `    - `));
    if (ba.conditions.length) out.push("  Conditions:");
    for (const condition of ba.conditions) out.push(wrap(condition, 6, "    - "));
    if (ba.changesIf.length) out.push("  This changes if:");
    for (const change of ba.changesIf) out.push(wrap(change, 6, "    - "));
    out.push("");
    out.push(style.bold("Compliance features the software should offer"));
    for (const feature of winner.complianceFeatures) {
      out.push(wrap(`${feature.name} (${feature.citation}): ${feature.text}`, 4, "  - "));
    }
    for (const footnote of winner.footnotes) {
      out.push("", wrap(`Note ${footnote.number}: ${footnote.text}`, 2));
    }
    out.push("");
  }

  if (recommendation.excluded.length > 0) {
    out.push(style.bold("Excluded"));
    for (const excluded of recommendation.excluded) {
      out.push(`  ${style.red("✗")} ${excluded.id}`);
      for (const reason of excluded.reasons)
        out.push(wrap(`${reason.question} = ${reason.answer}: ${reason.text}`, 6, "    - "));
    }
    out.push("");
  }
  if (recommendation.unanswered.length > 0) {
    out.push(
      wrap(`Unanswered (counted as neutral): ${recommendation.unanswered.join(", ")}`, 2, ""),
    );
  }
  if (recommendation.ignored.length > 0) {
    out.push(
      wrap(
        `Not applicable given other answers, so ignored: ${recommendation.ignored.join(", ")}`,
        2,
        "",
      ),
    );
  }
  if (recommendation.unanswered.length > 0 || recommendation.ignored.length > 0) out.push("");
  out.push(style.dim(wrap(ruleBase.meta.disclaimer, 0)));
  return `${out.join("\n")}\n`;
}
