export function linearBackward(
  x: number[][],
  W: number[][],
  dy: number[][],
): { dx: number[][]; dW: number[][]; db: number[] } {
  // TODO: for y = xW + b and dy = ∂L/∂y, return dx (shape of x), dW (shape of W) and db (length d_out).
  void dy;
  return {
    dx: x.map((row) => row.map(() => 0)),
    dW: W.map((row) => row.map(() => 0)),
    db: (W[0] ?? []).map(() => 0),
  };
}
