import {
  type RecommendationFormat,
  recommendationRenderers,
} from "../../report/recommendation/index.js";
import type { Context } from "../context.js";
import { reportFor, scoreProfileFile } from "../load-profile.js";
import { writeReport } from "../output.js";
import { makeStyle } from "../style.js";

export interface RecommendOptions {
  file: string;
  format: RecommendationFormat;
  /** Write the report to this file instead of stdout. */
  out?: string;
  /** Replace `out` if it exists. */
  force?: boolean;
}

/** Scores a profile and prints (or saves) the ranked, explained recommendation. */
export function runRecommend(context: Context, options: RecommendOptions): number {
  const report = reportFor(scoreProfileFile(context, options.file));
  // A saved report is read later, elsewhere: no terminal colour codes in it.
  const style = options.out ? makeStyle(0) : context.style;
  writeReport(recommendationRenderers[options.format](report, style), options);
  return 0;
}
