// expect: 0 · log 0
export function entropy(p: number[]): number {
  return -p.reduce((h, pi) => h + pi * Math.log(pi), 0);
}
export function crossEntropyPQ(p: number[], q: number[]): number {
  return -p.reduce((h, pi, i) => h + pi * Math.log(q[i]!), 0);
}
export function klDivergence(p: number[], q: number[]): number {
  return p.reduce((kl, pi, i) => kl + pi * Math.log(pi / q[i]!), 0);
}
