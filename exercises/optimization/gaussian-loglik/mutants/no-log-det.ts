// expect: log-determinant term is missing
/**
 * Σᵢ log N(xᵢ; μ, Σ) = −½ Σᵢ [ d·log 2π + log det Σ + (xᵢ − μ)ᵀ Σ⁻¹ (xᵢ − μ) ].
 * With the Cholesky factor Σ = L·Lᵀ: log det Σ = 2 Σⱼ log Lⱼⱼ (no overflow or underflow of det itself), and the
 * quadratic form is ‖z‖² where L·z = x − μ (one triangular solve, no inverse: backward stable even for κ(Σ) = 1e8).
 */
export function gaussianLogLik(X: number[][], mu: number[], Sigma: number[][]): number {
  const d = mu.length;
  const L = cholesky(Sigma);
  let logDet = 0;
  for (let j = 0; j < d; j++) logDet += 2 * Math.log(L[j]![j]!);
  let quad = 0;
  for (const x of X) {
    // Forward substitution: L·z = x − μ.
    const z = new Array<number>(d);
    let q = 0;
    for (let i = 0; i < d; i++) {
      let s = x[i]! - mu[i]!;
      for (let k = 0; k < i; k++) s -= L[i]![k]! * z[k]!;
      z[i] = s / L[i]![i]!;
      q += z[i]! * z[i]!;
    }
    quad += q;
  }
  return -0.5 * (X.length * d * Math.log(2 * Math.PI) + quad);
}

/** Lower-triangular L with Σ = L·Lᵀ (Cholesky–Banachiewicz, row by row). */
function cholesky(S: number[][]): number[][] {
  const d = S.length;
  const L = Array.from({ length: d }, () => new Array<number>(d).fill(0));
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let s = S[i]![j]!;
      for (let k = 0; k < j; k++) s -= L[i]![k]! * L[j]![k]!;
      if (i === j) {
        if (!(s > 0)) throw new Error(`Sigma is not positive definite (pivot ${j} is ${s}); a covariance matrix must be symmetric positive definite.`);
        L[i]![i] = Math.sqrt(s);
      } else {
        L[i]![j] = s / L[j]![j]!;
      }
    }
  }
  return L;
}
