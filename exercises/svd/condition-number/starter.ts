import { svd } from "linalg";

export function cond(A: number[][]): number {
  // TODO: the ratio of the largest to the smallest singular value of A (use svd).
  return 0;
}

export function hilbert(n: number): number[][] {
  // TODO: entries 1 / (i + j − 1) with 1-based i, j. Careful: TypeScript indices start at 0.
  return Array.from({ length: n }, () => new Array<number>(n).fill(0));
}
