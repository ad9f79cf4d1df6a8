import { matmul, qr, svd, transpose } from "linalg";

export function randomizedSvd(
  A: number[][],
  k: number,
  p: number,
  rand: () => number,
): { U: number[][]; S: number[]; Vt: number[][] } {
  const m = A.length;
  const n = A[0]?.length ?? 0;
  // TODO: Ω (n × (k+p)) from rand(); Y = AΩ; Q from qr(Y); B = QᵀA; svd(B); U = Q·Ũ; keep the first k.
  return {
    U: Array.from({ length: m }, () => new Array<number>(k).fill(0)),
    S: new Array<number>(k).fill(0),
    Vt: Array.from({ length: k }, () => new Array<number>(n).fill(0)),
  };
}
