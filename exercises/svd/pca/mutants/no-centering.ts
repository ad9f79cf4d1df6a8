// expect: center X
import { svd } from "linalg";

export function pca(X: number[][], k: number): { components: number[][]; explainedVariance: number[] } {
  const n = X.length;
  const { S, Vt } = svd(X);
  return { components: Vt.slice(0, k), explainedVariance: S.slice(0, k).map((s) => (s * s) / (n - 1)) };
}
