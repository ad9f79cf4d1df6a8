// expect: You added σᵢ, not σᵢ²
// Adds the singular values themselves instead of their squares.
export function energyRatio(S: number[], k: number): number {
  const big = Math.max(...S);
  let kept = 0;
  let total = 0;
  S.forEach((s, i) => {
    total += s / big;
    if (i < k) kept += s / big;
  });
  return kept / total;
}
