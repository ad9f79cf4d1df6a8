// expect: gradient of det X
import { inv } from "linalg";

function determinant(X: number[][]): number {
  const A = X.map((row) => row.slice());
  const n = A.length;
  let d = 1;
  for (let k = 0; k < n; k++) {
    let p = k;
    for (let i = k + 1; i < n; i++) if (Math.abs(A[i]![k]!) > Math.abs(A[p]![k]!)) p = i;
    if (p !== k) {
      [A[k], A[p]] = [A[p]!, A[k]!];
      d = -d;
    }
    d *= A[k]![k]!;
    for (let i = k + 1; i < n; i++) {
      const f = A[i]![k]! / A[k]![k]!;
      for (let j = k; j < n; j++) A[i]![j]! -= f * A[k]![j]!;
    }
  }
  return d;
}

/** Jacobi's formula without the chain rule through log: the gradient of det X, not of log|det X|. */
export function logDetGrad(X: number[][]): number[][] {
  const d = determinant(X);
  const Xinv = inv(X);
  return X.map((row, i) => row.map((_, j) => d * Xinv[j]![i]!));
}
