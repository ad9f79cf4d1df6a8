export function kronMatVec(A: number[][], B: number[][], X: number[][]): number[][] {
  const m = A.length;
  const q = B[0]?.length ?? 0;
  // TODO: return the m × q matrix whose column-major vec is (Bᵀ ⊗ A) vec(X). Hint: that matrix is A·X·B,
  // which costs O(n³) instead of the O(n⁴) of forming Bᵀ ⊗ A.
  return Array.from({ length: m }, () => new Array<number>(q).fill(0));
}
