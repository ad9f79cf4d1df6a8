// expect: E[x²] − μ²
/**
 * LayerNorm backward, row by row: y = γ ⊙ x̂ + β with x̂ = (x − μ) / √(σ² + ε), σ² the biased variance.
 * With g = γ ⊙ dy (the gradient with respect to x̂), the Jacobian of the normalisation gives
 *   dx = (g − mean(g) − x̂ · mean(g ⊙ x̂)) / √(σ² + ε),
 * that is, g projected away from the two directions the normalisation removes (the constant vector and x̂).
 */
export function layerNormBackward(
  x: number[][],
  gamma: number[],
  dy: number[][],
  eps: number,
): { dx: number[][]; dgamma: number[]; dbeta: number[] } {
  const d = gamma.length;
  const dgamma = new Array<number>(d).fill(0);
  const dbeta = new Array<number>(d).fill(0);
  const dx = x.map((row, i) => {
    const dyRow = dy[i]!;
    const mean = row.reduce((s, v) => s + v, 0) / d;
    // One pass: E[x²] − μ², the textbook formula that cancels catastrophically on near-constant rows.
    const variance = row.reduce((s, v) => s + v * v, 0) / d - mean * mean;
    const invStd = 1 / Math.sqrt(variance + eps);
    const xhat = row.map((v) => (v - mean) * invStd);
    const g = dyRow.map((v, j) => v * gamma[j]!);
    let meanG = 0;
    let meanGX = 0;
    for (let j = 0; j < d; j++) {
      dgamma[j]! += dyRow[j]! * xhat[j]!;
      dbeta[j]! += dyRow[j]!;
      meanG += g[j]! / d;
      meanGX += (g[j]! * xhat[j]!) / d;
    }
    return g.map((gj, j) => invStd * (gj - meanG - xhat[j]! * meanGX));
  });
  return { dx, dgamma, dbeta };
}
