// expect: in bits (log base 2)
export function entropy(p: number[]): number {
  let h = 0;
  for (const pi of p) if (pi > 0) h -= pi * Math.log2(pi);
  return h;
}
export function crossEntropyPQ(p: number[], q: number[]): number {
  let h = 0;
  for (let i = 0; i < p.length; i++) if (p[i]! > 0) h -= p[i]! * Math.log2(q[i]!);
  return h;
}
export function klDivergence(p: number[], q: number[]): number {
  let kl = 0;
  for (let i = 0; i < p.length; i++) if (p[i]! > 0) kl += p[i]! * Math.log2(p[i]! / q[i]!);
  return kl;
}
