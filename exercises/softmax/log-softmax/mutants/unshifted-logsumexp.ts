// expect: exp overflowed
export function logSoftmax(z: number[]): number[] {
  const logSum = Math.log(z.reduce((s, zi) => s + Math.exp(zi), 0));
  return z.map((zi) => zi - logSum);
}
