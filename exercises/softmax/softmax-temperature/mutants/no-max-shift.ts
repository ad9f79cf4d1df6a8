// expect: subtract max(z/T)
export function softmaxT(z: number[], T: number): number[] {
  const e = z.map((zi) => Math.exp(zi / T));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((ei) => ei / sum);
}
