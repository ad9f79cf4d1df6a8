// expect: project A onto the orthonormal basis Q
import { matmul, qr, svd, transpose } from "linalg";

// Returns the first k columns of Q as U, forgetting to rotate them by Ũ.
export function randomizedSvd(A: number[][], k: number, p: number, rand: () => number): { U: number[][]; S: number[]; Vt: number[][] } {
  const n = A[0]!.length;
  const Omega = Array.from({ length: n }, () => Array.from({ length: k + p }, () => rand()));
  const { Q } = qr(matmul(A, Omega));
  const small = svd(matmul(transpose(Q), A));
  return { U: Q.map((row) => row.slice(0, k)), S: small.S.slice(0, k), Vt: small.Vt.slice(0, k) };
}
