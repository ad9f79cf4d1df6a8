// expect: the best rank
import { matmul, qr, svd, transpose } from "linalg";

// An ordering slip: keeps the last k singular triples of the small SVD instead of the first k.
export function randomizedSvd(A: number[][], k: number, p: number, rand: () => number): { U: number[][]; S: number[]; Vt: number[][] } {
  const n = A[0]!.length;
  const Omega = Array.from({ length: n }, () => Array.from({ length: k + p }, () => rand()));
  const { Q } = qr(matmul(A, Omega));
  const small = svd(matmul(transpose(Q), A));
  const U = matmul(Q, small.U);
  const from = small.S.length - k;
  return { U: U.map((row) => row.slice(from, from + k)), S: small.S.slice(from), Vt: small.Vt.slice(from) };
}
