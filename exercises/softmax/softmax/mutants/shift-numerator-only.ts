// expect: not 1
export function softmax(z: number[]): number[] {
  const m = Math.max(...z);
  const sum = z.reduce((s, x) => s + Math.exp(x), 0);
  return z.map((zi) => Math.exp(zi - m) / sum);
}
