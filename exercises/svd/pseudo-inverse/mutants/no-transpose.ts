// expect: looks transposed
import { svd } from "linalg";

// Returns U Σ⁺ Vᵀ (m×n) instead of V Σ⁺ Uᵀ (n×m).
export function pinv(A: number[][], rcond = 1e-12): number[][] {
  const { U, S, Vt } = svd(A);
  const cutoff = rcond * (S[0] ?? 0);
  return A.map((row, i) =>
    row.map((_, j) => {
      let s = 0;
      for (let l = 0; l < S.length; l++) if (S[l]! > cutoff) s += (U[i]![l]! * Vt[l]![j]!) / S[l]!;
      return s;
    }),
  );
}
