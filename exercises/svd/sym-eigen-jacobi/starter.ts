export function symEig(A: number[][]): { values: number[]; vectors: number[][] } {
  // TODO: rotate pairs (p, q) until the off-diagonal part is negligible against ‖A‖_F, accumulating V ← V J.
  return { values: A.map(() => 0), vectors: A.map((row) => row.map(() => 0)) };
}
