// expect: exactly k terms are kept
import { svd } from "linalg";

// Off by one: the loop runs l = 0 … k and keeps k + 1 singular triplets.
export function rankKApprox(A: number[][], k: number): { Ak: number[][]; error: number; storage: number } {
  const m = A.length;
  const n = A[0]?.length ?? 0;
  const { U, S, Vt } = svd(A);
  const Ak = A.map((row, i) =>
    row.map((_, j) => {
      let s = 0;
      for (let l = 0; l <= k && l < S.length; l++) s += U[i]![l]! * S[l]! * Vt[l]![j]!;
      return s;
    }),
  );
  return { Ak, error: Math.hypot(...S.slice(k)), storage: k * (m + n + 1) };
}
