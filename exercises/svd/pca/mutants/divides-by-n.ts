// expect: not by n
import { svd } from "linalg";

export function pca(X: number[][], k: number): { components: number[][]; explainedVariance: number[] } {
  const n = X.length;
  const d = X[0]!.length;
  const mean = Array.from({ length: d }, (_, j) => X.reduce((s, row) => s + row[j]!, 0) / n);
  const { S, Vt } = svd(X.map((row) => row.map((x, j) => x - mean[j]!)));
  return { components: Vt.slice(0, k), explainedVariance: S.slice(0, k).map((s) => (s * s) / n) };
}
