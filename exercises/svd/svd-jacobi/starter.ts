export function svd(A: number[][]): { U: number[][]; S: number[]; Vt: number[][] } {
  const m = A.length;
  const n = A[0]?.length ?? 0;
  const k = Math.min(m, n);
  // TODO: one-sided Jacobi. Rotate pairs of columns of W = A (and the same pairs of V = I) until every pair is
  // orthogonal; then S = column norms (sorted descending), U = normalized columns, Vt = Vᵀ.
  return {
    U: Array.from({ length: m }, () => new Array<number>(k).fill(0)),
    S: new Array<number>(k).fill(0),
    Vt: Array.from({ length: k }, () => new Array<number>(n).fill(0)),
  };
}
