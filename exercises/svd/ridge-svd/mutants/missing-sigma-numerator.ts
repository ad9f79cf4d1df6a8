// expect: the numerator σ is missing
import { svd } from "linalg";

// Weights by 1/(σ² + λ), forgetting the σ of Aᵀ = V Σ Uᵀ in the numerator.
export function ridgeSolve(A: number[][], b: number[], lambda: number): number[] {
  const m = A.length;
  const n = A[0]?.length ?? 0;
  const { U, S, Vt } = svd(A);
  const x = new Array<number>(n).fill(0);
  for (let l = 0; l < S.length; l++) {
    const s = S[l]!;
    const d = s * s + lambda;
    if (d === 0) continue;
    let ub = 0;
    for (let i = 0; i < m; i++) ub += U[i]![l]! * b[i]!;
    for (let j = 0; j < n; j++) x[j]! += (ub / d) * Vt[l]![j]!;
  }
  return x;
}
