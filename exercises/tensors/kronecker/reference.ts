export function kron(A: number[][], B: number[][]): number[][] {
  const m = A.length;
  const n = A[0]?.length ?? 0;
  const p = B.length;
  const q = B[0]?.length ?? 0;
  const out = Array.from({ length: m * p }, () => new Array<number>(n * q).fill(0));
  // Block (i, j) of the result is A[i][j]·B; its top-left corner sits at row i·p, column j·q.
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      const a = A[i]![j]!;
      for (let k = 0; k < p; k++) {
        const row = out[i * p + k]!;
        for (let l = 0; l < q; l++) row[j * q + l] = a * B[k]![l]!;
      }
    }
  }
  return out;
}
