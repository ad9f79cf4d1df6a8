// expect: dx is dy·W, with W's indices swapped
/**
 * y = xW + b, with x: n×d_in, W: d_in×d_out, b: d_out. Given dy = ∂L/∂y (n×d_out):
 *   dx = dy Wᵀ (n×d_in), dW = xᵀ dy (d_in×d_out), db = Σ_rows dy (d_out).
 * Each gradient has the shape of the thing it differentiates; b is shared by every row, so its gradient sums.
 */
export function linearBackward(
  x: number[][],
  W: number[][],
  dy: number[][],
): { dx: number[][]; dW: number[][]; db: number[] } {
  const dIn = W.length;
  const dOut = W[0]?.length ?? 0;
  const dx = dy.map((g) => Array.from({ length: dIn }, (_, k) => g.reduce((s, gj, j) => s + gj * (W[j]?.[k] ?? 0), 0)));
  const dW = Array.from({ length: dIn }, (_, k) =>
    Array.from({ length: dOut }, (_, j) => x.reduce((s, row, i) => s + row[k]! * dy[i]![j]!, 0)),
  );
  const db = Array.from({ length: dOut }, (_, j) => dy.reduce((s, g) => s + g[j]!, 0));
  return { dx, dW, db };
}
