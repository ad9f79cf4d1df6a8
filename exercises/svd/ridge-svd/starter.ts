import { svd } from "linalg";

export function ridgeSolve(A: number[][], b: number[], lambda: number): number[] {
  const n = A[0]?.length ?? 0;
  // TODO: x = Σ σᵢ/(σᵢ² + λ) · (uᵢᵀb) · vᵢ over the thin SVD of A (a 0/0 term counts as 0).
  void svd;
  void b;
  void lambda;
  return new Array<number>(n).fill(0);
}
