import type { Reason } from "../../engine/explain.js";
import { baHeadline, signed } from "../layout.js";
import { md, mdCode, table } from "../markdown.js";
import {
  describeOpenQuestion,
  describeWhatIf,
  morePairs,
  pairsHeading,
  robustnessVerdict,
} from "../sensitivity.js";
import { describeSource, leadText, type RecommendationReport } from "./model.js";

function reasonList(reasons: Reason[]): string[] {
  const out: string[] = [];
  for (const reason of reasons) {
    out.push(
      `- **${md(describeSource(reason.question, reason.answer))}** (${signed(reason.points)} points)`,
    );
    for (const item of reason.items) {
      const via = item.inheritedItem ? ` via \`${item.inheritedItem}\`` : "";
      out.push(
        `  - ${md(item.text)} (\`${item.item}\`${via}; ${item.factor} ${signed(item.points)})`,
      );
    }
  }
  return out;
}

/** "What would change it" as Markdown lists: single changes, minimal pairs, open questions. */
export function sensitivitySection(
  report: RecommendationReport,
  heading = "## What would change it",
): string[] {
  const sensitivity = report.sensitivity;
  if (!sensitivity || sensitivity.winner === null) return [];
  const current = sensitivity.winner;
  const out = [heading, ""];
  if (sensitivity.single.length === 0) out.push("No single answer change alters the winner.", "");
  else {
    for (const whatIf of sensitivity.single) out.push(`- ${md(describeWhatIf(whatIf, current))}`);
    out.push("");
  }
  if (sensitivity.pairs.length > 0) {
    out.push(`${md(pairsHeading(sensitivity))}:`, "");
    for (const whatIf of sensitivity.pairs) out.push(`- ${md(describeWhatIf(whatIf, current))}`);
    const more = morePairs(sensitivity, sensitivity.pairs.length);
    if (more) out.push(`- ${md(more)}`);
    out.push("");
  }
  if (sensitivity.openQuestions.length > 0) {
    out.push("Unanswered questions that could change it:", "");
    for (const open of sensitivity.openQuestions) out.push(`- ${md(describeOpenQuestion(open))}`);
    out.push("");
  }
  return out;
}

/** The report as a Markdown document for a design review: same content as the text report. */
export function renderRecommendationMarkdown(report: RecommendationReport): string {
  const { recommendation, winner, ruleBase } = report;
  const out: string[] = [];
  out.push(
    `# Deployment recommendation${report.profile.project ? `: ${md(report.profile.project)}` : ""}`,
    "",
  );
  out.push(
    `Profile ${mdCode(report.profile.file)}, rule base ${ruleBase.meta.rulesVersion}, based on “${md(ruleBase.meta.source.title)}” (${ruleBase.meta.source.date}).`,
    "",
  );
  if (winner) {
    const lead = leadText(report);
    out.push(
      `**Recommended: ${md(winner.name)}** (\`${winner.id}\`), score ${winner.score} of 100, ${lead}.`,
      "",
    );
    if (report.sensitivity) out.push(`**${md(robustnessVerdict(report.sensitivity))}**`, "");
  } else {
    out.push("**No strategy remains: every one is excluded by the answers.**", "");
  }
  if (recommendation.ranking.length) {
    out.push("## Ranking", "");
    out.push(
      table(
        ["Rank", "Strategy", "Score"],
        recommendation.ranking.map((r) => [
          String(r.rank),
          `${md(r.name)} (\`${r.id}\`)`,
          r.score.toFixed(1),
        ]),
      ),
    );
    out.push(
      "",
      "Scores run from 0 to 100: 100 would be the best of the six on every factor the answers weigh.",
      "",
    );
  }
  out.push(...sensitivitySection(report));
  if (winner) {
    out.push(`## Why ${md(winner.name)}`, "", ...reasonList(winner.reasons), "");
    if (winner.tradeOffs.length)
      out.push("## Trade-offs accepted", "", ...reasonList(winner.tradeOffs), "");
    const ba = winner.businessAssociate;
    out.push(
      "## Business Associate status",
      "",
      `**${baHeadline(ba.status)}.** ${md(ba.summary)}`,
      "",
    );
    out.push(`Agreements to sign: ${ba.agreements.length ? "" : "none."}`);
    for (const agreement of ba.agreements) out.push(`- ${md(agreement.text)}`);
    if (ba.conditions.length)
      out.push("", "Conditions:", ...ba.conditions.map((c) => `- ${md(c)}`));
    if (ba.changesIf.length)
      out.push("", "This changes if:", ...ba.changesIf.map((c) => `- ${md(c)}`));
    out.push("", "## Compliance features to build", "");
    for (const feature of winner.complianceFeatures)
      out.push(`- [ ] **${md(feature.name)}** (${md(feature.citation)}): ${md(feature.text)}`);
    for (const footnote of winner.footnotes)
      out.push("", `> Note ${footnote.number}: ${md(footnote.text)}`);
    out.push("");
  }
  if (recommendation.excluded.length) {
    out.push("## Excluded strategies", "");
    for (const excluded of recommendation.excluded) {
      out.push(`- **${md(excluded.name)}** (\`${excluded.id}\`)`);
      for (const reason of excluded.reasons)
        out.push(`  - \`${reason.question}\` = ${mdCode(reason.answer)}: ${md(reason.text)}`);
    }
    out.push("");
  }
  if (recommendation.unanswered.length)
    out.push(
      `Unanswered (counted as neutral): ${recommendation.unanswered.map((q) => `\`${q}\``).join(", ")}.`,
      "",
    );
  if (recommendation.ignored.length)
    out.push(
      `Not applicable given other answers: ${recommendation.ignored.map((q) => `\`${q}\``).join(", ")}.`,
      "",
    );
  out.push("---", "", `*${md(ruleBase.meta.disclaimer)}*`);
  return `${out.join("\n")}\n`;
}
