// expect: uses Σ instead of Σ⁻¹
export function gaussianLogLik(X: number[][], mu: number[], Sigma: number[][]): number {
  const d = mu.length;
  let logDet = 0;
  const L = cholesky(Sigma);
  for (let j = 0; j < d; j++) logDet += 2 * Math.log(L[j]![j]!);
  let quad = 0;
  for (const x of X) {
    const r = x.map((xi, i) => xi - mu[i]!);
    // Multiplies by Σ where Σ⁻¹ belongs.
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) quad += r[i]! * Sigma[i]![j]! * r[j]!;
  }
  return -0.5 * (X.length * (d * Math.log(2 * Math.PI) + logDet) + quad);
}

function cholesky(S: number[][]): number[][] {
  const d = S.length;
  const L = Array.from({ length: d }, () => new Array<number>(d).fill(0));
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let s = S[i]![j]!;
      for (let k = 0; k < j; k++) s -= L[i]![k]! * L[j]![k]!;
      L[i]![j] = i === j ? Math.sqrt(s) : s / L[j]![j]!;
    }
  }
  return L;
}
