// expect: You returned U Σ⁺ Vᵀ
import { svd } from "linalg";

// U Σ⁺ Vᵀ on square matrices, where no shape check can notice it (no-transpose.ts covers the non-square case,
// where the shape gives it away); proves that the diagnosis names the slip from the values alone.
export function pinv(A: number[][], rcond = 1e-12): number[][] {
  const m = A.length;
  const n = A[0]?.length ?? 0;
  const { U, S, Vt } = svd(A);
  const cutoff = rcond * (S[0] ?? 0);
  if (m !== n) {
    return Array.from({ length: n }, (_, i) =>
      Array.from({ length: m }, (_, j) => {
        let s = 0;
        for (let l = 0; l < S.length; l++) if (S[l]! > cutoff) s += (Vt[l]![i]! * U[j]![l]!) / S[l]!;
        return s;
      }),
    );
  }
  return A.map((row, i) =>
    row.map((_, j) => {
      let s = 0;
      for (let l = 0; l < S.length; l++) if (S[l]! > cutoff) s += (U[i]![l]! * Vt[l]![j]!) / S[l]!;
      return s;
    }),
  );
}
