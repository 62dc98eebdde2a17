import { realpathSync } from "node:fs";
import { calendarDate, decisionRecord } from "../../engine/check.js";
import { loadFullParser } from "../../profile/full-parser.js";
import { parseProfileLoaded } from "../../profile/parse.js";
import {
  type RecommendationFormat,
  recommendationRenderers,
} from "../../report/recommendation/index.js";
import { writeStderr } from "../../report/write.js";
import type { Context } from "../context.js";
import { UsageError } from "../errors.js";
import { reportFor, scoreProfileFile } from "../load-profile.js";
import { writeReport } from "../output.js";
import { plainStyle } from "../style.js";
import { writeFileAtomic } from "../write-file.js";

export interface RecommendOptions {
  file: string;
  format: RecommendationFormat;
  /** Store the result as the profile's `decision` block, updating the file in place. */
  record?: boolean;
  /** Write the report to this file instead of stdout. */
  out?: string;
  /** Replace `out` if it exists. */
  force?: boolean;
}

/** Scores a profile and prints (or saves) the ranked, explained recommendation. */
export async function runRecommend(context: Context, options: RecommendOptions): Promise<number> {
  if (options.record && options.file === "-")
    throw new UsageError(
      "--record updates the profile file, so it needs a file, not standard input",
      "Run: deploy-advisor recommend path/to/profile.yaml --record",
    );
  const scored = await scoreProfileFile(context, options.file);
  const report = reportFor(scored);
  if (options.record) {
    const { ruleBase, recommendation } = scored;
    const record = decisionRecord(ruleBase, recommendation, calendarDate(context.now()));
    // Rewriting YAML in place needs the full parser; reading a profile usually does not.
    const [{ withDecision }] = await Promise.all([
      import("../../profile/record.js"),
      loadFullParser(),
    ]);
    const updated = withDecision(scored.text, record);
    // Never write a file that would no longer load: re-validate what is about to replace it.
    parseProfileLoaded(ruleBase, scored.file, updated);
    // The person named this file to update, so replacing it is what they asked for. Through a
    // symlink, the file it points to is updated and the link is kept.
    writeFileAtomic(realpathSync(options.file), updated, { overwrite: true });
    writeStderr(
      `deploy-advisor: recorded the decision in ${scored.file} (recommended ${record.recommended ?? "none"}, rule base ${record.rulesVersion})`,
    );
  }
  // A saved report is read later, elsewhere: no terminal colour codes in it.
  const style = options.out ? plainStyle : context.style;
  writeReport(recommendationRenderers[options.format](report, style), options);
  return 0;
}
