export function softmax(z: number[]): number[] {
  // Softmax is unchanged by adding a constant to every logit. Subtracting the maximum makes the largest
  // exponent exactly 0: nothing overflows, and the denominator is at least 1, so it cannot underflow to 0.
  const m = Math.max(...z);
  const e = z.map((zi) => Math.exp(zi - m));
  let sum = 0;
  for (const ei of e) sum += ei;
  return e.map((ei) => ei / sum);
}
