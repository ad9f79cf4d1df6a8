// expect: The squares overflowed or underflowed
// Squares without scaling: NaN for σ ≈ 1e200 (∞/∞) and for σ ≈ 1e-200 (0/0).
export function energyRatio(S: number[], k: number): number {
  let kept = 0;
  let total = 0;
  S.forEach((s, i) => {
    total += s * s;
    if (i < k) kept += s * s;
  });
  return kept / total;
}
