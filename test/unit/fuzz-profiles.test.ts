import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeText } from "../../src/cli/io.js";
import { readRuleDir } from "../../src/rulebase/read-dir.js";
import { expectCalmInProcess, prototypeSnapshot, silenceStdout } from "../helpers/calm.js";
import { fuzzContext, inProcessCommands, repoRoot } from "../helpers/hostile-commands.js";
import {
  FUZZ_RUNS,
  FUZZ_SEED,
  FUZZ_TIMEOUT_MS,
  profileCaseArb,
} from "../helpers/hostile-inputs.js";

// Hostile profiles through the same functions the CLI runs (decode, parse, validate, score,
// render), in-process so thousands of cases fit in a test run. The end-to-end fuzz test proves
// the exit codes and messages of the built CLI on a few hundred more.
describe(`fuzzed profiles, in-process (seed ${FUZZ_SEED})`, () => {
  const ruleBase = readRuleDir(`${repoRoot}/rules`);
  const commands = inProcessCommands.filter((c) => c.reads === "profile");

  silenceStdout();

  it(
    `${FUZZ_RUNS.profiles} profiles: only user errors, short messages, prototypes untouched`,
    () => {
      const before = prototypeSnapshot();
      let accepted = 0;
      fc.assert(
        fc.property(profileCaseArb(ruleBase), fc.constantFrom(...commands), (input, command) => {
          const outcome = expectCalmInProcess(() => {
            const text = decodeText("fuzz.yaml", input.bytes);
            command.run(fuzzContext(ruleBase, { name: "fuzz.yaml", text }));
          }, before);
          if (outcome === "ok") accepted++;
        }),
        { seed: FUZZ_SEED, numRuns: FUZZ_RUNS.profiles },
      );
      // The generator must reach the scoring and rendering code, not only the parser's errors.
      expect(accepted).toBeGreaterThan(FUZZ_RUNS.profiles / 20);
    },
    FUZZ_TIMEOUT_MS,
  );
});
