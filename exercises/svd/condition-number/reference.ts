import { svd } from "linalg";

export function cond(A: number[][]): number {
  // The SVD works on A itself; the eigenvalues of AᵀA would square κ and lose twice the digits.
  const { S } = svd(A);
  return S[0]! / S[S.length - 1]!;
}

export function hilbert(n: number): number[][] {
  // With 0-based indices, 1/(i + j − 1) in 1-based terms becomes 1/(i + j + 1).
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => 1 / (i + j + 1)));
}
