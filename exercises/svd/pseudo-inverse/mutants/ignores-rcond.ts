// expect: replaces the default
import { svd } from "linalg";

// Always uses the default cut-off, whatever rcond the caller passes.
export function pinv(A: number[][]): number[][] {
  const m = A.length;
  const n = A[0]?.length ?? 0;
  const { U, S, Vt } = svd(A);
  const cutoff = 1e-12 * (S[0] ?? 0);
  return Array.from({ length: n }, (_, i) =>
    Array.from({ length: m }, (_, j) => {
      let s = 0;
      for (let l = 0; l < S.length; l++) if (S[l]! > cutoff) s += (Vt[l]![i]! * U[j]![l]!) / S[l]!;
      return s;
    }),
  );
}
