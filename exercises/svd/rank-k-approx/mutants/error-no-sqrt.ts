// expect: without the square root
import { svd } from "linalg";

// Sums the squares of the discarded singular values but forgets the square root.
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
  let error = 0;
  for (let i = k; i < S.length; i++) error += S[i]! * S[i]!;
  return { Ak, error, storage: k * (m + n + 1) };
}
