import { svd } from "linalg";

export function pca(X: number[][], k: number): { components: number[][]; explainedVariance: number[] } {
  const d = X[0]?.length ?? 0;
  // TODO: center the columns of X, take svd of the centered data, return the first k rows of Vt
  // and the variances σᵢ² / (n − 1).
  return {
    components: Array.from({ length: k }, () => new Array<number>(d).fill(0)),
    explainedVariance: new Array<number>(k).fill(0),
  };
}
