// The commands that read user input, as tables the safety tests iterate: the fuzz tests, the
// limit tests and the no-network test all take their commands from here. A new command that
// reads a profile or a rule directory joins every one of those tests by one entry below.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Chalk } from "chalk";
import { runExplain } from "../../src/cli/commands/explain.js";
import { runRecommend } from "../../src/cli/commands/recommend.js";
import { runStrategies } from "../../src/cli/commands/strategies.js";
import type { Context } from "../../src/cli/context.js";
import type { RuleBase } from "../../src/rulebase/schema.js";

/** The repository root, wherever vitest runs from. */
export const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
/** A valid profile for the built-in rule base, used where a command needs one beside the input under test. */
export const exampleProfile = join(repoRoot, "examples", "stroke-triage-hybrid.yaml");
/** A small valid rule base (and a profile for it): cheap to mutate and reload thousands of times. */
export const miniRulesDir = join(repoRoot, "test", "fixtures", "mini-rules");
export const miniProfile = join(repoRoot, "test", "fixtures", "mini-profile.yaml");

/** A built-CLI invocation that reads a profile: from the path it is given, or piped to stdin. */
export interface ProfileInvocation {
  name: string;
  args(file: string): string[];
  /** The profile's bytes go to standard input instead of a path. */
  viaStdin?: boolean;
}

export const profileInvocations: readonly ProfileInvocation[] = [
  { name: "recommend FILE", args: (file) => ["recommend", file] },
  { name: "recommend FILE --format json", args: (file) => ["recommend", file, "-f", "json"] },
  { name: "recommend FILE --format markdown", args: (f) => ["recommend", f, "-f", "markdown"] },
  { name: "recommend - < FILE", args: () => ["recommend", "-"], viaStdin: true },
  { name: "deploy-advisor < FILE (bare)", args: () => [], viaStdin: true },
  { name: "recommend FILE --format html", args: (f) => ["recommend", f, "-f", "html"] },
  { name: "check FILE", args: (file) => ["check", file] },
  { name: "check FILE --format github", args: (f) => ["check", f, "-f", "github"] },
  { name: "check FILE --format junit", args: (f) => ["check", f, "-f", "junit"] },
  { name: "compare 3 4 FILE", args: (file) => ["compare", "3", "4", file] },
  { name: "adr FILE", args: (file) => ["adr", file] },
];

/** A built-CLI invocation that reads a rule base directory (--rules DIR). */
export interface RulesInvocation {
  name: string;
  args(dir: string): string[];
}

export const rulesInvocations: readonly RulesInvocation[] = [
  { name: "strategies --rules DIR", args: (dir) => ["strategies", "--rules", dir] },
  {
    name: "strategies -f json --rules DIR",
    args: (d) => ["strategies", "-f", "json", "--rules", d],
  },
  { name: "explain 1 --rules DIR", args: (dir) => ["explain", "1", "--rules", dir] },
  {
    name: "explain 2 -f json --rules DIR",
    args: (d) => ["explain", "2", "-f", "json", "--rules", d],
  },
  {
    name: "recommend PROFILE --rules DIR",
    args: (dir) => ["recommend", miniProfile, "--rules", dir],
  },
  {
    name: "recommend PROFILE -f markdown --rules DIR",
    args: (dir) => ["recommend", miniProfile, "-f", "markdown", "--rules", dir],
  },
  { name: "rules lint DIR", args: (dir) => ["rules", "lint", dir] },
  { name: "check PROFILE --rules DIR", args: (dir) => ["check", miniProfile, "--rules", dir] },
];

/** Every built-CLI run that should succeed on good input: the no-network test runs them all. */
export function everyInvocation(): { name: string; args: string[]; input?: string }[] {
  const rulesDir = join(repoRoot, "rules");
  return [
    { name: "--version", args: ["--version"] },
    { name: "--help", args: ["--help"] },
    { name: "recommend --help", args: ["recommend", "--help"] },
    ...profileInvocations.map((inv) => ({
      name: inv.name,
      args: inv.args(exampleProfile),
      ...(inv.viaStdin ? { input: readFileSync(exampleProfile, "utf8") } : {}),
    })),
    ...rulesInvocations.map((inv) => ({ name: inv.name, args: inv.args(miniRulesDir) })),
    { name: "strategies --rules rules/", args: ["strategies", "--rules", rulesDir] },
    { name: "strategies", args: ["strategies"] },
    ...[1, 2, 3, 4, 5, 6].map((n) => ({ name: `explain ${n}`, args: ["explain", String(n)] })),
  ];
}

/**
 * A command run in-process, through the same command module the CLI calls, on a context whose
 * input is the case under test. `reads` says which input the fuzz varies: a profile (with the
 * built-in rule base) or a rule base (with a profile that is valid for the mini rule base).
 */
export interface InProcessCommand {
  name: string;
  reads: "profile" | "rules";
  run(context: Context): number | Promise<number>;
}

export const inProcessCommands: readonly InProcessCommand[] = [
  ...(["text", "json", "markdown"] as const).flatMap((format) => [
    {
      name: `recommend --format ${format}`,
      reads: "profile" as const,
      run: (c: Context) => runRecommend(c, { file: "fuzz.yaml", format }),
    },
    {
      name: `recommend --format ${format} --rules`,
      reads: "rules" as const,
      run: (c: Context) => runRecommend(c, { file: "profile.yaml", format }),
    },
  ]),
  ...(["text", "json"] as const).flatMap((format) => [
    {
      name: `strategies --format ${format} --rules`,
      reads: "rules" as const,
      run: (c: Context) => runStrategies(c, { format }),
    },
    {
      name: `explain (every strategy) --format ${format} --rules`,
      reads: "rules" as const,
      run: (c: Context) => {
        for (const strategy of c.ruleBase().strategies)
          runExplain(c, { strategy: strategy.id, format });
        return 0;
      },
    },
  ]),
];

/** A context like the CLI's, reading `input` whatever path a command asks for. */
export function fuzzContext(ruleBase: RuleBase, input: { name: string; text: string }): Context {
  return {
    style: new Chalk({ level: 1 }),
    colorLevel: 1,
    ruleBase: () => ruleBase,
    rulesDir: () => "rules",
    readInput: () => input,
    now: () => new Date("2026-12-03T00:00:00Z"),
  };
}
