export function softmaxT(z: number[], T: number): number[] {
  // Scale first, then shift by the maximum of the scaled logits: with a small T, z/T is where the huge numbers are.
  const s = z.map((zi) => zi / T);
  const m = Math.max(...s);
  const e = s.map((si) => Math.exp(si - m));
  let sum = 0;
  for (const ei of e) sum += ei;
  return e.map((ei) => ei / sum);
}
