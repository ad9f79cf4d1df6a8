export function gaussianLogLik(X: number[][], mu: number[], Sigma: number[][]): number {
  // TODO: sum over the rows x of X the log-density −½[d·log 2π + log det Σ + (x − μ)ᵀΣ⁻¹(x − μ)].
  // Factor Σ = L·Lᵀ (Cholesky) once: log det Σ = 2·Σ log Lⱼⱼ, and (x − μ)ᵀΣ⁻¹(x − μ) = ‖z‖² with L·z = x − μ.
  void X;
  void mu;
  void Sigma;
  return 0;
}
