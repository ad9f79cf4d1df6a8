/** The authoring kit: what an exercise's cases.ts and a topic's quiz.ts may import. */
export { defineCases } from "./cases";
export type {
  CheckContext, ConditionalHint, DiagnoseContext, ExerciseCases, HiddenClass, PropertyResult, Tolerance, VisibleCase,
} from "./cases";
export { defineQuiz } from "./quiz";
export type { QuizChoice, QuizItem, QuizParams, NumericTolerance } from "./quiz";
export { createRng } from "./rng";
export type { Rng } from "./rng";
export { centralDiff, centralDiffMatrix, gradientRelativeError } from "./finite-difference";
export { analyticGradient, withAnalyticGradient } from "./analytic-gradient";
export type { AnalyticGradientRule } from "./analytic-gradient";
export { text } from "../text";
export type { LocalizedText } from "../text";
