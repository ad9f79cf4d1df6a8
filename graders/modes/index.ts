import { checkStructure } from "../compare";
import { judgeAllclose } from "./allclose";
import { judgeGradcheck } from "./gradcheck";
import { judgeInvariant } from "./invariant";
import type { Judgement, ModeInput } from "./types";

export { gradcheckBand } from "./gradcheck";
export type { GradcheckBands, GradingMode, Judgement, ModeInput } from "./types";

/**
 * Judges one copied-out output. The structure (types, shapes, fields) is checked against the reference output first,
 * so every mode below works on data of a known shape. Throws only for faults of the exercise (a hook), never of
 * the learner.
 */
export function judgeOutput(input: ModeInput): Judgement {
  const issue = checkStructure(input.expected, input.got);
  if (issue) {
    const details = issue.expectedShape
      ? { index: issue.path, expectedShape: issue.expectedShape, ...(issue.gotShape ? { gotShape: issue.gotShape } : {}) }
      : { index: issue.path };
    return { status: "failed", kind: issue.kind, message: issue.message, details, structured: false };
  }
  switch (input.mode) {
    case "allclose":
    case "behavioral":
      return judgeAllclose(input);
    case "invariant":
      return judgeInvariant(input);
    case "gradcheck":
      return judgeGradcheck(input);
  }
}
