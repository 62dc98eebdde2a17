import { stringify } from "yaml";
import { explainStrategy } from "../engine/explain.js";
import { type AnswerInfluence, answerInfluence } from "../engine/influence.js";
import type { Profile } from "../profile/schema.js";
import type { ArticleItem, RuleBase, Strategy } from "../rulebase/schema.js";
import { md, table } from "./markdown.js";
import { sensitivitySection } from "./recommendation/markdown.js";
import { describeSource, leadText, type RecommendationReport } from "./recommendation/model.js";
import { robustnessVerdict } from "./sensitivity.js";

/** Everything an architecture decision record is written from. */
export interface AdrInput {
  report: RecommendationReport;
  profile: Profile;
  /** The record's date when the profile has no `decided` date (YYYY-MM-DD). */
  today: string;
  decisionMakers?: string;
}

/** The profile's default name, which `check` reads when given no file. */
const DEFAULT_PROFILE = "deploy-advisor.yaml";
const DEFAULT_TOLERANCE = 10;
const MAX_DRIVERS = 6;

/** An article sentence made to follow "Good, because": lower-case start, no final stop. */
function clause(text: string): string {
  let out = text.trim().replace(/\.$/, "");
  if (/^(A|[A-Z][a-z])/.test(out) && !/^A[A-Z]/.test(out))
    out = out.charAt(0).toLowerCase() + out.slice(1);
  return out.replace(/^because /, "");
}

function questionText(ruleBase: RuleBase, question: string, answer: string): string {
  const q = ruleBase.questions.find((x) => x.id === question);
  const label = q?.choices.find((c) => c.value === answer)?.label;
  return q && label ? `${q.prompt} ${label}` : `${question} = ${answer}`;
}

function driverLine(ruleBase: RuleBase, driver: AnswerInfluence): string {
  const what = `\`${driver.question} = ${driver.answer}\` (${md(questionText(ruleBase, driver.question, driver.answer))})`;
  const effects: string[] = [];
  if (driver.excludes.length)
    effects.push(`rules out ${driver.excludes.map((id) => `\`${id}\``).join(", ")}`);
  if (driver.swing > 0)
    effects.push(
      `moves the options up to ${driver.swing} points apart, most in favour of \`${driver.favours}\``,
    );
  return `* ${what}: ${effects.join("; ")}.`;
}

function itemBullets(
  items: ArticleItem[],
  verdict: "Good" | "Bad",
  byId: Map<string, ArticleItem>,
) {
  const out: string[] = [];
  for (const item of items) {
    out.push(`* ${verdict}, because ${md(clause(item.text))} (\`${item.id}\`)`);
    for (const ref of item.inherits ?? [])
      out.push(`  * ${md(byId.get(ref)?.text ?? ref)} (\`${ref}\`)`);
  }
  return out;
}

function optionLine(report: RecommendationReport, strategy: Strategy): string {
  const { recommendation } = report;
  const ranked = recommendation.ranking.find((r) => r.id === strategy.id);
  const excluded = recommendation.excluded.find((e) => e.id === strategy.id);
  const standing = ranked
    ? `score ${ranked.score.toFixed(1)}, rank ${ranked.rank}`
    : `excluded by ${excluded?.reasons.map((r) => `\`${r.question} = ${r.answer}\``).join(", ")}`;
  return `* ${md(strategy.name)} (\`${strategy.id}\`): ${standing}`;
}

/** Why this option: the ranking, the team's rationale, and any gap between the two. */
function outcome(input: AdrInput, chosen: Strategy): string[] {
  const { report, profile } = input;
  const { recommendation } = report;
  const rationale = profile.rationale ? ` The team's rationale: “${md(profile.rationale)}”` : "";
  const recommended = recommendation.recommended;
  const excluded = recommendation.excluded.find((e) => e.id === chosen.id);
  const ranked = recommendation.ranking.find((r) => r.id === chosen.id);
  const out: string[] = [];
  if (chosen.id === recommended && ranked) {
    out.push(
      `Chosen option: "${md(chosen.name)}" (\`${chosen.id}\`), because it ranks first of the six for these answers, with a score of ${ranked.score} of 100, ${md(leadText(report))}.${rationale}`,
    );
  } else {
    out.push(
      `Chosen option: "${md(chosen.name)}" (\`${chosen.id}\`), because the team chose it.${rationale}`,
      "",
    );
    const best = recommendation.ranking[0];
    if (excluded) {
      out.push(
        `**Warning:** the answers exclude this option (${excluded.reasons.map((r) => `\`${r.question} = ${r.answer}\`: ${md(r.text)}`).join("; ")}). \`deploy-advisor check\` fails until the answers or the choice change.`,
      );
    } else if (best && ranked) {
      const behind = Math.round((best.score - ranked.score) * 10) / 10;
      const tolerance = profile.tolerance ?? DEFAULT_TOLERANCE;
      out.push(
        `deploy-advisor ranks \`${best.id}\` first (score ${best.score}); the chosen option scores ${ranked.score}, ${behind} points behind, which is ${behind <= tolerance ? "within" : "beyond"} the ${tolerance}-point tolerance that \`check\` allows.`,
      );
    }
  }
  if (report.sensitivity) out.push("", `Robustness: ${md(robustnessVerdict(report.sensitivity))}`);
  return out;
}

function consequences(input: AdrInput, chosen: Strategy): string[] {
  const { report } = input;
  const explanation = explainStrategy(report.ruleBase, report.recommendation, chosen.id);
  const out = ["### Consequences", ""];
  const bullet = (verdict: "Good" | "Bad", reason: (typeof explanation.reasons)[number]) => {
    const seen = new Set<string>();
    const items = reason.items
      .map((i) => ({ id: i.inheritedItem ?? i.item, text: i.text }))
      .filter((i) => !seen.has(i.id) && seen.add(i.id))
      .slice(0, 2)
      .map((i) => `${md(clause(i.text))} (\`${i.id}\`)`);
    return `* ${verdict}, because ${items.join("; ")}; this weighs because \`${describeSource(reason.question, reason.answer)}\`.`;
  };
  for (const reason of explanation.reasons.filter((r) => r.question !== null).slice(0, 4))
    out.push(bullet("Good", reason));
  for (const reason of explanation.tradeOffs.filter((r) => r.question !== null).slice(0, 3))
    out.push(bullet("Bad", reason));
  const ba = explanation.businessAssociate;
  out.push(`* ${ba.status === "yes" ? "Bad" : "Good"}, because ${md(clause(ba.summary))}.`);
  out.push("", "Agreements to sign:", "");
  if (ba.agreements.length === 0) out.push("* none");
  for (const agreement of ba.agreements)
    out.push(`* ${md(agreement.parties.join(" and "))}: ${md(agreement.text)}`);
  if (ba.conditions.length)
    out.push(
      "",
      "Conditions that must keep holding:",
      "",
      ...ba.conditions.map((c) => `* ${md(c)}`),
    );
  if (ba.changesIf.length)
    out.push(
      "",
      "The Business Associate status changes if:",
      "",
      ...ba.changesIf.map((c) => `* ${md(c)}`),
    );
  out.push("", "Compliance features to build:", "");
  for (const feature of explanation.complianceFeatures)
    out.push(`* [ ] **${md(feature.name)}** (${md(feature.citation)}): ${md(feature.text)}`);
  for (const footnote of explanation.footnotes)
    out.push("", `Note ${footnote.number}: ${md(footnote.text)}`);
  return out;
}

function confirmation(input: AdrInput, chosen: Strategy): string[] {
  const { report, profile } = input;
  const file =
    report.profile.file === "<stdin>" || report.profile.file === DEFAULT_PROFILE
      ? null
      : report.profile.file;
  const path = file ? ` ${/^[\w./-]+$/.test(file) ? file : JSON.stringify(file)}` : "";
  const command = `deploy-advisor check${path}`;
  const out = ["### Confirmation", ""];
  if (!profile.chosen)
    out.push(
      `Record the decision in the profile first: add \`chosen: ${chosen.id}\`, which \`check\` requires.`,
      "",
    );
  out.push(
    `Keep the profile${file ? "" : ` as \`${DEFAULT_PROFILE}\``} in the repository and run this in CI:`,
    "",
    "```sh",
    command,
    "```",
    "",
    `It fails when the answers exclude \`${chosen.id}\`, when it falls more than ${profile.tolerance ?? DEFAULT_TOLERANCE} points behind the best option${profile.reviewBy ? `, or once the review date ${profile.reviewBy} has passed` : ""}. Update the answers whenever the product or its customers change, and the check keeps this record honest.`,
    "",
    profile.decision
      ? `The profile records the decision (rule base ${md(profile.decision.rulesVersion)}, ${profile.decision.date}), so \`check\` also warns when a newer rule base ranks the options differently; \`--fail-on-drift\` makes that a failure.`
      : `Run \`deploy-advisor recommend${path || ` ${DEFAULT_PROFILE}`} --record\` once to store this result in the profile, so that \`check\` also warns when a newer rule base ranks the options differently.`,
  );
  return out;
}

/** An architecture decision record in the MADR 4 layout, for a compliance officer to read alone. */
export function renderAdr(input: AdrInput): string {
  const { report, profile } = input;
  const { ruleBase, recommendation } = report;
  const chosenId = profile.chosen ?? recommendation.recommended;
  const chosen = ruleBase.strategies.find((s) => s.id === chosenId);
  const project = profile.project ?? "the product";
  const frontMatter = stringify(
    {
      status: profile.chosen ? "accepted" : "proposed",
      date: profile.decided ?? input.today,
      "decision-makers": input.decisionMakers ?? "(names of the people who made this decision)",
    },
    { lineWidth: 0 },
  );
  const out: string[] = ["---", frontMatter.trimEnd(), "---", ""];
  out.push(
    chosen
      ? `# Deploy ${md(project)} as: ${md(chosen.name)}`
      : `# Deployment of ${md(project)}: no option remains`,
    "",
  );

  out.push("## Context and Problem Statement", "");
  out.push(
    `${md(project)} is medical imaging software that can be deployed in six ways, from a native app to a cloud web app backed by a third-party HIPAA platform. The choice settles more than the architecture: whether the company becomes a HIPAA Business Associate of its customers, which Business Associate Agreements it must sign, and which safeguards the software must offer so that customers can stay compliant. Which deployment strategy fits this project best, and what would change that?`,
    "",
    `The project's answers are in the profile \`${md(report.profile.file)}\`; deploy-advisor scored them against rule base ${ruleBase.meta.rulesVersion}, which encodes “${md(ruleBase.meta.source.title)}” (${ruleBase.meta.source.date}). Every answer given is listed under More Information.`,
    "",
  );

  out.push("## Decision Drivers", "");
  const influence = answerInfluence(recommendation);
  const drivers = influence.filter((d) => d.excludes.length > 0 || d.swing > 0);
  const shown = [
    ...drivers.filter((d) => d.excludes.length > 0),
    ...drivers.filter((d) => d.excludes.length === 0).slice(0, MAX_DRIVERS),
  ];
  for (const driver of shown) out.push(driverLine(ruleBase, driver));
  const overrides = Object.entries(profile.weights ?? {}).filter(([, v]) => v !== undefined);
  if (overrides.length)
    out.push(
      `* The profile sets factor importance directly: ${overrides.map(([f, v]) => `\`${f}\` = ${v}`).join(", ")}.`,
    );
  if (shown.length === 0 && overrides.length === 0)
    out.push("* No answer separates the options; the article's general balance decides.");
  out.push("");

  out.push("## Considered Options", "");
  for (const strategy of ruleBase.strategies) out.push(optionLine(report, strategy));
  out.push("");

  out.push("## Decision Outcome", "");
  if (!chosen) {
    out.push("No option remains: the answers exclude every one of the six.", "");
  } else {
    out.push(...outcome(input, chosen), "");
    out.push(...consequences(input, chosen), "");
    out.push(...confirmation(input, chosen), "");
    out.push(...sensitivitySection(report, "### What would change this decision"));
  }

  out.push("## Pros and Cons of the Options", "");
  const byId = new Map(
    ruleBase.strategies.flatMap((s) => [...s.advantages, ...s.disadvantages]).map((i) => [i.id, i]),
  );
  for (const strategy of ruleBase.strategies) {
    out.push(`### ${md(strategy.name)}`, "");
    out.push(
      md(strategy.summary),
      "",
      `Business Associate: ${md(strategy.businessAssociate.summary)}`,
      "",
    );
    out.push(
      ...itemBullets(strategy.advantages, "Good", byId),
      ...itemBullets(strategy.disadvantages, "Bad", byId),
      "",
    );
  }

  out.push("## More Information", "");
  const answered = ruleBase.questions.filter((q) => {
    const value = profile.answers[q.id];
    return value !== undefined && value !== "unsure";
  });
  if (answered.length)
    out.push(
      table(
        ["Question", "Answer"],
        answered.map((q) => {
          const value = profile.answers[q.id] ?? "";
          const ignored = recommendation.ignored.includes(q.id) ? " (does not apply, ignored)" : "";
          return [md(q.prompt), `\`${value}\`${ignored}`];
        }),
      ),
      "",
    );
  if (recommendation.unanswered.length)
    out.push(
      `Unanswered, counted as neutral: ${recommendation.unanswered.map((q) => `\`${q}\``).join(", ")}.`,
      "",
    );
  if (profile.reviewBy) out.push(`Review this decision by ${profile.reviewBy}.`, "");
  out.push(
    `Regenerate this record with \`deploy-advisor adr\`; see every point behind the scores with \`deploy-advisor recommend --format json\`.`,
    "",
    `*${md(ruleBase.meta.disclaimer)}*`,
  );
  return `${out.join("\n")}\n`;
}
