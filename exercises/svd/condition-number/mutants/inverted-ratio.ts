// expect: not the other way round
import { svd } from "linalg";

export function cond(A: number[][]): number {
  const { S } = svd(A);
  return S[S.length - 1]! / S[0]!;
}

export function hilbert(n: number): number[][] {
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => 1 / (i + j + 1)));
}
