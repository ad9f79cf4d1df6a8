// expect: compute z − max − log Σ exp(z − max)
export function logSoftmax(z: number[]): number[] {
  const m = Math.max(...z);
  const e = z.map((zi) => Math.exp(zi - m));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((ei) => Math.log(ei / sum));
}
