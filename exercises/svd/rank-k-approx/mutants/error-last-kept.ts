// expect: last singular value you kept
import { svd } from "linalg";

// Takes σ_k, the last kept value, as the error.
export function rankKApprox(A: number[][], k: number): { Ak: number[][]; error: number; storage: number } {
  const m = A.length;
  const n = A[0]?.length ?? 0;
  const { U, S, Vt } = svd(A);
  const Ak = A.map((row, i) =>
    row.map((_, j) => {
      let s = 0;
      for (let l = 0; l < k; l++) s += U[i]![l]! * S[l]! * Vt[l]![j]!;
      return s;
    }),
  );
  const error = k > 0 ? S[k - 1]! : Math.hypot(...S);
  return { Ak, error, storage: k * (m + n + 1) };
}
