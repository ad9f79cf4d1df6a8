// expect: memory
// Right values, but it builds the (mq)×(np) matrix Bᵀ ⊗ A: about 100 MB at n = 60.
export function kronMatVec(A: number[][], B: number[][], X: number[][]): number[][] {
  const m = A.length;
  const n = A[0]!.length;
  const p = B.length;
  const q = B[0]!.length;
  const K: number[][] = [];
  for (let j = 0; j < q; j++)
    for (let i = 0; i < m; i++) {
      const row: number[] = [];
      for (let k = 0; k < p; k++) for (let l = 0; l < n; l++) row.push(B[k]![j]! * A[i]![l]!);
      K.push(row);
    }
  const vecX: number[] = [];
  for (let k = 0; k < p; k++) for (let l = 0; l < n; l++) vecX.push(X[l]![k]!);
  const y = K.map((row) => row.reduce((s, a, c) => s + a * vecX[c]!, 0));
  return Array.from({ length: m }, (_, i) => Array.from({ length: q }, (_, j) => y[j * m + i]!));
}
