import { recommend, type ScoringInput } from "../engine/score.js";
import type { Recommendation } from "../engine/types.js";
import { parseProfile } from "../profile/parse.js";
import type { Profile } from "../profile/schema.js";
import {
  buildRecommendationReport,
  type RecommendationReport,
} from "../report/recommendation/model.js";
import type { RuleBase } from "../rulebase/schema.js";
import type { Context } from "./context.js";

/** A profile read, validated and scored: what recommend, adr and compare start from. */
export interface ScoredProfile {
  ruleBase: RuleBase;
  /** The name used in messages and reports: the path, or <stdin>. */
  file: string;
  /** The profile as written, for commands that update it in place. */
  text: string;
  profile: Profile;
  recommendation: Recommendation;
}

/** Reads a profile (path or "-") and scores it against the rule base in force. */
export async function scoreProfileFile(context: Context, file: string): Promise<ScoredProfile> {
  const ruleBase = context.ruleBase();
  const input = context.readInput(file);
  const { profile } = await parseProfile(ruleBase, input.name, input.text);
  return {
    ruleBase,
    file: input.name,
    text: input.text,
    profile,
    recommendation: recommend(ruleBase, profile),
  };
}

/** The full report model for a scored profile, sensitivity included. */
export function reportFor(scored: ScoredProfile): RecommendationReport {
  return buildReport(scored.ruleBase, scored.recommendation, scored.profile, scored.file);
}

/** Scores answers and assembles the report `recommend` prints; `ask` uses it for its answers. */
export function scoreForReport(
  ruleBase: RuleBase,
  profile: ScoringInput & { project?: string; chosen?: string },
  file: string,
): { recommendation: Recommendation; report: RecommendationReport } {
  const recommendation = recommend(ruleBase, profile);
  return { recommendation, report: buildReport(ruleBase, recommendation, profile, file) };
}

function buildReport(
  ruleBase: RuleBase,
  recommendation: Recommendation,
  profile: ScoringInput & { project?: string; chosen?: string },
  file: string,
): RecommendationReport {
  return buildRecommendationReport(
    ruleBase,
    recommendation,
    {
      file,
      ...(profile.project ? { project: profile.project } : {}),
      ...(profile.chosen ? { chosen: profile.chosen } : {}),
    },
    profile,
  );
}
