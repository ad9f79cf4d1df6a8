// expect: vec stacks the columns of X
// Applies Bᵀ ⊗ A (entry by entry, without storing it) to the row-major flattening X.flat() instead of the column-major vec(X).
export function kronMatVec(A: number[][], B: number[][], X: number[][]): number[][] {
  const m = A.length;
  const n = A[0]!.length;
  const p = B.length;
  const q = B[0]!.length;
  const flat = X.flat();
  const y = new Array<number>(m * q).fill(0);
  for (let j = 0; j < q; j++)
    for (let i = 0; i < m; i++)
      for (let k = 0; k < p; k++)
        for (let l = 0; l < n; l++) y[j * m + i]! += B[k]![j]! * A[i]![l]! * flat[k * n + l]!;
  return Array.from({ length: m }, (_, i) => Array.from({ length: q }, (_, j) => y[j * m + i]!));
}
