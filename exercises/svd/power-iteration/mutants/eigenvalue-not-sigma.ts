// expect: the top eigenvalue of AᵀA
import { norm } from "linalg";

// Power iteration on AᵀA, returning its eigenvalue (σ₁²) as if it were σ₁.
export function topSingular(A: number[][], iters: number): { sigma: number; u: number[]; v: number[] } {
  const n = A[0]!.length;
  const mul = (v: number[]): number[] => A.map((row) => row.reduce((s, a, j) => s + a * v[j]!, 0));
  const mulT = (u: number[]): number[] => Array.from({ length: n }, (_, j) => A.reduce((s, row, i) => s + row[j]! * u[i]!, 0));
  let v = new Array<number>(n).fill(1 / Math.sqrt(n));
  let lambda = 0;
  for (let k = 0; k < iters; k++) {
    const w = mulT(mul(v));
    lambda = norm(w);
    v = w.map((x) => x / lambda);
  }
  const Av = mul(v);
  const s = norm(Av);
  return { sigma: lambda, u: Av.map((x) => x / s), v };
}
