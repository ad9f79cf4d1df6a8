// expect: divide the logits by T
export function softmaxT(z: number[], T: number): number[] {
  const s = z.map((zi) => zi * T);
  const m = Math.max(...s);
  const e = s.map((si) => Math.exp(si - m));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((ei) => ei / sum);
}
