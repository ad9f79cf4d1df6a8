// expect: not 1
export function softmax(z: number[]): number[] {
  const m = Math.max(...z);
  const sumZ = z.reduce((s, x) => s + x, 0);
  return z.map((zi) => Math.exp(zi - m) / sumZ);
}
