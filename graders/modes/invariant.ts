import { findNonFinite, nonFiniteMessage } from "../compare";
import { judgeProperties } from "./properties";
import { PASSED, type Judgement, type ModeInput } from "./types";

/**
 * invariant: the answer is unique only up to sign or rotation, so the exercise's properties decide (reconstruction,
 * orthonormality, ...). A NaN or Infinity where the reference has none fails first, with its location.
 */
export function judgeInvariant(input: ModeInput): Judgement {
  if (!input.check) throw new Error("invariant mode needs a check() hook in cases.ts");
  const nf = findNonFinite(input.got);
  if (nf && !findNonFinite(input.expected)) {
    return { status: "failed", kind: "non-finite", message: nonFiniteMessage(nf.path, nf.value), details: { index: nf.path }, structured: true };
  }
  return judgeProperties(input) ?? { status: "passed", message: PASSED, structured: true };
}
