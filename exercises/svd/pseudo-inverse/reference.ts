import { svd } from "linalg";

/** Moore–Penrose pseudo-inverse A⁺ = V Σ⁺ Uᵀ, with σ ≤ rcond·σ₁ treated as zero. */
export function pinv(A: number[][], rcond = 1e-12): number[][] {
  const m = A.length;
  const n = A[0]?.length ?? 0;
  const { U, S, Vt } = svd(A);

  // The cut-off is relative to σ₁: rank is a property of the matrix, not of its units. Below it, σ is rounding
  // noise, and 1/σ would amplify that noise to 1e16. For the zero matrix the cut-off is 0 and every σ ≤ 0 drops.
  const cutoff = rcond * (S[0] ?? 0);
  const sInv = S.map((s) => (s > cutoff ? 1 / s : 0));

  // X = V Σ⁺ Uᵀ is n×m: X[i][j] = Σ_l V[i][l] · σ_l⁺ · U[j][l], and V[i][l] = Vt[l][i].
  return Array.from({ length: n }, (_, i) =>
    Array.from({ length: m }, (_, j) => {
      let s = 0;
      for (let l = 0; l < S.length; l++) if (sInv[l] !== 0) s += Vt[l]![i]! * sInv[l]! * U[j]![l]!;
      return s;
    }),
  );
}
