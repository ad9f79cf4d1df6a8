// expect: exp overflowed
export function logSumExp(z: number[]): number {
  return Math.log(z.reduce((s, zi) => s + Math.exp(zi), 0));
}
