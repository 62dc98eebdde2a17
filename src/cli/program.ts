import { Argument, Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { expectedOneOf } from "../diagnostics.js";
import { writeStdout } from "../report/write.js";
import { type Context, createContext, type GlobalOptions } from "./context.js";
import { UsageError } from "./errors.js";
import { packageVersion } from "./package-info.js";

const DEFAULT_PROFILE = "deploy-advisor.yaml";

type Action = (context: Context) => number | Promise<number>;

/**
 * Wires the commands. Each action only turns flags into an options object and calls a command
 * module, imported lazily so that a run pays only for the command it uses.
 */
export function buildProgram(onAction: (action: Action, globals: GlobalOptions) => void): Command {
  const program = new Command("deploy-advisor");
  // Before any subcommand exists, so every subcommand inherits it: usage errors become exceptions.
  program.exitOverride();
  program
    .description(
      "Recommend a deployment strategy for medical imaging software and explain its HIPAA Business Associate implications.",
    )
    .version(packageVersion(), "-V, --version", "print the version")
    .helpOption("-h, --help", "show help")
    .option("--rules <dir>", "use the rule base in DIR instead of the built-in one")
    .option("--no-color", "never colour output (NO_COLOR and FORCE_COLOR are honoured too)")
    .showSuggestionAfterError(true)
    .configureOutput({
      writeErr: (s) => process.stderr.write(s),
      writeOut: writeStdout,
    })
    .addHelpText(
      "after",
      `
Examples:
  deploy-advisor                          ask on a terminal; read a piped profile otherwise
  deploy-advisor recommend profile.yaml   ranked, explained recommendation
  cat profile.yaml | deploy-advisor       the same, from standard input
  deploy-advisor ask --save FILE          the questionnaire, saving the profile to FILE
  deploy-advisor explain web-cloud        one strategy in full
  deploy-advisor compare native 5         two strategies side by side (add a profile)
  deploy-advisor adr profile.yaml         a decision record (MADR 4) to paste or --out
  deploy-advisor recommend profile.yaml --format html --out report.html
  deploy-advisor check --format github    CI: is each profile's chosen strategy still justified?
  deploy-advisor init                     write a profile template to fill in
  deploy-advisor rules lint my-rules      check a custom rule base

Exit codes: 0 done, 1 check failed, 2 usage or input error, 3 internal error, 130 interrupted.
Not legal advice: software cannot be HIPAA compliant, only organizations can.`,
    );

  const globals = (command: Command) => command.optsWithGlobals() as GlobalOptions;
  const format = <T extends readonly string[]>(choices: T, fallback: T[number]) =>
    new Option("-f, --format <format>", "output format").choices(choices).default(fallback);

  program
    .command("recommend")
    .description("rank the six strategies for a profile and explain the result")
    .argument(
      "[file]",
      `profile (YAML or JSON), or - for standard input (default: ${DEFAULT_PROFILE}, or stdin when piped)`,
    )
    .addOption(format(["text", "json", "markdown", "html"] as const, "text"))
    .option(
      "--record",
      "store this result as the profile's decision block (date, rule-base version, recommended, scores) for check's drift warning; rewrites FILE in place, keeping its comments and everything else",
    )
    .option("-o, --out <file>", "write the report to FILE instead of standard output")
    .option("--force", "replace the --out file if it exists")
    .action(
      (
        file: string | undefined,
        options: {
          format: "text" | "json" | "markdown" | "html";
          record?: boolean;
          out?: string;
          force?: boolean;
        },
        command: Command,
      ) => {
        onAction(async (context) => {
          const { runRecommend } = await import("./commands/recommend.js");
          return runRecommend(context, {
            // Recording updates a file, so it never falls back to standard input.
            file: file ?? (options.record ? DEFAULT_PROFILE : defaultProfileSource()),
            format: options.format,
            record: options.record === true,
            ...(options.out !== undefined
              ? { out: options.out, force: options.force === true }
              : {}),
          });
        }, globals(command));
      },
    );

  program
    .command("compare")
    .description(
      "two strategies side by side; with a profile, the points each factor gives one over the other",
    )
    .argument("<a>", "strategy id or number 1-6")
    .argument("<b>", "strategy id or number 1-6")
    .argument("[file]", "profile (YAML or JSON), or - for standard input")
    .addOption(format(["text", "json", "markdown"] as const, "text"))
    .action(
      (
        a: string,
        b: string,
        file: string | undefined,
        options: { format: "text" | "json" | "markdown" },
        command: Command,
      ) => {
        onAction(async (context) => {
          const { runCompare } = await import("./commands/compare.js");
          return runCompare(context, { a, b, ...(file ? { file } : {}), format: options.format });
        }, globals(command));
      },
    );

  program
    .command("adr")
    .description("write an architecture decision record (MADR 4) for a profile's deployment choice")
    .argument(
      "[file]",
      `profile (YAML or JSON), or - for standard input (default: ${DEFAULT_PROFILE}, or stdin when piped)`,
    )
    .option("-o, --out <file>", "write the record to FILE instead of standard output")
    .option("--force", "replace the --out file if it exists")
    .option("--decision-makers <names>", "who made the decision, for the front matter")
    .action(
      (
        file: string | undefined,
        options: { out?: string; force?: boolean; decisionMakers?: string },
        command: Command,
      ) => {
        onAction(async (context) => {
          const { runAdr } = await import("./commands/adr.js");
          return runAdr(context, {
            file: file ?? defaultProfileSource(),
            ...(options.out !== undefined
              ? { out: options.out, force: options.force === true }
              : {}),
            ...(options.decisionMakers ? { decisionMakers: options.decisionMakers } : {}),
          });
        }, globals(command));
      },
    );

  program
    .command("check")
    .description("CI check: is each profile's chosen strategy still justified by the rule base?")
    .argument(
      "[files...]",
      `profiles or glob patterns (quote them to let deploy-advisor expand them; default: ${DEFAULT_PROFILE})`,
    )
    .addOption(format(["text", "json", "github", "junit"] as const, "text"))
    .addOption(
      new Option(
        "--tolerance <points>",
        "points the chosen strategy may trail the best by (overrides the profile's tolerance; default 10)",
      ).argParser(parseTolerance),
    )
    .option("--fail-on-drift", "fail when the recorded decision no longer matches the rule base")
    .addHelpText(
      "after",
      `
Exit codes: 0 every profile passes, 1 any fails, 2 any could not be checked (input error; wins over 1).`,
    )
    .action(
      (
        files: string[],
        options: {
          format: "text" | "json" | "github" | "junit";
          tolerance?: number;
          failOnDrift?: boolean;
        },
        command: Command,
      ) => {
        onAction(async (context) => {
          const { runCheck } = await import("./commands/check.js");
          return runCheck(context, {
            files: files.length > 0 ? files : [DEFAULT_PROFILE],
            format: options.format,
            failOnDrift: options.failOnDrift === true,
            ...(options.tolerance !== undefined ? { tolerance: options.tolerance } : {}),
          });
        }, globals(command));
      },
    );

  program
    .command("explain")
    .description(
      "one strategy: advantages, disadvantages, Business Associate implications, compliance features",
    )
    .argument("<strategy>", "strategy id (see: deploy-advisor strategies) or its number 1-6")
    .addOption(format(["text", "json"] as const, "text"))
    .action((strategy: string, options: { format: "text" | "json" }, command: Command) => {
      onAction(async (context) => {
        const { runExplain } = await import("./commands/explain.js");
        return runExplain(context, { strategy, format: options.format });
      }, globals(command));
    });

  program
    .command("strategies")
    .description("list the six deployment strategies")
    .addOption(format(["text", "json"] as const, "text"))
    .action((options: { format: "text" | "json" }, command: Command) => {
      onAction(async (context) => {
        const { runStrategies } = await import("./commands/strategies.js");
        return runStrategies(context, { format: options.format });
      }, globals(command));
    });

  // Rule authoring and editor support: rules lint, rules test, schema, init.
  const rules = program
    .command("rules")
    .description("check a rule base: lint it, run its scenarios")
    .helpCommand(false);
  const rulesDirArgument = () =>
    new Argument(
      "[dir]",
      "rule base directory (default: --rules, else the package's built-in rules/)",
    );
  rules
    .command("lint")
    .description("find mistakes in a rule base beyond what loading catches; errors exit 1")
    .addArgument(rulesDirArgument())
    .addOption(format(["text", "json"] as const, "text"))
    .option("-v, --verbose", "show a profile that makes each strategy win")
    .action(
      (
        dir: string | undefined,
        options: { format: "text" | "json"; verbose?: boolean },
        command: Command,
      ) => {
        onAction(async (context) => {
          const { runRulesLint } = await import("./commands/rules-lint.js");
          return runRulesLint(context, {
            ...(dir !== undefined ? { dir } : {}),
            format: options.format,
            verbose: options.verbose === true,
          });
        }, globals(command));
      },
    );
  rules
    .command("test")
    .description("run the scenarios in DIR/scenarios/*.yaml; any failure exits 1")
    .addArgument(rulesDirArgument())
    .addOption(format(["text", "json"] as const, "text"))
    .action((dir: string | undefined, options: { format: "text" | "json" }, command: Command) => {
      onAction(async (context) => {
        const { runRulesTest } = await import("./commands/rules-test.js");
        return runRulesTest(context, {
          ...(dir !== undefined ? { dir } : {}),
          format: options.format,
        });
      }, globals(command));
    });

  program
    .command("schema")
    .description("print a JSON Schema (draft 2020-12) for editors and validators")
    .addArgument(
      new Argument("<kind>", "what the schema describes").choices(["profile", "rules", "scenario"]),
    )
    .addOption(
      new Option("--file <name>", "with rules: one rule file only").choices([
        "meta",
        "factors",
        "compliance",
        "strategies",
        "questions",
      ]),
    )
    .action(
      (
        kind: "profile" | "rules" | "scenario",
        options: { file?: "meta" | "factors" | "compliance" | "strategies" | "questions" },
        command: Command,
      ) => {
        if (options.file && kind !== "rules")
          throw new UsageError(
            `--file applies to "schema rules" only`,
            "See: deploy-advisor schema --help",
          );
        onAction(async (context) => {
          const { runSchema } = await import("./commands/schema.js");
          return runSchema(context, { kind, ...(options.file ? { file: options.file } : {}) });
        }, globals(command));
      },
    );

  program
    .command("init")
    .description("write a commented profile template to fill in")
    .argument("[file]", "where to write it", DEFAULT_PROFILE)
    .option("--force", "replace the file if it exists")
    .option(
      "--schema <ref>",
      "path or URL for the $schema line (default: the schema in the package)",
    )
    .action((file: string, options: { force?: boolean; schema?: string }, command: Command) => {
      const global = globals(command);
      onAction(async (context) => {
        const { runInit } = await import("./commands/init.js");
        return runInit(context, {
          file,
          force: options.force === true,
          ...(options.schema !== undefined ? { schema: options.schema } : {}),
          customRules: global.rules !== undefined,
        });
      }, global);
    });

  program
    .command("ask")
    .description("answer the questionnaire on a terminal, see the recommendation, save a profile")
    .option(
      "--save <file>",
      `write the profile here (otherwise you are offered ${DEFAULT_PROFILE})`,
    )
    .option("--from <file>", "resume from a partial profile: ask only what is missing or invalid")
    .option("--force", "replace the --save file without asking")
    .action((options: { save?: string; from?: string; force?: boolean }, command: Command) => {
      const { color, rules } = globals(command);
      onAction(async (context) => {
        const { runAsk } = await import("./commands/ask.js");
        return runAsk(context, {
          ...options,
          force: options.force ?? false,
          ...(color !== undefined ? { color } : {}),
          ...(rules !== undefined ? { rules } : {}),
        });
      }, globals(command));
    });

  // Bare `deploy-advisor`: the questionnaire on a terminal, `recommend -` for a piped profile.
  program.allowExcessArguments(true);
  program.action((_options: unknown, command: Command) => {
    const [first] = command.args;
    if (first !== undefined) {
      const names = program.commands.map((c) => c.name());
      throw new UsageError(
        `unknown command "${first}"; ${expectedOneOf(first, names)}`,
        "See: deploy-advisor --help",
      );
    }
    onAction(async (context) => {
      if (!process.stdin.isTTY) {
        const { runRecommend } = await import("./commands/recommend.js");
        return runRecommend(context, { file: "-", format: "text" });
      }
      const { runAsk } = await import("./commands/ask.js");
      const { color, rules } = globals(command);
      return runAsk(context, {
        force: false,
        ...(color !== undefined ? { color } : {}),
        ...(rules !== undefined ? { rules } : {}),
      });
    }, globals(command));
  });
  return program;
}

/** --tolerance: a number of score points, 0 to 100. */
function parseTolerance(value: string): number {
  const points = Number(value);
  if (value.trim() === "" || !Number.isFinite(points) || points < 0 || points > 100)
    throw new InvalidArgumentError("expected a number of points from 0 to 100");
  return points;
}

/** `recommend` without a file: stdin when something is piped in, else the project's profile. */
function defaultProfileSource(): string {
  return process.stdin.isTTY ? DEFAULT_PROFILE : "-";
}

/** Parses argv and runs the chosen command; returns its exit status. Usage errors become UsageError. */
export async function runProgram(argv: string[]): Promise<number> {
  let pending: { action: Action; globals: GlobalOptions } | undefined;
  const program = buildProgram((action, globals) => {
    pending = { action, globals };
  });
  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (
        error.code === "commander.helpDisplayed" ||
        error.code === "commander.version" ||
        error.code === "commander.help"
      ) {
        return 0;
      }
      // commander has already printed its message to stderr.
      throw new UsageError("", "See: deploy-advisor --help");
    }
    throw error;
  }
  if (!pending) return 0;
  return pending.action(await createContext(pending.globals));
}
