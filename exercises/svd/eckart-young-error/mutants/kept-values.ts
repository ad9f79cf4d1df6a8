// expect: You summed the kept singular values
// Takes the norm of the kept values instead of the discarded ones.
export function lowRankError(S: number[], k: number): number {
  return Math.hypot(...S.slice(0, k));
}
