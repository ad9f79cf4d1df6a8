// expect: subtract max(z)
export function softmaxCrossEntropyGrad(z: number[], target: number): number[] {
  const e = z.map((zi) => Math.exp(zi));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((ei, i) => ei / sum - (i === target ? 1 : 0));
}
