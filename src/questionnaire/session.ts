// The questionnaire loop: ask what is missing, review, change, repeat. It talks to the person only
// through a Prompter, so it runs the same with inquirer in a terminal and with a script in tests.
import type { RankedStrategy } from "../engine/types.js";
import type { Question, RuleBase } from "../rulebase/schema.js";
import {
  defaultChoice,
  nextQuestion,
  type Progress,
  progress,
  type RawAnswers,
  type ReviewItem,
  reviewItems,
  setAnswer,
} from "./flow.js";

/** Everything the questionnaire needs from a terminal. Each method rejects with Interrupted on Ctrl-C. */
export interface Prompter {
  /** Asks one question with the given value preselected; resolves to a choice value or "unsure". */
  question(question: Question, options: { progress: Progress; default: string }): Promise<string>;
  /** Shows every answer; resolves to the question id to change, or null to go on. */
  review(items: ReviewItem[]): Promise<string | null>;
  /** Asks which strategy to record as chosen, among those ranked. */
  chooseStrategy(
    ranking: RankedStrategy[],
    options: { recommended: string; default: string },
  ): Promise<string>;
  /**
   * Asks for a line of text. With `editable` the default is put in the line to edit rather than
   * offered for Enter; `onChange` sees every keystroke so nothing typed is lost on Ctrl-C.
   */
  text(
    message: string,
    options: {
      default?: string;
      editable?: boolean;
      required?: boolean;
      onChange?: (value: string) => void;
    },
  ): Promise<string>;
  /** Asks yes or no. */
  confirm(message: string, options: { default: boolean }): Promise<boolean>;
  /** Tells the person something without asking. */
  notice(message: string): void;
}

/** Mutable so that whoever catches an interruption can save the answers given so far. */
export interface QuestionnaireState {
  answers: RawAnswers;
  /** Values to preselect for questions not answered yet, e.g. the fix for a typo in a resumed file. */
  hints?: RawAnswers;
}

/**
 * Asks every applicable question without an answer, then shows the review screen until the person
 * goes on. A changed answer re-evaluates branching: answers that no longer apply are dropped (and
 * the person is told), and questions that now apply are asked before the review comes back.
 */
export async function runQuestionnaire(
  ruleBase: RuleBase,
  state: QuestionnaireState,
  prompter: Prompter,
): Promise<RawAnswers> {
  const ask = async (question: Question) => {
    const value = await prompter.question(question, {
      progress: progress(ruleBase, state.answers, question.id),
      default: defaultChoice(question, state.answers, state.hints),
    });
    const { answers, dropped } = setAnswer(ruleBase, state.answers, question.id, value);
    state.answers = answers;
    if (dropped.length > 0) {
      prompter.notice(
        dropped.length === 1
          ? `Dropped the answer to ${dropped[0]}: the question no longer applies after this change.`
          : `Dropped the answers to ${dropped.join(", ")}: these questions no longer apply after this change.`,
      );
    }
  };
  for (;;) {
    for (
      let q = nextQuestion(ruleBase, state.answers);
      q;
      q = nextQuestion(ruleBase, state.answers)
    )
      await ask(q);
    const change = await prompter.review(reviewItems(ruleBase, state.answers));
    if (change === null) return state.answers;
    const question = ruleBase.questions.find((q) => q.id === change);
    if (question) await ask(question);
  }
}
