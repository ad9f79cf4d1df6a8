// expect: raised to the power 1/T and renormalised
export function softmaxT(z: number[], T: number): number[] {
  // Computes softmax(z) safely, then sharpens or flattens the probabilities: p^(1/T) / Σ p^(1/T).
  const m = Math.max(...z);
  const e = z.map((zi) => Math.exp(zi - m));
  const sum = e.reduce((a, b) => a + b, 0);
  const q = e.map((ei) => (ei / sum) ** (1 / T));
  const qs = q.reduce((a, b) => a + b, 0);
  return q.map((x) => x / qs);
}
