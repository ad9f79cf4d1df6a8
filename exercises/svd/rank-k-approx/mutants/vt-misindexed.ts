// expect: its rows are the vₗ
import { svd } from "linalg";

// Reads Vt as if it were V: takes column l of Vt instead of row l.
export function rankKApprox(A: number[][], k: number): { Ak: number[][]; error: number; storage: number } {
  const m = A.length;
  const n = A[0]?.length ?? 0;
  const { U, S, Vt } = svd(A);
  const Ak = A.map((row, i) =>
    row.map((_, j) => {
      let s = 0;
      for (let l = 0; l < k; l++) s += U[i]![l]! * S[l]! * (Vt[j]?.[l] ?? 0);
      return s;
    }),
  );
  return { Ak, error: Math.hypot(...S.slice(k)), storage: k * (m + n + 1) };
}
