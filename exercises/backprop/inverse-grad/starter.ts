import { inv } from "linalg";

export function inverseGrad(X: number[][], G: number[][]): number[][] {
  // TODO: the gradient of L = ⟨G, X⁻¹⟩ = Σᵢⱼ G[i][j] · (X⁻¹)[i][j] with respect to X.
  void inv;
  void G;
  return X.map((row) => row.map(() => 0));
}
