// expect: every logit
export function softmaxCrossEntropyGrad(z: number[], target: number): number[] {
  // Differentiates only −z_t + log s_t at the target entry and leaves the others at 0.
  const m = Math.max(...z);
  const e = z.map((zi) => Math.exp(zi - m));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((ei, i) => (i === target ? ei / sum - 1 : 0));
}
