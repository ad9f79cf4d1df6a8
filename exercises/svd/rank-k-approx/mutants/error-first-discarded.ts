// expect: largest discarded singular value
import { svd } from "linalg";

// Reports σ_{k+1} alone (the spectral-norm error) instead of the Frobenius error of the whole tail.
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
  return { Ak, error: S[k] ?? 0, storage: k * (m + n + 1) };
}
