/** A request to grade one piece of learner code. Plain data: it crosses the process boundary to a grader child. */
export interface GradeJob {
  exerciseId: string;
  code: string;
  /** Seed of the hidden cases; stored with the submission so the verdict can be reproduced. */
  seed: number;
  /** "submit": visible and hidden cases (a grade). "run": visible cases only (never a grade). */
  scope: "submit" | "run";
}
