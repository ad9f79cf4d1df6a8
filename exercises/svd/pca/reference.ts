import { svd } from "linalg";

export function pca(X: number[][], k: number): { components: number[][]; explainedVariance: number[] } {
  const n = X.length;
  const d = X[0]?.length ?? 0;

  // Two-pass centering: subtract the mean from the data itself. Forming E[xxᵀ] − μμᵀ instead would cancel
  // catastrophically when the mean is large compared with the spread.
  const mean = new Array<number>(d).fill(0);
  for (const row of X) for (let j = 0; j < d; j++) mean[j]! += row[j]!;
  for (let j = 0; j < d; j++) mean[j]! /= n;
  const Xc = X.map((row) => row.map((x, j) => x - mean[j]!));

  // The right singular vectors of Xc are the eigenvectors of the covariance XcᵀXc/(n−1), without forming it.
  const { S, Vt } = svd(Xc);
  return {
    components: Vt.slice(0, k).map((row) => row.slice()),
    explainedVariance: S.slice(0, k).map((s) => (s * s) / (n - 1)),
  };
}
