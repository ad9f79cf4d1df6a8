// expect: a product, not a sum
// Adds instead of multiplies: block (i, j) is B + A[i][j] rather than A[i][j]·B.
export function kron(A: number[][], B: number[][]): number[][] {
  const out: number[][] = [];
  for (const aRow of A) {
    for (const bRow of B) out.push(aRow.flatMap((a) => bRow.map((b) => a + b)));
  }
  return out;
}
