// expect: not 1
export function softmaxT(z: number[], T: number): number[] {
  // Applies the temperature to the probabilities instead of the logits, without renormalizing.
  const m = Math.max(...z);
  const e = z.map((zi) => Math.exp(zi - m));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((ei) => (ei / sum) ** (1 / T));
}
