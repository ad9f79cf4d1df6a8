// expect: exp overflowed
export function logSumExp(z: number[]): number {
  // Shifting by the minimum protects against underflow only; a wide range still overflows.
  const lo = Math.min(...z);
  return lo + Math.log(z.reduce((s, zi) => s + Math.exp(zi - lo), 0));
}
