// expect: Orthonormalize the sketch
import { matmul, svd, transpose } from "linalg";

// Projects onto the raw sketch Y = AΩ instead of an orthonormal basis of it.
export function randomizedSvd(A: number[][], k: number, p: number, rand: () => number): { U: number[][]; S: number[]; Vt: number[][] } {
  const n = A[0]!.length;
  const Omega = Array.from({ length: n }, () => Array.from({ length: k + p }, () => rand()));
  const Y = matmul(A, Omega);
  const small = svd(matmul(transpose(Y), A));
  const U = matmul(Y, small.U);
  return { U: U.map((row) => row.slice(0, k)), S: small.S.slice(0, k), Vt: small.Vt.slice(0, k) };
}
