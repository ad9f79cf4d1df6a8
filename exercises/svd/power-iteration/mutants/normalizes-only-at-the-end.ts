// expect: Normalize after every multiplication
import { norm } from "linalg";

export function topSingular(A: number[][], iters: number): { sigma: number; u: number[]; v: number[] } {
  const n = A[0]!.length;
  const mul = (v: number[]): number[] => A.map((row) => row.reduce((s, a, j) => s + a * v[j]!, 0));
  const mulT = (u: number[]): number[] => Array.from({ length: n }, (_, j) => A.reduce((s, row, i) => s + row[j]! * u[i]!, 0));
  let v = new Array<number>(n).fill(1 / Math.sqrt(n));
  for (let k = 0; k < iters; k++) v = mulT(mul(v));
  const nv = norm(v);
  v = v.map((x) => x / nv);
  const Av = mul(v);
  const sigma = norm(Av);
  return { sigma, u: Av.map((x) => x / sigma), v };
}
