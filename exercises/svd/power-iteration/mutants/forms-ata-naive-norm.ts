// expect: σ₁² overflows here
// Forms AᵀA and uses √Σx²: right for ordinary matrices, overflows (or underflows) at extreme scales.
export function topSingular(A: number[][], iters: number): { sigma: number; u: number[]; v: number[] } {
  const n = A[0]!.length;
  const len = (x: number[]): number => Math.sqrt(x.reduce((s, xi) => s + xi * xi, 0));
  const AtA = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => A.reduce((s, row) => s + row[i]! * row[j]!, 0)));
  let v = new Array<number>(n).fill(1 / Math.sqrt(n));
  for (let k = 0; k < iters; k++) {
    const w = AtA.map((row) => row.reduce((s, a, j) => s + a * v[j]!, 0));
    const nw = len(w);
    v = w.map((x) => x / nw);
  }
  const Av = A.map((row) => row.reduce((s, a, j) => s + a * v[j]!, 0));
  const sigma = len(Av);
  return { sigma, u: Av.map((x) => x / sigma), v };
}
