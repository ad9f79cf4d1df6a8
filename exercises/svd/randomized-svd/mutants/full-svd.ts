// expect: svd(A) on the whole matrix is not allowed here
import { svd } from "linalg";

// The shortcut: a full SVD of A, truncated to k. Right values, wrong method (and O(mn·min(m, n)) work).
export function randomizedSvd(
  A: number[][],
  k: number,
  _p: number,
  _rand: () => number,
): { U: number[][]; S: number[]; Vt: number[][] } {
  const { U, S, Vt } = svd(A);
  return { U: U.map((row) => row.slice(0, k)), S: S.slice(0, k), Vt: Vt.slice(0, k).map((row) => row.slice()) };
}
