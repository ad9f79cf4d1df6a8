// expect: subtract max(z) first
export function softmax(z: number[]): number[] {
  const e = z.map((zi) => Math.exp(zi));
  const sum = e.reduce((s, x) => s + x, 0);
  return e.map((x) => x / sum);
}
