/** Lower-triangular L with L Lᵀ = Σ (Σ symmetric positive definite). */
function cholesky(S: number[][]): number[][] {
  const n = S.length;
  const L = S.map(() => new Array<number>(n).fill(0));
  for (let j = 0; j < n; j++) {
    let d = S[j]![j]!;
    for (let k = 0; k < j; k++) d -= L[j]![k]! ** 2;
    L[j]![j] = Math.sqrt(d);
    for (let i = j + 1; i < n; i++) {
      let s = S[i]![j]!;
      for (let k = 0; k < j; k++) s -= L[i]![k]! * L[j]![k]!;
      L[i]![j] = s / L[j]![j]!;
    }
  }
  return L;
}

/** Solves L X = B for lower-triangular L, column by column (B is n × m). */
function forward(L: number[][], B: number[][]): number[][] {
  const n = L.length;
  const X = B.map((row) => row.slice());
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < X[i]!.length; c++) {
      let s = X[i]![c]!;
      for (let k = 0; k < i; k++) s -= L[i]![k]! * X[k]![c]!;
      X[i]![c] = s / L[i]![i]!;
    }
  }
  return X;
}

/**
 * KL(N₀‖N₁) = ½ [tr(Σ₁⁻¹Σ₀) + (μ₁−μ₀)ᵀΣ₁⁻¹(μ₁−μ₀) − d + ln det Σ₁ − ln det Σ₀].
 * With Σ = L Lᵀ: ln det Σ = 2 Σᵢ ln Lᵢᵢ (det itself overflows at d = 50), tr(Σ₁⁻¹Σ₀) = ‖L₁⁻¹L₀‖²_F and the
 * Mahalanobis term is ‖L₁⁻¹(μ₁−μ₀)‖²: sums of squares, never negative.
 */
export function klGaussians(mu0: number[], Sigma0: number[][], mu1: number[], Sigma1: number[][]): number {
  const d = mu0.length;
  const L0 = cholesky(Sigma0);
  const L1 = cholesky(Sigma1);
  let logDet0 = 0;
  let logDet1 = 0;
  for (let i = 0; i < d; i++) {
    logDet0 += 2 * Math.log(L0[i]![i]!);
    logDet1 += 2 * Math.log(L1[i]![i]!);
  }
  const M = forward(L1, L0);
  let trace = 0;
  for (const row of M) for (const v of row) trace += v * v;
  const z = forward(L1, mu1.map((m, i) => [m - mu0[i]!]));
  let maha = 0;
  for (const [v] of z) maha += v! * v!;
  return 0.5 * (trace + maha - d + logDet1 - logDet0);
}
