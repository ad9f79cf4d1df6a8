// expect: You returned KL(q‖p)
export function entropy(p: number[]): number {
  let h = 0;
  for (const pi of p) if (pi > 0) h -= pi * Math.log(pi);
  return h;
}
export function crossEntropyPQ(p: number[], q: number[]): number {
  let h = 0;
  for (let i = 0; i < p.length; i++) if (p[i]! > 0) h -= p[i]! * Math.log(q[i]!);
  return h;
}
/** Weights by q instead of p. */
export function klDivergence(p: number[], q: number[]): number {
  let kl = 0;
  for (let i = 0; i < p.length; i++) if (q[i]! > 0) kl += q[i]! * Math.log(q[i]! / p[i]!);
  return kl;
}
