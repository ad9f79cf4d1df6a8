// expect: not the minimum-norm solution
import { inv, svd } from "linalg";

// For wide systems, solves with the first m columns only and sets the other unknowns to 0:
// a valid solution of Ax = b, but not the shortest one.
export function lstsq(A: number[][], b: number[]): number[] {
  const m = A.length;
  const n = A[0]?.length ?? 0;
  if (m < n) {
    const Ai = inv(A.map((row) => row.slice(0, m)));
    const head = Ai.map((row) => row.reduce((s, a, j) => s + a * b[j]!, 0));
    return [...head, ...new Array<number>(n - m).fill(0)];
  }
  const { U, S, Vt } = svd(A);
  const tau = 1e-12 * (S[0] ?? 0);
  const x = new Array<number>(n).fill(0);
  for (let l = 0; l < S.length; l++) {
    if (!(S[l]! > tau)) continue;
    let ub = 0;
    for (let i = 0; i < m; i++) ub += U[i]![l]! * b[i]!;
    for (let j = 0; j < n; j++) x[j]! += (ub / S[l]!) * Vt[l]![j]!;
  }
  return x;
}
