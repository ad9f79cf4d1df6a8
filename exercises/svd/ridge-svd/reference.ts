import { svd } from "linalg";

/** Ridge (Tikhonov) solution x = V diag(σ/(σ² + λ)) Uᵀb = argmin ‖Ax − b‖² + λ‖x‖². */
export function ridgeSolve(A: number[][], b: number[], lambda: number): number[] {
  const m = A.length;
  const n = A[0]?.length ?? 0;
  const { U, S, Vt } = svd(A);
  const x = new Array<number>(n).fill(0);
  for (let l = 0; l < S.length; l++) {
    const s = S[l]!;
    const d = s * s + lambda;
    // σ = 0 with λ = 0 is 0/0; σ/(σ² + λ) → 0 as λ → 0 at σ = 0, and that direction adds nothing to x. Rounding
    // leaves a "zero" σ near 1e−16·σ₁ rather than 0, so at λ = 0 anything below 1e−12·σ₁ counts as zero (pinv's rcond).
    if (d === 0 || (lambda === 0 && s <= 1e-12 * S[0]!)) continue;
    let ub = 0; // uₗᵀb
    for (let i = 0; i < m; i++) ub += U[i]![l]! * b[i]!;
    const c = (s / d) * ub;
    for (let j = 0; j < n; j++) x[j]! += c * Vt[l]![j]!;
  }
  return x;
}
