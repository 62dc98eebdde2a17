import type { AnswerChange, Sensitivity, WhatIf } from "../engine/sensitivity.js";

const plural = (n: number, word: string, many = `${word}s`) => `${n} ${n === 1 ? word : many}`;

/** The one-line robustness verdict shown near the top of every report. */
export function robustnessVerdict(sensitivity: Sensitivity): string {
  if (sensitivity.winner === null) return "No winner: every strategy is excluded by the answers.";
  if (sensitivity.robust) {
    const pairs =
      sensitivity.pairCount === 0
        ? "nor does any pair of changes"
        : `${plural(sensitivity.pairCount, "pair")} of changes would`;
    return `Robust: no single answer change alters the winner; ${pairs}.`;
  }
  const n = sensitivity.single.length;
  const byExclusion = sensitivity.single.filter((w) => w.winnerExcluded).length;
  // "By exclusion": the change rules the winner out outright rather than outscoring it.
  const how =
    byExclusion === 0
      ? ""
      : byExclusion === n
        ? n === 1
          ? " (by exclusion)"
          : " (all by exclusion)"
        : ` (${byExclusion} by exclusion)`;
  return `Fragile: ${plural(n, "single-answer change")} would change the winner${how}.`;
}

/** Whether the verdict is the reassuring kind; renderers colour it accordingly. */
export function isRobust(sensitivity: Sensitivity): boolean {
  return sensitivity.winner !== null && sensitivity.robust;
}

/** "businessAssociate were acceptable (now avoid)" */
export function describeChange(change: AnswerChange): string {
  return `${change.question} were ${change.to} (now ${change.from ?? "unanswered"})`;
}

/** "web-cloud would win by 6.2 points if businessAssociate were acceptable (now avoid)" */
export function describeWhatIf(whatIf: WhatIf, current: string | null): string {
  const conditions = whatIf.changes.map(describeChange).join(" and ");
  if (whatIf.winner === null) return `no strategy would remain if ${conditions}`;
  const by = whatIf.lead !== null && whatIf.lead > 0 ? ` by ${whatIf.lead} points` : "";
  const ruling =
    whatIf.winnerExcluded && current
      ? `, which rules out ${current}`
      : whatIf.lead === 0
        ? " (a tie, broken by strategy number)"
        : "";
  return `${whatIf.winner} would win${by} if ${conditions}${ruling}`;
}

/** "lockInTolerance: low → web-cloud, high → native" */
export function describeOpenQuestion(open: Sensitivity["openQuestions"][number]): string {
  const answers = open.answers.map((a) => `${a.answer} → ${a.winner ?? "nothing left"}`);
  return `${open.question}: ${answers.join(", ")}`;
}

/** The heading over the pairs: how many there are and how many were checked. */
export function pairsHeading(sensitivity: Sensitivity): string {
  return `Two changes together (${plural(sensitivity.pairCount, "pair")} among ${sensitivity.checked.pairs} checked; none contains a change that works alone)`;
}

/** The note under a list that holds only the strongest pairs, or null when it holds them all. */
export function morePairs(sensitivity: Sensitivity, shown: number): string | null {
  const more = sensitivity.pairCount - shown;
  return more > 0 ? `… and ${plural(more, "weaker pair")}` : null;
}
