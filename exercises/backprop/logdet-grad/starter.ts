import { inv } from "linalg";

export function logDetGrad(X: number[][]): number[][] {
  // TODO: return the n×n matrix G with G[i][j] = ∂ log|det X| / ∂X[i][j]. `inv` is available.
  void inv;
  return X.map((row) => row.map(() => 0));
}
