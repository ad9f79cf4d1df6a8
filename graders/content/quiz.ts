import type { LocalizedText } from "../text";
import type { Rng } from "./rng";

export interface QuizChoice {
  /** Stable id within the item, e.g. "a". */
  id: string;
  text: LocalizedText;
}

interface QuizItemBase {
  /** Globally unique, stable id, e.g. "softmax-temperature-limits". */
  id: string;
  /** Markdown with KaTeX; param-numeric prompts use {{name}} placeholders for their parameters. */
  prompt: LocalizedText;
  /** One or two sentences shown after every answer, right or wrong. */
  explanation: LocalizedText;
}

export interface SingleChoiceItem extends QuizItemBase {
  type: "single";
  choices: QuizChoice[];
  answer: string;
}

export interface MultiSelectItem extends QuizItemBase {
  type: "multi";
  choices: QuizChoice[];
  /** Every correct choice id; an answer is right when it selects exactly these. */
  answer: string[];
}

export interface NumericTolerance {
  /** |given − answer| ≤ abs + rel·|answer| */
  abs?: number;
  rel?: number;
}

export interface NumericItem extends QuizItemBase {
  type: "numeric";
  answer: number;
  tolerance: NumericTolerance;
}

export type QuizParams = Record<string, number | number[] | number[][]>;

export interface ParamNumericItem extends QuizItemBase {
  type: "param-numeric";
  /** Draws this learner's parameters; the prompt shows them through {{name}}. */
  params: (rng: Rng) => QuizParams;
  /** The answer for the given parameters. */
  answer: (p: QuizParams) => number;
  /** A second, independent computation of the answer; tests compare both for 100 seeds. */
  verify: (p: QuizParams) => number;
  tolerance: NumericTolerance;
}

export type QuizItem = SingleChoiceItem | MultiSelectItem | NumericItem | ParamNumericItem;

/** The default export of exercises/<topic>/quiz.ts, in the order learners meet the items. */
export function defineQuiz(items: QuizItem[]): QuizItem[] {
  return items;
}
