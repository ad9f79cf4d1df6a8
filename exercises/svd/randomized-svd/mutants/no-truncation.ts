// expect: Keep only the first k columns of U
import { matmul, qr, svd, transpose } from "linalg";

// Returns all k + p triples instead of the first k.
export function randomizedSvd(A: number[][], k: number, p: number, rand: () => number): { U: number[][]; S: number[]; Vt: number[][] } {
  const n = A[0]!.length;
  const Omega = Array.from({ length: n }, () => Array.from({ length: k + p }, () => rand()));
  const { Q } = qr(matmul(A, Omega));
  const small = svd(matmul(transpose(Q), A));
  return { U: matmul(Q, small.U), S: small.S, Vt: small.Vt };
}
