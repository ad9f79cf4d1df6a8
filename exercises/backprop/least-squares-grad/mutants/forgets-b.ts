// expect: the − b of the residual Aθ − b is missing
/**
 * f(θ) = ½‖Aθ − b‖². With the residual r = Aθ − b, df = rᵀ A dθ, so ∇f = Aᵀ r:
 * one entry per parameter θ_j, the correlation of column j of A with the residual.
 */
export function lsqGrad(A: number[][], theta: number[], b: number[]): number[] {
  const r = A.map((row, i) => row.reduce((s, a, j) => s + a * theta[j]!, 0));
  return theta.map((_, j) => A.reduce((s, row, i) => s + row[j]! * r[i]!, 0));
}
