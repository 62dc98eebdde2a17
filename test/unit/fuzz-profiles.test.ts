import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { decodeText } from "../../src/cli/io.js";
import { readRuleDir } from "../../src/rulebase/read-dir.js";
import { expectCalmInProcess, prototypeSnapshot } from "../helpers/calm.js";
import { fuzzContext, inProcessCommands, repoRoot } from "../helpers/hostile-commands.js";
import {
  FUZZ_RUNS,
  FUZZ_SEED,
  FUZZ_TIMEOUT_MS,
  profileCaseArb,
} from "../helpers/hostile-inputs.js";

// Commands print through writeStdout (straight to fd 1); here what they print is discarded.
vi.mock("../../src/report/write.js", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../../src/report/write.js")>()),
  writeStdout: () => {},
}));

// Hostile profiles through the same functions the CLI runs (decode, parse, validate, score,
// render), in-process so thousands of cases fit in a test run. The end-to-end fuzz test proves
// the exit codes and messages of the built CLI on a few hundred more.
describe(`fuzzed profiles, in-process (seed ${FUZZ_SEED})`, () => {
  const ruleBase = readRuleDir(`${repoRoot}/rules`);
  const commands = inProcessCommands.filter((c) => c.reads === "profile");

  it(
    `${FUZZ_RUNS.profiles} profiles: only user errors, short messages, prototypes untouched`,
    async () => {
      const before = prototypeSnapshot();
      let accepted = 0;
      await fc.assert(
        fc.asyncProperty(
          profileCaseArb(ruleBase),
          fc.constantFrom(...commands),
          async (input, command) => {
            const outcome = await expectCalmInProcess(() => {
              const text = decodeText("fuzz.yaml", input.bytes);
              return command.run(fuzzContext(ruleBase, { name: "fuzz.yaml", text }));
            }, before);
            if (outcome === "ok") accepted++;
          },
        ),
        { seed: FUZZ_SEED, numRuns: FUZZ_RUNS.profiles },
      );
      // The generator must reach the scoring and rendering code, not only the parser's errors.
      expect(accepted).toBeGreaterThan(FUZZ_RUNS.profiles / 20);
    },
    FUZZ_TIMEOUT_MS,
  );
});
