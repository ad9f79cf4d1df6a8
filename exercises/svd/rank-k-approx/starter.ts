import { svd } from "linalg";

export function rankKApprox(A: number[][], k: number): { Ak: number[][]; error: number; storage: number } {
  const m = A.length;
  const n = A[0]?.length ?? 0;
  // TODO: take the SVD of A, keep the k largest singular triplets to build Ak, compute the Frobenius error
  // from the discarded singular values, and count the numbers the factored form needs.
  void svd;
  void k;
  const Ak = Array.from({ length: m }, () => new Array<number>(n).fill(0));
  return { Ak, error: 0, storage: 0 };
}
