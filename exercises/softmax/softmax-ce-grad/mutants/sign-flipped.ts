// expect: sign is flipped
export function softmaxCrossEntropyGrad(z: number[], target: number): number[] {
  const m = Math.max(...z);
  const e = z.map((zi) => Math.exp(zi - m));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((ei, i) => (i === target ? 1 : 0) - ei / sum);
}
