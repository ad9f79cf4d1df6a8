import { svd } from "linalg";

/** Minimum-norm least-squares solution x = A⁺b = Σ_{σᵢ > τ} (uᵢᵀb / σᵢ) vᵢ, with τ = 1e-12·σ₁. */
export function lstsq(A: number[][], b: number[]): number[] {
  const m = A.length;
  const n = A[0]?.length ?? 0;
  const { U, S, Vt } = svd(A);
  // Below τ a singular value is rounding noise; dividing by it would add a huge null-space component to x.
  const tau = 1e-12 * (S[0] ?? 0);
  const x = new Array<number>(n).fill(0);
  for (let l = 0; l < S.length; l++) {
    const s = S[l]!;
    if (!(s > tau)) continue;
    let ub = 0; // uₗᵀb
    for (let i = 0; i < m; i++) ub += U[i]![l]! * b[i]!;
    const c = ub / s;
    for (let j = 0; j < n; j++) x[j]! += c * Vt[l]![j]!; // the rows of Vt are the vₗ
  }
  return x;
}
