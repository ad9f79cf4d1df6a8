// expect: including all of them when A = 0
import { svd } from "linalg";

// Drops only σ < rcond·σ₁: for the zero matrix the cut-off is 0, nothing is below it, and 1/0 appears.
export function pinv(A: number[][], rcond = 1e-12): number[][] {
  const m = A.length;
  const n = A[0]?.length ?? 0;
  const { U, S, Vt } = svd(A);
  const cutoff = rcond * (S[0] ?? 0);
  return Array.from({ length: n }, (_, i) =>
    Array.from({ length: m }, (_, j) => {
      let s = 0;
      for (let l = 0; l < S.length; l++) if (!(S[l]! < cutoff)) s += (Vt[l]![i]! * U[j]![l]!) / S[l]!;
      return s;
    }),
  );
}
