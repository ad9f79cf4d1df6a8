// expect: you divided by σᵢ²
import { svd } from "linalg";

// Mixes the SVD formula with the normal equations: divides uᵢᵀb by σᵢ² instead of σᵢ.
export function lstsq(A: number[][], b: number[]): number[] {
  const m = A.length;
  const n = A[0]?.length ?? 0;
  const { U, S, Vt } = svd(A);
  const tau = 1e-12 * (S[0] ?? 0);
  const x = new Array<number>(n).fill(0);
  for (let l = 0; l < S.length; l++) {
    if (!(S[l]! > tau)) continue;
    let ub = 0;
    for (let i = 0; i < m; i++) ub += U[i]![l]! * b[i]!;
    for (let j = 0; j < n; j++) x[j]! += (ub / (S[l]! * S[l]!)) * Vt[l]![j]!;
  }
  return x;
}
