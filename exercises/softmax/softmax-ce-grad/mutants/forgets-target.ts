// expect: subtract the one-hot target
export function softmaxCrossEntropyGrad(z: number[], target: number): number[] {
  void target;
  const m = Math.max(...z);
  const e = z.map((zi) => Math.exp(zi - m));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((ei) => ei / sum);
}
