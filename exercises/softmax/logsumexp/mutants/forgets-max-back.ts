// expect: add max(z) back
export function logSumExp(z: number[]): number {
  const m = Math.max(...z);
  return Math.log(z.reduce((s, zi) => s + Math.exp(zi - m), 0));
}
