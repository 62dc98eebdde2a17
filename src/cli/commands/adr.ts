import { renderAdr } from "../../report/adr.js";
import type { Context } from "../context.js";
import { reportFor, scoreProfileFile } from "../load-profile.js";
import { writeReport } from "../output.js";

export interface AdrOptions {
  file: string;
  out?: string;
  force?: boolean;
  decisionMakers?: string;
}

/** Writes an architecture decision record (MADR 4) for a profile's deployment choice. */
export async function runAdr(context: Context, options: AdrOptions): Promise<number> {
  const scored = await scoreProfileFile(context, options.file);
  const text = renderAdr({
    report: reportFor(scored),
    profile: scored.profile,
    today: context.now().toISOString().slice(0, 10),
    ...(options.decisionMakers ? { decisionMakers: options.decisionMakers } : {}),
  });
  writeReport(text, options);
  return 0;
}
