import { solve, inv } from "linalg";

export function klGaussians(mu0: number[], Sigma0: number[][], mu1: number[], Sigma1: number[][]): number {
  // TODO: ½ [tr(Σ₁⁻¹Σ₀) + (μ₁−μ₀)ᵀΣ₁⁻¹(μ₁−μ₀) − d + ln det Σ₁ − ln det Σ₀]
  void solve;
  void inv;
  void Sigma0;
  void mu1;
  void Sigma1;
  return 0 * mu0.length;
}
