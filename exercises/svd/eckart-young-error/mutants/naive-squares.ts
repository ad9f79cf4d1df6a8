// expect: overflowed to Infinity
// Squares without scaling: right for ordinary values, Infinity for σ ≈ 1e200 and 0 for σ ≈ 1e-200.
export function lowRankError(S: number[], k: number): number {
  let sum = 0;
  for (let i = k; i < S.length; i++) sum += S[i]! * S[i]!;
  return Math.sqrt(sum);
}
