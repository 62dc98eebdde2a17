import type { Reason } from "../../engine/explain.js";
import { html, type SafeHtml, trusted } from "../html.js";
import { baHeadline, signed } from "../layout.js";
import {
  describeOpenQuestion,
  describeWhatIf,
  isRobust,
  morePairs,
  pairsHeading,
  robustnessVerdict,
} from "../sensitivity.js";
import { describeSource, leadText, type RecommendationReport } from "./model.js";

/**
 * The page may load nothing at all: no scripts, fonts, frames or remote images. Styles are inline;
 * the only image URL allowed is a data: one (the empty favicon that stops a /favicon.ico fetch).
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

const STYLE = `
:root { --ink: #1b1f23; --muted: #5b636b; --line: #d5dade; --good: #1f7a3a; --warn: #9a5b00;
  --bad: #b3261e; --bar: #3d6fb4; --win: #1f7a3a; --paper: #fff; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0 auto; max-width: 52rem; padding: 2rem 1.5rem 3rem; color: var(--ink);
  background: var(--paper); font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.15rem; margin: 1.75rem 0 .5rem; padding-bottom: .2rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1rem; margin: 1rem 0 .25rem; }
p, ul { margin: .4rem 0; }
ul { padding-left: 1.25rem; }
code { font: .9em ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; background: #f2f4f6;
  padding: 0 .25em; border-radius: 3px; }
.meta, .note { color: var(--muted); font-size: .9rem; }
.summary { border: 1px solid var(--line); border-left: 6px solid var(--win); border-radius: 6px;
  padding: .75rem 1rem; margin: 1rem 0; }
.summary .winner { font-size: 1.2rem; margin: 0; }
.verdict { font-weight: 600; }
.verdict.robust { color: var(--good); }
.verdict.fragile { color: var(--warn); }
.ba-yes { color: var(--warn); font-weight: 600; }
.ba-no { color: var(--good); font-weight: 600; }
.chart { width: 100%; height: auto; display: block; max-width: 46rem; }
.chart text { font: 13px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; fill: var(--ink); }
.chart .value { font-variant-numeric: tabular-nums; }
.chart .track { fill: #eef1f4; }
.chart .bar { fill: var(--bar); }
.chart .bar.win { fill: var(--win); }
.chart .excluded { fill: var(--muted); font-style: italic; }
.reasons > li { margin-bottom: .4rem; }
.reasons ul { color: var(--muted); font-size: .92rem; }
.points { font-variant-numeric: tabular-nums; font-weight: 600; }
.points.plus { color: var(--good); }
.points.minus { color: var(--bad); }
.checklist { list-style: none; padding-left: 0; }
.checklist li { display: flex; gap: .6rem; align-items: baseline; margin: .35rem 0; }
.box { flex: none; width: .85em; height: .85em; border: 1.5px solid var(--ink); border-radius: 2px;
  display: inline-block; transform: translateY(.1em); }
.excluded-list li { margin-bottom: .3rem; }
footer { margin-top: 2rem; padding-top: .75rem; border-top: 1px solid var(--line); color: var(--muted);
  font-size: .85rem; }
@media print {
  @page { margin: 16mm 14mm; }
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  h2 { break-after: avoid; page-break-after: avoid; }
  h3 { break-after: avoid; page-break-after: avoid; }
  .summary, .chart-block, li, .checklist li { break-inside: avoid; page-break-inside: avoid; }
  .chart { max-width: 100%; }
  code { background: none; padding: 0; }
}
`;

const ROW = 30;
const LABEL = 250;
const BAR = 380;
const WIDTH = LABEL + BAR + 70;

/** The score chart: one bar per strategy on the 0-100 scale, excluded ones marked, drawn as SVG. */
function scoreChart(report: RecommendationReport): SafeHtml {
  const { recommendation } = report;
  const rows = [
    ...recommendation.ranking.map((r) => ({
      label: `${r.rank}  ${r.id}`,
      score: r.score as number | null,
      win: r.rank === 1,
    })),
    ...recommendation.excluded.map((e) => ({ label: `–  ${e.id}`, score: null, win: false })),
  ];
  const height = rows.length * ROW + 24;
  const axis = [0, 25, 50, 75, 100].map((tick) => {
    const x = LABEL + (BAR * tick) / 100;
    return html`<line x1="${x}" y1="0" x2="${x}" y2="${rows.length * ROW}" stroke="#d5dade" stroke-width="1"/><text x="${x}" y="${rows.length * ROW + 16}" text-anchor="middle" class="note">${tick}</text>`;
  });
  const bars = rows.map((row, i) => {
    const y = i * ROW;
    const label = html`<text x="${LABEL - 10}" y="${y + 19}" text-anchor="end">${row.label}</text>`;
    if (row.score === null)
      return html`${label}<text x="${LABEL + 6}" y="${y + 19}" class="excluded">excluded</text>`;
    const w = Math.max(0, Math.min(BAR, (BAR * row.score) / 100));
    return html`${label}<rect class="track" x="${LABEL}" y="${y + 6}" width="${BAR}" height="18" rx="3"/><rect class="bar${row.win ? " win" : ""}" x="${LABEL}" y="${y + 6}" width="${w.toFixed(1)}" height="18" rx="3"/><text x="${LABEL + BAR + 8}" y="${y + 19}" class="value">${row.score.toFixed(1)}</text>`;
  });
  const description = rows
    .map((r) => `${r.label.replace(/\s+/g, " ")}: ${r.score === null ? "excluded" : r.score}`)
    .join("; ");
  return html`<svg class="chart" viewBox="0 0 ${WIDTH} ${height}" preserveAspectRatio="xMinYMin meet" role="img" aria-label="${`Scores: ${description}`}" xmlns="http://www.w3.org/2000/svg"><title>${`Scores: ${description}`}</title>${axis}${bars}</svg>`;
}

function reasonList(reasons: Reason[]): SafeHtml {
  const items = reasons.map((reason) => {
    const cls = reason.points >= 0 ? "plus" : "minus";
    const details = reason.items.map((item) => {
      const via = item.inheritedItem ? html` via <code>${item.inheritedItem}</code>` : "";
      return html`<li>${item.text} (<code>${item.item}</code>${via}; ${item.factor} ${signed(item.points)})</li>`;
    });
    return html`<li><span class="points ${cls}">${signed(reason.points)}</span> <strong>${describeSource(reason.question, reason.answer)}</strong><ul>${details}</ul></li>`;
  });
  return html`<ul class="reasons">${items}</ul>`;
}

function sensitivityBlock(report: RecommendationReport): SafeHtml | string {
  const sensitivity = report.sensitivity;
  if (!sensitivity || sensitivity.winner === null) return "";
  const current = sensitivity.winner;
  const more = morePairs(sensitivity, sensitivity.pairs.length);
  const single =
    sensitivity.single.length === 0
      ? html`<p>No single answer change alters the winner.</p>`
      : html`<ul>${sensitivity.single.map((w) => html`<li>${describeWhatIf(w, current)}</li>`)}</ul>`;
  const pairs =
    sensitivity.pairs.length === 0
      ? html`<p>No pair of answer changes alters the winner either.</p>`
      : html`<h3>${pairsHeading(sensitivity)}</h3><ul>${sensitivity.pairs.map((w) => html`<li>${describeWhatIf(w, current)}</li>`)}${more ? html`<li class="note">${more}</li>` : ""}</ul>`;
  const open =
    sensitivity.openQuestions.length === 0
      ? ""
      : html`<h3>Unanswered questions that could change it</h3><ul>${sensitivity.openQuestions.map((q) => html`<li>${describeOpenQuestion(q)}</li>`)}</ul>`;
  return html`<section id="sensitivity"><h2>What would change it</h2><p>${current} is ${leadText(report)}.</p><h3>One answer changed</h3>${single}${sensitivity.single.length > 0 && sensitivity.pairs.length === 0 ? "" : pairs}${open}</section>`;
}

/** One self-contained HTML page: inline CSS and SVG, no scripts, nothing fetched; it prints well. */
export function renderRecommendationHtml(report: RecommendationReport): string {
  const { recommendation, winner, ruleBase } = report;
  const title = `Deployment recommendation${report.profile.project ? `: ${report.profile.project}` : ""}`;
  const verdict = report.sensitivity
    ? html`<p class="verdict ${isRobust(report.sensitivity) ? "robust" : "fragile"}">${robustnessVerdict(report.sensitivity)}</p>`
    : "";
  const ba = winner?.businessAssociate;
  const summary = winner
    ? html`<section class="summary"><p class="winner">Recommended: <strong>${winner.name}</strong> <code>${winner.id}</code></p><p>Score ${winner.score} of 100, ${leadText(report)}.</p>${verdict}${ba ? html`<p>Business Associate? <span class="${ba.status === "yes" ? "ba-yes" : "ba-no"}">${baHeadline(ba.status)}</span>.</p>` : ""}</section>`
    : html`<section class="summary"><p class="winner"><strong>No strategy remains: every one is excluded by the answers.</strong></p></section>`;

  const chart = html`<section class="chart-block"><h2>Scores</h2>${scoreChart(report)}<p class="note">Scores run from 0 to 100: 100 would be the best of the six on every factor the answers weigh.</p></section>`;

  const baSection = ba
    ? html`<section id="business-associate"><h2>Business Associate status</h2><p><span class="${ba.status === "yes" ? "ba-yes" : "ba-no"}">${baHeadline(ba.status)}.</span> ${ba.summary}</p><p>Agreements to sign: ${ba.agreements.length === 0 ? "none." : ""}</p>${ba.agreements.length ? html`<ul>${ba.agreements.map((a) => html`<li>${a.text}</li>`)}</ul>` : ""}${ba.conditions.length ? html`<p>Conditions:</p><ul>${ba.conditions.map((c) => html`<li>${c}</li>`)}</ul>` : ""}${ba.changesIf.length ? html`<p>This changes if:</p><ul>${ba.changesIf.map((c) => html`<li>${c}</li>`)}</ul>` : ""}</section>`
    : "";

  const why = winner
    ? html`<section id="reasons"><h2>Why ${winner.name}</h2>${reasonList(winner.reasons)}${winner.tradeOffs.length ? html`<h3>Trade-offs accepted</h3>${reasonList(winner.tradeOffs)}` : ""}</section>`
    : "";

  const excluded = recommendation.excluded.length
    ? html`<section id="excluded"><h2>Excluded strategies</h2><ul class="excluded-list">${recommendation.excluded.map((e) => html`<li><strong>${e.name}</strong> <code>${e.id}</code><ul>${e.reasons.map((r) => html`<li><code>${r.question}</code> = <code>${r.answer}</code>: ${r.text}</li>`)}</ul></li>`)}</ul></section>`
    : "";

  const checklist = winner
    ? html`<section id="compliance"><h2>Compliance checklist</h2><p class="note">Features the software should offer so customers can stay compliant with ${winner.name}.</p><ul class="checklist">${winner.complianceFeatures.map((f) => html`<li><span class="box" aria-hidden="true"></span><span><strong>${f.name}</strong> (${f.citation}): ${f.text}</span></li>`)}</ul>${winner.footnotes.map((n) => html`<p class="note">Note ${n.number}: ${n.text}</p>`)}</section>`
    : "";

  const unanswered = recommendation.unanswered.length
    ? html`<p class="note">Unanswered (counted as neutral): ${recommendation.unanswered.join(", ")}.</p>`
    : "";
  const ignored = recommendation.ignored.length
    ? html`<p class="note">Not applicable given other answers, so ignored: ${recommendation.ignored.join(", ")}.</p>`
    : "";

  const page = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="icon" href="data:,">
<style>${trusted(STYLE)}</style>
</head>
<body>
<header><h1>${title}</h1><p class="meta">Profile <code>${report.profile.file}</code> &middot; rule base ${ruleBase.meta.rulesVersion} &middot; based on &ldquo;${ruleBase.meta.source.title}&rdquo; (${ruleBase.meta.source.date})</p></header>
<main>
${summary}
${chart}
${baSection}
${why}
${sensitivityBlock(report)}
${excluded}
${checklist}
${unanswered}${ignored}
</main>
<footer><p>${ruleBase.meta.disclaimer}</p></footer>
</body>
</html>
`;
  return page.value;
}
