// The one file that imports @inquirer/prompts: it draws the questionnaire on stderr and reads
// keys, and knows nothing of branching (flow.ts) or of the loop (session.ts).
import { confirm, input, Separator, select } from "@inquirer/prompts";
import type { ChalkInstance } from "chalk";
import { Interrupted } from "../cli/errors.js";
import { UNSURE } from "../profile/values.js";
import { WIDTH, wrap } from "../report/layout.js";
import { choiceLabel } from "./flow.js";
import type { Prompter } from "./session.js";

/** Where the prompts draw: stderr, so a report on stdout can be redirected to a file. */
export interface PromptIO {
  output: NodeJS.WritableStream & { rows?: number };
  /** Colours honouring --no-color, NO_COLOR and FORCE_COLOR for the output stream. */
  style: ChalkInstance;
  /** Aborted by a SIGINT that arrives between prompts; the current or next prompt then stops. */
  signal?: AbortSignal;
}

const HELP = "\u0000help";
const DONE = "\u0000done";
// Starts with "?" so that typing ? in the list jumps straight to it (select's type-ahead).
const HELP_NAME = "? Why does this matter";

/** Builds the inquirer-backed Prompter. Ctrl-C (or a closed terminal) rejects with Interrupted. */
export function createPrompter(io: PromptIO): Prompter {
  const { style, output } = io;
  const write = (text: string) => output.write(text.endsWith("\n") ? text : `${text}\n`);
  const keysHelpTip = (keys: [string, string][]) =>
    keys.map(([key, action]) => `${style.bold(key)} ${style.dim(action)}`).join(style.dim(" · "));
  const theme = (keys?: [string, string][]) => ({
    prefix: { idle: style.blue("?"), done: style.green("✔") },
    style: {
      answer: (text: string) => style.cyan(text),
      message: (text: string) => style.bold(text),
      error: (text: string) => style.red(`> ${text}`),
      defaultAnswer: (text: string) => style.dim(`(${text})`),
      help: (text: string) => style.dim(text),
      highlight: (text: string) => style.cyan(text),
      key: (text: string) => style.cyan.bold(`<${text}>`),
      description: (text: string) => style.cyan(text),
      disabled: (text: string) => style.dim(text),
      keysHelpTip: (defaults: [string, string][]) => keysHelpTip(keys ?? defaults),
    },
  });
  // A list longer than the screen scrolls instead of pushing the question off the top.
  const pageSize = (items: number) =>
    Math.max(5, Math.min(items, (output.rows && output.rows > 0 ? output.rows : 24) - 8));
  // Every prompt is cleared when answered and replaced by a line of ours, wrapped between words.
  const context = { output, clearPromptOnDone: true, ...(io.signal ? { signal: io.signal } : {}) };
  const answered = (message: string, answer: string) => write(doneLine(message, answer, style));

  return {
    async question(question, { progress, default: preselected }) {
      const helpText = wrap(question.help, 2, undefined, WIDTH - 2);
      const choices = [
        ...question.choices.map((choice) => ({ name: choice.label, value: choice.value })),
        { name: choiceLabel(question, UNSURE), value: UNSURE },
        new Separator(style.dim("  ──────")),
        { name: HELP_NAME, value: HELP, description: helpText },
      ];
      const tag = `[${progress.position} of about ${progress.total}]`;
      const message = fitMessage(`${tag} ${question.prompt}`).replace(tag, style.dim(tag));
      for (;;) {
        const value = await interruptible(
          select(
            {
              message,
              choices,
              default: preselected,
              pageSize: pageSize(choices.length),
              loop: false,
              theme: theme([
                ["↑↓", "move"],
                ["⏎", "choose"],
                ["?", "why it matters"],
              ]),
            },
            context,
          ),
        );
        if (value !== HELP) {
          answered(question.prompt, choiceLabel(question, value));
          return value;
        }
        // Keep the explanation on screen above the question, which is asked again.
        write(`${style.bold(wrap(`Why it matters: ${question.prompt}`))}\n${helpText}\n`);
      }
    },

    async review(items) {
      const width = Math.max(8, ...items.map((item) => item.question.id.length));
      const valueWidth = Math.max(0, ...items.map((item) => item.value.length));
      // Pointer, two gaps and a margin: what is left of 80 columns for the label.
      const labelWidth = WIDTH - width - valueWidth - 10;
      const choices = [
        { name: "Continue: show the recommendation", value: DONE },
        new Separator(style.dim("  ── or choose an answer to change ──")),
        ...items.map((item) => ({
          name: `${item.question.id.padEnd(width)}  ${item.value.padEnd(valueWidth)}  ${style.dim(clip(item.label, labelWidth))}`,
          value: item.question.id,
          description: wrap(`${item.question.prompt} ${item.label}`, 2, undefined, WIDTH - 2),
        })),
      ];
      const answer = await interruptible(
        select(
          {
            message: fitMessage(`Review your ${items.length} answers`),
            choices,
            default: DONE,
            pageSize: pageSize(choices.length),
            loop: false,
            theme: theme([
              ["↑↓", "move"],
              ["⏎", "continue or change"],
              ["type", "jump to a question"],
            ]),
          },
          context,
        ),
      );
      return answer === DONE ? null : answer;
    },

    async chooseStrategy(ranking, { recommended, default: preselected }) {
      const width = Math.max(...ranking.map((r) => r.id.length));
      const message = "Which strategy does the project choose?";
      const chosen = await interruptible(
        select(
          {
            message: fitMessage(message),
            choices: ranking.map((entry) => ({
              name: `${entry.id.padEnd(width)}  ${entry.score.toFixed(1).padStart(5)}${entry.id === recommended ? "  (recommended)" : ""}`,
              value: entry.id,
              description: wrap(`${entry.name}. Saved as chosen.`, 2, undefined, WIDTH - 2),
            })),
            default: preselected,
            pageSize: pageSize(ranking.length),
            loop: false,
            theme: theme(),
          },
          context,
        ),
      );
      answered(message, chosen);
      return chosen;
    },

    async text(message, { default: suggestion, editable, required, onChange }) {
      // Typing starts on a line of its own below a long question, with room for a sentence.
      const long = message.length > WIDTH / 2 || message.length + (suggestion?.length ?? 0) > WIDTH;
      const value = await interruptible(
        input(
          {
            message: `${fitMessage(message)}${long ? "\n" : ""}`,
            ...(suggestion !== undefined ? { default: suggestion } : {}),
            ...(editable ? { prefill: "editable" as const } : {}),
            required: required ?? false,
            validate: (value: string) =>
              value.length <= 5000 || "Keep it under 5000 characters (a file can say more).",
            transformer: (value: string) => {
              onChange?.(value);
              return value;
            },
            theme: theme(),
          },
          context,
        ),
      );
      answered(message, value);
      return value;
    },

    async confirm(message, { default: yes }) {
      const value = await interruptible(
        confirm({ message: fitMessage(message), default: yes, theme: theme() }, context),
      );
      answered(message, value ? "Yes" : "No");
      return value;
    },

    notice(message) {
      write(style.yellow(wrap(message, 2, "! ")));
    },
  };
}

/** Turns inquirer's Ctrl-C, closed-terminal and abort rejections into the CLI's Interrupted. */
async function interruptible<T>(prompt: Promise<T>): Promise<T> {
  try {
    return await prompt;
  } catch (error) {
    if (
      error instanceof Error &&
      (error.name === "ExitPromptError" || error.name === "AbortPromptError")
    )
      throw new Interrupted();
    throw error;
  }
}

/** "✔ question answer", wrapped between words to the screen width, the answer kept whole. */
function doneLine(message: string, answer: string, style: ChalkInstance): string {
  const lines = wrap(message, 2, "  ").split("\n");
  const styled = lines.map(
    (line, i) => `${i === 0 ? style.green("✔") : " "} ${style.bold(line.slice(2))}`,
  );
  const last = lines[lines.length - 1] ?? "";
  if (last.length + 1 + answer.length <= WIDTH) {
    styled[styled.length - 1] += ` ${style.cyan(answer)}`;
  } else {
    for (const line of wrap(answer, 2).split("\n")) styled.push(style.cyan(line));
  }
  return styled.join("\n");
}

/** Word-wraps a prompt message to fit after inquirer's "? " prefix; inquirer itself would cut words. */
function fitMessage(message: string): string {
  return wrap(message, 2, "", WIDTH - 2);
}

function clip(text: string, width: number): string {
  if (width < 2) return "";
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}
