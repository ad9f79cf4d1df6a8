// expect: not 1
export function logSoftmax(z: number[]): number[] {
  // Uses log Σ exp(z − m) but forgets to subtract m itself.
  const m = Math.max(...z);
  const logSum = Math.log(z.reduce((s, zi) => s + Math.exp(zi - m), 0));
  return z.map((zi) => zi - logSum);
}
