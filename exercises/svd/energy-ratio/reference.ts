/** Fraction of ‖A‖²_F kept by the best rank-k approximation: Σ_{i≤k} σᵢ² / Σ σᵢ². */
export function energyRatio(S: number[], k: number): number {
  // The ratio is scale-invariant, so divide by the largest σ first: squares of 1e200 would overflow to
  // Infinity (∞/∞ = NaN) and squares of 1e-200 would underflow to 0 (0/0 = NaN).
  let big = 0;
  for (const s of S) big = Math.max(big, Math.abs(s));
  let kept = 0;
  let total = 0;
  S.forEach((s, i) => {
    const e = (s / big) ** 2;
    total += e;
    if (i < k) kept += e; // 0-based: σ_1 … σ_k are S[0] … S[k − 1]
  });
  return kept / total;
}
