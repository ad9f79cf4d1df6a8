// expect: is not the principal direction
import { svd } from "linalg";

// Takes the principal directions from the columns of V read as rows of V (i.e. Vᵀ's columns): a transposition slip.
export function pca(X: number[][], k: number): { components: number[][]; explainedVariance: number[] } {
  const n = X.length;
  const d = X[0]!.length;
  const mean = Array.from({ length: d }, (_, j) => X.reduce((s, row) => s + row[j]!, 0) / n);
  const { S, Vt } = svd(X.map((row) => row.map((x, j) => x - mean[j]!)));
  const components = Array.from({ length: k }, (_, i) => Vt.map((row) => row[i]!));
  return { components, explainedVariance: S.slice(0, k).map((s) => (s * s) / (n - 1)) };
}
