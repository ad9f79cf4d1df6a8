import { inv } from "linalg";

/**
 * Differentiating X X⁻¹ = I gives dX · X⁻¹ + X · d(X⁻¹) = 0, so d(X⁻¹) = −X⁻¹ dX X⁻¹. Then
 * dL = ⟨G, d(X⁻¹)⟩ = −tr(Gᵀ X⁻¹ dX X⁻¹) = −tr(X⁻¹ Gᵀ X⁻¹ dX) = ⟨−X⁻ᵀ G X⁻ᵀ, dX⟩,
 * and the matrix that multiplies dX entry by entry is the gradient: −X⁻ᵀ G X⁻ᵀ.
 */
export function inverseGrad(X: number[][], G: number[][]): number[][] {
  const n = X.length;
  const Xi = inv(X);
  // M = G X⁻ᵀ, i.e. M[i][j] = Σₖ G[i][k] · Xi[j][k]
  const M = G.map((gi) => Xi.map((xj) => gi.reduce((s, g, k) => s + g * xj[k]!, 0)));
  // result = −X⁻ᵀ M, i.e. result[i][j] = −Σₖ Xi[k][i] · M[k][j]
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => {
    let s = 0;
    for (let k = 0; k < n; k++) s += Xi[k]![i]! * M[k]![j]!;
    return -s;
  }));
}
