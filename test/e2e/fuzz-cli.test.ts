import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { readRuleDir } from "../../src/rulebase/read-dir.js";
import { ruleFiles } from "../../src/rulebase/schema.js";
import { CLI, type CliRun, expectCalm } from "../helpers/calm.js";
import {
  miniRulesDir,
  profileInvocations,
  repoRoot,
  rulesInvocations,
} from "../helpers/hostile-commands.js";
import {
  FUZZ_RUNS,
  FUZZ_SEED,
  FUZZ_TIMEOUT_MS,
  profileCaseArb,
  readRuleTexts,
  ruleCaseArb,
} from "../helpers/hostile-inputs.js";

// The in-process fuzz tests cover thousands of cases; these few hundred go through the built
// CLI to prove what only a real process shows: the exit code, and that stderr holds a short
// message and never a stack trace. Cases are sampled from the seeded generators and run two
// at a time; a failing case is saved so it can be replayed and added to the corpus.

const work = mkdtempSync(join(tmpdir(), "deploy-advisor-fuzz-"));
// Kept when a case fails, so the input can be replayed and copied into the corpus.
let keep = false;
afterAll(() => {
  if (!keep) rmSync(work, { recursive: true, force: true });
});

/** Asserts every run, keeping the inputs when one fails. */
function expectAllCalm(runs: { result: CliRun; where: string; label: string }[]): void {
  try {
    for (const { result, where, label } of runs)
      expectCalm(result, `${label}\n(input kept at ${where}; FUZZ_SEED=${FUZZ_SEED})`);
  } catch (error) {
    keep = true;
    throw error;
  }
}

function run(args: string[], input: Buffer | undefined): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, FORCE_COLOR: "0" };
    delete env.DEBUG;
    delete env.NODE_OPTIONS;
    const child = spawn(process.execPath, [CLI, ...args], { cwd: work, env, timeout: 60_000 });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
    child.on("error", reject);
    child.on("close", (status, signal) =>
      resolve({
        status,
        signal,
        stdout: Buffer.concat(out).toString("utf8"),
        stderr: Buffer.concat(err).toString("utf8"),
      }),
    );
    // A command refused before reading stdin closes it early: that is not a failure.
    child.stdin.on("error", () => {});
    child.stdin.end(input ?? "");
  });
}

/** Runs jobs with at most `width` at a time, in order of start. */
async function pool<T>(jobs: (() => Promise<T>)[], width: number): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const index = next++;
      results[index] = await (jobs[index] as () => Promise<T>)();
    }
  };
  await Promise.all(Array.from({ length: width }, worker));
  return results;
}

describe(`fuzzed input through the built CLI (seed ${FUZZ_SEED})`, () => {
  it(
    `${FUZZ_RUNS.cliProfiles} profiles: exit 0, 1 or 2, a short message, no stack trace`,
    async () => {
      const ruleBase = readRuleDir(join(repoRoot, "rules"));
      const cases = fc.sample(
        fc.tuple(profileCaseArb(ruleBase), fc.constantFrom(...profileInvocations)),
        { seed: FUZZ_SEED, numRuns: FUZZ_RUNS.cliProfiles },
      );
      const runs = await pool(
        cases.map(([input, invocation], index) => async () => {
          const file = join(work, `profile-${index}.yaml`);
          writeFileSync(file, input.bytes);
          const result = await run(
            invocation.args(file),
            invocation.viaStdin ? input.bytes : undefined,
          );
          const label = `case ${index}: ${invocation.name} on ${fc.stringify(input)}`;
          return { result, where: file, label };
        }),
        2,
      );
      expectAllCalm(runs);
      expect(runs.filter(({ result }) => result.status === 0).length).toBeGreaterThan(0);
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    `${FUZZ_RUNS.cliRules} rule bases: exit 0, 1 or 2, a short message, no stack trace`,
    async () => {
      const bases = [readRuleTexts(miniRulesDir), readRuleTexts(join(repoRoot, "rules"))];
      const cases = fc.sample(fc.tuple(ruleCaseArb(bases), fc.constantFrom(...rulesInvocations)), {
        seed: FUZZ_SEED,
        numRuns: FUZZ_RUNS.cliRules,
      });
      const runs = await pool(
        cases.map(([input, invocation], index) => async () => {
          const dir = join(work, `rules-${index}`);
          mkdirSync(dir);
          for (const [key, { file }] of Object.entries(ruleFiles))
            writeFileSync(join(dir, file), input.files[key as keyof typeof ruleFiles]);
          const result = await run(invocation.args(dir), undefined);
          const label = `case ${index}: ${invocation.name} on ${fc.stringify(input)}`;
          return { result, where: dir, label };
        }),
        2,
      );
      expectAllCalm(runs);
      expect(runs.filter(({ result }) => result.status === 0).length).toBeGreaterThan(0);
    },
    FUZZ_TIMEOUT_MS,
  );
});
