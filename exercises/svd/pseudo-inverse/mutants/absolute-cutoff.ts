// expect: The cut-off is relative
import { svd } from "linalg";

// Compares σ with rcond itself, not with rcond·σ₁: a small but healthy matrix is treated as zero.
export function pinv(A: number[][], rcond = 1e-12): number[][] {
  const m = A.length;
  const n = A[0]?.length ?? 0;
  const { U, S, Vt } = svd(A);
  return Array.from({ length: n }, (_, i) =>
    Array.from({ length: m }, (_, j) => {
      let s = 0;
      for (let l = 0; l < S.length; l++) if (S[l]! > rcond) s += (Vt[l]![i]! * U[j]![l]!) / S[l]!;
      return s;
    }),
  );
}
