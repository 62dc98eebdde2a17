import { isAbsolute, join } from "node:path";
import { globSync, isDynamicPattern } from "tinyglobby";
import { InputError, inputErrorLines } from "../../diagnostics.js";
import { calendarDate, checkProfile } from "../../engine/check.js";
import { type LoadedProfile, parseProfile } from "../../profile/parse.js";
import { type CheckFormat, checkRenderers } from "../../report/check/index.js";
import { checkedFile, checkRun, type FileResult } from "../../report/check/model.js";
import { writeStderr, writeStdout } from "../../report/write.js";
import type { RuleBase } from "../../rulebase/schema.js";
import type { Context } from "../context.js";
import { ExitCode } from "../errors.js";
import { exists } from "../write-file.js";

export interface CheckCommandOptions {
  /** Paths or glob patterns; "-" reads standard input. */
  files: string[];
  format: CheckFormat;
  tolerance?: number;
  failOnDrift: boolean;
}

/** Paths in argument order; a pattern expands to its matches, sorted. Unmatched patterns are kept as errors. */
function expandFiles(patterns: string[]): { path: string; unmatched?: boolean }[] {
  const seen = new Set<string>();
  const out: { path: string; unmatched?: boolean }[] = [];
  const add = (path: string, unmatched?: boolean) => {
    if (seen.has(path)) return;
    seen.add(path);
    out.push(unmatched ? { path, unmatched } : { path });
  };
  for (const pattern of patterns) {
    // An existing file whose name merely looks like a pattern (profile[1].yaml) is taken as is.
    if (pattern === "-" || !isDynamicPattern(pattern) || exists(pattern)) {
      add(pattern);
      continue;
    }
    // Matches are reported in the form the pattern was written in. An absolute pattern is
    // matched from its fixed leading directory: tinyglobby's own absolute mode works out a
    // relative path for every entry it meets, which took longer than checking the files.
    const { base, rest } = isAbsolute(pattern)
      ? splitFixedBase(pattern)
      : { base: "", rest: pattern };
    const matches = globSync(rest, {
      onlyFiles: true,
      expandDirectories: false,
      ...(base ? { cwd: base } : {}),
    })
      .map((match) => (base ? join(base, match) : match))
      .sort();
    if (matches.length === 0) add(pattern, true);
    for (const match of matches) add(match);
  }
  return out;
}

/** An absolute pattern as its leading directories without wildcards, and the pattern below them. */
function splitFixedBase(pattern: string): { base: string; rest: string } {
  const segments = pattern.split("/");
  let fixed = 0;
  while (fixed < segments.length - 1 && !isDynamicPattern(segments[fixed] as string)) fixed++;
  return {
    base: segments.slice(0, fixed).join("/") || "/",
    rest: segments.slice(fixed).join("/"),
  };
}

function strategyList(ruleBase: RuleBase): string {
  return ruleBase.strategies.map((s) => s.id).join(", ");
}

/** Reads and validates one profile for `check`, which also needs `chosen`. Throws InputError. */
async function loadForCheck(
  context: Context,
  ruleBase: RuleBase,
  path: string,
): Promise<LoadedProfile> {
  const input = context.readInput(path);
  const fix = `Run deploy-advisor recommend ${input.name} to see the ranking.`;
  let loaded: LoadedProfile;
  try {
    loaded = await parseProfile(ruleBase, input.name, input.text);
  } catch (error) {
    // The schema already names the bad id and its line; add how to find the right one.
    if (error instanceof InputError && error.diagnostics.some((d) => /^chosen:/.test(d.message)))
      throw new InputError(
        error.message,
        error.diagnostics,
        `Set chosen to one of the strategy ids. ${fix}`,
      );
    throw error;
  }
  if (loaded.profile.chosen === undefined) {
    throw new InputError(
      `${input.name}: no chosen strategy; check needs to know which one the project picked`,
      [
        {
          file: input.name,
          ...loaded.source.locate([]),
          severity: "error",
          message: "chosen: required by check, but missing",
        },
      ],
      `Add \`chosen: <id>\` (one of: ${strategyList(ruleBase)}). ${fix}`,
    );
  }
  return loaded;
}

function notFoundHint(path: string): string | undefined {
  if (path !== "deploy-advisor.yaml") return undefined;
  return "Name the profile to check (deploy-advisor check path/to/profile.yaml), or create one with: deploy-advisor ask --save deploy-advisor.yaml";
}

async function checkOne(
  context: Context,
  ruleBase: RuleBase,
  target: { path: string; unmatched?: boolean },
  options: CheckCommandOptions & { today: string },
): Promise<FileResult> {
  try {
    if (target.unmatched)
      throw new InputError(`${target.path}: no file matches this pattern`, [], undefined);
    const { profile, source } = await loadForCheck(context, ruleBase, target.path);
    const verdict = checkProfile(
      ruleBase,
      { ...profile, chosen: profile.chosen as string },
      {
        today: options.today,
        failOnDrift: options.failOnDrift,
        ...(options.tolerance !== undefined ? { tolerance: options.tolerance } : {}),
      },
    );
    return checkedFile(source.file, profile.project, verdict, source);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    const hint = error.hint ?? notFoundHint(target.path);
    const reported =
      hint === error.hint ? error : new InputError(error.message, error.diagnostics, hint);
    writeStderr(inputErrorLines(reported).join("\n"));
    return {
      file: target.path === "-" ? "<stdin>" : target.path,
      status: "error",
      error: {
        message: error.message,
        diagnostics: error.diagnostics,
        ...(hint ? { hint } : {}),
      },
    };
  }
}

/**
 * Checks each profile's `chosen` against the rule base (loaded once) and prints one report.
 * Returns 0 when all pass, 1 when any fails, 2 when any could not be checked (that wins).
 */
export async function runCheck(context: Context, options: CheckCommandOptions): Promise<number> {
  const ruleBase = context.ruleBase();
  const today = calendarDate(context.now());
  const targets = expandFiles(options.files);
  // One file at a time, in order: diagnostics on stderr follow the files' order.
  const results: FileResult[] = [];
  for (const target of targets)
    results.push(await checkOne(context, ruleBase, target, { ...options, today }));
  const run = checkRun(ruleBase.meta.rulesVersion, results);
  writeStdout(checkRenderers[options.format](run, context.style));
  if (run.summary.errors > 0) return ExitCode.usage;
  return run.summary.failed > 0 ? ExitCode.checkFailed : ExitCode.ok;
}
