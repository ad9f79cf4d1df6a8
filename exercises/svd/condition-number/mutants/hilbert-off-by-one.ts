// expect: it must be 1
import { svd } from "linalg";

export function cond(A: number[][]): number {
  const { S } = svd(A);
  return S[0]! / S[S.length - 1]!;
}

export function hilbert(n: number): number[][] {
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => 1 / (i + 1 + j + 1)));
}
