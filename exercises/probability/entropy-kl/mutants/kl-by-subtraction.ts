// expect: cancels almost every digit
export function entropy(p: number[]): number {
  let h = 0;
  for (const pi of p) if (pi > 0) h -= pi * Math.log(pi);
  return h;
}
export function crossEntropyPQ(p: number[], q: number[]): number {
  let h = 0;
  for (let i = 0; i < p.length; i++) {
    if (p[i]! === 0) continue;
    if (q[i]! === 0) return Infinity;
    h -= p[i]! * Math.log(q[i]!);
  }
  return h;
}
/** KL(p‖q) = H(p, q) − H(p): right on paper. */
export function klDivergence(p: number[], q: number[]): number {
  return crossEntropyPQ(p, q) - entropy(p);
}
