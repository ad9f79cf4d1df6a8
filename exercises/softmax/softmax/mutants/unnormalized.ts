// expect: not 1
export function softmax(z: number[]): number[] {
  const m = Math.max(...z);
  return z.map((zi) => Math.exp(zi - m));
}
