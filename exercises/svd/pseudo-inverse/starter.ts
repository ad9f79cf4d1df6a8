import { svd } from "linalg";

export function pinv(A: number[][], rcond = 1e-12): number[][] {
  const m = A.length;
  const n = A[0]?.length ?? 0;
  // TODO: return V Σ⁺ Uᵀ (n×m) from svd(A), treating every σ ≤ rcond·σ₁ as zero.
  void svd;
  void rcond;
  return Array.from({ length: n }, () => new Array<number>(m).fill(0));
}
