import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { decodeText } from "../../src/cli/io.js";
import { loadRuleBase, type RuleFileKey, type RuleTexts } from "../../src/rulebase/load.js";
import { ruleFiles } from "../../src/rulebase/schema.js";
import { expectCalmInProcess, prototypeSnapshot } from "../helpers/calm.js";
import {
  fuzzContext,
  inProcessCommands,
  miniProfile,
  miniRulesDir,
  repoRoot,
} from "../helpers/hostile-commands.js";
import {
  FUZZ_RUNS,
  FUZZ_SEED,
  FUZZ_TIMEOUT_MS,
  readRuleTexts,
  ruleCaseArb,
} from "../helpers/hostile-inputs.js";

// Commands print through writeStdout (straight to fd 1); here what they print is discarded.
vi.mock("../../src/report/write.js", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../../src/report/write.js")>()),
  writeStdout: () => {},
}));

// Hostile rule bases through the loader the CLI uses for --rules, then every command that
// reads a rule base. Most cases damage the small mini rule base, which loads in a few
// milliseconds; one in twenty damages the real rules/.
describe(`fuzzed rule bases, in-process (seed ${FUZZ_SEED})`, () => {
  const bases = [readRuleTexts(miniRulesDir), readRuleTexts(`${repoRoot}/rules`)];
  const commands = inProcessCommands.filter((c) => c.reads === "rules");
  const profile = { name: "profile.yaml", text: readFileSync(miniProfile, "utf8") };

  it(
    `${FUZZ_RUNS.rules} rule bases: only user errors, short messages, prototypes untouched`,
    async () => {
      const before = prototypeSnapshot();
      let loaded = 0;
      await fc.assert(
        fc.asyncProperty(
          ruleCaseArb(bases),
          fc.constantFrom(...commands),
          async (input, command) => {
            await expectCalmInProcess(() => {
              const texts = {} as RuleTexts;
              for (const key of Object.keys(ruleFiles) as RuleFileKey[]) {
                const path = `rules/${ruleFiles[key].file}`;
                texts[key] = { path, text: decodeText(path, input.files[key]) };
              }
              const ruleBase = loadRuleBase(texts);
              loaded++;
              return command.run(fuzzContext(ruleBase, profile));
            }, before);
          },
        ),
        { seed: FUZZ_SEED, numRuns: FUZZ_RUNS.rules },
      );
      // Some damaged rule bases must still load, so the engine and renderers see odd but valid data.
      expect(loaded).toBeGreaterThan(FUZZ_RUNS.rules / 20);
    },
    FUZZ_TIMEOUT_MS,
  );
});
