// expect: one index too early
// Mixes 1-based maths with 0-based arrays: starts the tail at S[k − 1] = σ_k, which is kept.
export function lowRankError(S: number[], k: number): number {
  return Math.hypot(...S.slice(Math.max(k - 1, 0)));
}
