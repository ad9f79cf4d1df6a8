// expect: return unit vectors
import { norm } from "linalg";

export function topSingular(A: number[][], iters: number): { sigma: number; u: number[]; v: number[] } {
  const n = A[0]!.length;
  const mul = (v: number[]): number[] => A.map((row) => row.reduce((s, a, j) => s + a * v[j]!, 0));
  const mulT = (u: number[]): number[] => Array.from({ length: n }, (_, j) => A.reduce((s, row, i) => s + row[j]! * u[i]!, 0));
  let v = new Array<number>(n).fill(1 / Math.sqrt(n));
  for (let k = 0; k < iters; k++) {
    const Av = mul(v);
    const nu = norm(Av);
    const w = mulT(Av.map((x) => x / nu));
    const nv = norm(w);
    v = w.map((x) => x / nv);
  }
  const u = mul(v);
  return { sigma: norm(u), u, v };
}
