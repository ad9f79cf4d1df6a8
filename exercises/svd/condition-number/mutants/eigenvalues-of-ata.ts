// expect: the condition number of AᵀA
import { svd } from "linalg";

// Uses the extreme eigenvalues of AᵀA (its singular values, since it is symmetric positive semidefinite) without the square root.
export function cond(A: number[][]): number {
  const n = A[0]!.length;
  const AtA = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => A.reduce((s, row) => s + row[i]! * row[j]!, 0)));
  const { S } = svd(AtA);
  return S[0]! / S[S.length - 1]!;
}

export function hilbert(n: number): number[][] {
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => 1 / (i + j + 1)));
}
