import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { decodeText } from "../../src/cli/io.js";
import { readRuleDir } from "../../src/rulebase/read-dir.js";
import { expectCalm, expectCalmInProcess, runCli } from "../helpers/calm.js";
import {
  fuzzContext,
  inProcessCommands,
  miniProfile,
  miniRulesDir,
  profileInvocations,
  repoRoot,
  rulesInvocations,
} from "../helpers/hostile-commands.js";

// Commands print through writeStdout (straight to fd 1); here what they print is discarded.
vi.mock("../../src/report/write.js", async (importOriginal) => ({
  ...(await importOriginal<typeof import("../../src/report/write.js")>()),
  writeStdout: () => {},
}));

// Every input that once broke the tool (see test/fixtures/fuzz-corpus/README.md), replayed on
// every run: in-process through every command that reads that kind of input, and through the
// built CLI, each file with one invocation in turn so all of them get used.
const corpus = join(repoRoot, "test", "fixtures", "fuzz-corpus");
const profiles = readdirSync(join(corpus, "profiles")).sort();
const ruleCases = readdirSync(join(corpus, "rules")).sort();
const work = mkdtempSync(join(tmpdir(), "deploy-advisor-corpus-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A copy of the mini rule base with the corpus case's files laid over it. */
function ruleDirFor(name: string): string {
  const dir = join(work, name);
  cpSync(miniRulesDir, dir, { recursive: true });
  cpSync(join(corpus, "rules", name), dir, { recursive: true });
  return dir;
}

describe("fuzz corpus", () => {
  it("holds profiles and rule bases to replay", () => {
    expect(profiles.length).toBeGreaterThan(0);
    expect(ruleCases.length).toBeGreaterThan(0);
  });

  const ruleBase = readRuleDir(join(repoRoot, "rules"));
  describe.each(profiles.map((name, index) => ({ name, index })))(
    "profiles/$name",
    ({ name, index }) => {
      const path = join(corpus, "profiles", name);
      const bytes = readFileSync(path);

      it.each(inProcessCommands.filter((c) => c.reads === "profile"))(
        "in-process: $name",
        async (command) => {
          await expectCalmInProcess(() =>
            command.run(fuzzContext(ruleBase, { name, text: decodeText(name, bytes) })),
          );
        },
      );

      const invocation = profileInvocations[index % profileInvocations.length];
      it(`built CLI: ${invocation?.name}`, () => {
        if (!invocation) throw new Error("no profile invocations");
        const run = runCli(invocation.args(path), invocation.viaStdin ? { input: bytes } : {});
        expectCalm(run, `${invocation.name} on corpus file ${name}`);
      });
    },
  );

  describe.each(ruleCases.map((name, index) => ({ name, index })))(
    "rules/$name",
    ({ name, index }) => {
      it.each(inProcessCommands.filter((c) => c.reads === "rules"))(
        "in-process: $name",
        async (command) => {
          const profile = { name: "profile.yaml", text: readFileSync(miniProfile, "utf8") };
          await expectCalmInProcess(() =>
            command.run(fuzzContext(readRuleDir(ruleDirFor(name)), profile)),
          );
        },
      );

      const invocation = rulesInvocations[index % rulesInvocations.length];
      it(`built CLI: ${invocation?.name}`, () => {
        if (!invocation) throw new Error("no rules invocations");
        expectCalm(runCli(invocation.args(ruleDirFor(name))), `${invocation.name} on ${name}`);
      });
    },
  );
});
