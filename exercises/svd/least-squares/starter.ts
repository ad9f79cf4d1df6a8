import { svd } from "linalg";

export function lstsq(A: number[][], b: number[]): number[] {
  const n = A[0]?.length ?? 0;
  // TODO: x = Σ (uᵢᵀb / σᵢ) vᵢ over the singular values σᵢ > 1e-12·σ₁ (the others contribute nothing).
  void svd;
  void b;
  return new Array<number>(n).fill(0);
}
