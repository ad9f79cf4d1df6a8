// expect: with 0-based indices the entry is 1/(i + j + 1)
import { svd } from "linalg";

export function cond(A: number[][]): number {
  const { S } = svd(A);
  return S[0]! / S[S.length - 1]!;
}

export function hilbert(n: number): number[][] {
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => 1 / (i + j)));
}
