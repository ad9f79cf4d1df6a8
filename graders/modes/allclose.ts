import { compareClose, mismatchFailure } from "../compare";
import { judgeProperties } from "./properties";
import { PASSED, type Judgement, type ModeInput } from "./types";

/** allclose and behavioral: the (driver's) output against the reference's, element by element, then any properties. */
export function judgeAllclose(input: ModeInput): Judgement {
  const report = compareClose(input.expected, input.got, input.tolerance);
  if (!report.ok) {
    const f = mismatchFailure(input.expected, input.got, input.tolerance, input.reveal);
    return { status: "failed", kind: f.kind, message: f.message, details: f.details, structured: true };
  }
  return judgeProperties(input) ?? { status: "passed", message: PASSED, structured: true };
}
