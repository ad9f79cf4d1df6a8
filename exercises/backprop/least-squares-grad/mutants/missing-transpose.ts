// expect: one entry per parameter
/**
 * f(θ) = ½‖Aθ − b‖². With the residual r = Aθ − b, df = rᵀ A dθ, so ∇f = Aᵀ r:
 * one entry per parameter θ_j, the correlation of column j of A with the residual.
 */
export function lsqGrad(A: number[][], theta: number[], b: number[]): number[] {
  const r = A.map((row, i) => row.reduce((s, a, j) => s + a * theta[j]!, 0) - b[i]!);
  return A.map((row) => row.reduce((s, a, k) => s + a * (r[k] ?? 0), 0));
}
