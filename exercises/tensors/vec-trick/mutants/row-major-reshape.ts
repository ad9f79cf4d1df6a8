// expect: vec stacks the columns of X
// Computes vec(AXB) correctly but reshapes it back row by row (row-major mat), scrambling the result.
export function kronMatVec(A: number[][], B: number[][], X: number[][]): number[][] {
  const mul = (P: number[][], Q: number[][]): number[][] => P.map((row) => Q[0]!.map((_, j) => row.reduce((s, a, k) => s + a * Q[k]![j]!, 0)));
  const Y = mul(mul(A, X), B);
  const m = Y.length;
  const q = Y[0]!.length;
  const vec: number[] = [];
  for (let j = 0; j < q; j++) for (let i = 0; i < m; i++) vec.push(Y[i]![j]!);
  return Array.from({ length: m }, (_, i) => vec.slice(i * q, i * q + q));
}
