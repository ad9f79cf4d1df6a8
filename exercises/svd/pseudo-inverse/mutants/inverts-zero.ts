// expect: must be treated as zero
import { svd } from "linalg";

// Inverts every singular value, zero or not.
export function pinv(A: number[][], rcond = 1e-12): number[][] {
  void rcond;
  const m = A.length;
  const n = A[0]?.length ?? 0;
  const { U, S, Vt } = svd(A);
  return Array.from({ length: n }, (_, i) =>
    Array.from({ length: m }, (_, j) => {
      let s = 0;
      for (let l = 0; l < S.length; l++) s += (Vt[l]![i]! * U[j]![l]!) / S[l]!;
      return s;
    }),
  );
}
