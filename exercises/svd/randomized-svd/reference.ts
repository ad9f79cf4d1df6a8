import { matmul, qr, svd, transpose } from "linalg";

export function randomizedSvd(
  A: number[][],
  k: number,
  p: number,
  rand: () => number,
): { U: number[][]; S: number[]; Vt: number[][] } {
  const n = A[0]?.length ?? 0;
  const l = k + p;
  // A Gaussian test matrix: AΩ lands in the range of A, weighted toward its top singular directions.
  const Omega = Array.from({ length: n }, () => Array.from({ length: l }, () => rand()));
  const Y = matmul(A, Omega);
  // Y's columns are nearly parallel; only an orthonormal basis Q makes QQᵀA a faithful projection.
  const { Q } = qr(Y);
  const B = matmul(transpose(Q), A);
  const small = svd(B);
  const U = matmul(Q, small.U);
  return {
    U: U.map((row) => row.slice(0, k)),
    S: small.S.slice(0, k),
    Vt: small.Vt.slice(0, k).map((row) => row.slice()),
  };
}
