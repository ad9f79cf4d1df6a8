type Tensor = { shape: number[]; data: number[] };

export function cpReconstruct(weights: number[], A: number[][], B: number[][], C: number[][]): Tensor {
  // TODO: X[i][j][k] = Σ_r weights[r] · A[i][r] · B[j][r] · C[k][r], row-major data.
  void weights;
  return { shape: [A.length, B.length, C.length], data: new Array<number>(A.length * B.length * C.length).fill(0) };
}

export function modeProduct(X: Tensor, M: number[][], mode: 0 | 1 | 2): Tensor {
  // TODO: replace axis `mode` (size I) by one of size P = M.length; entry Σ_i X[…i…] · M[p][i].
  const shape = X.shape.slice();
  shape[mode] = M.length;
  return { shape, data: new Array<number>(shape[0]! * shape[1]! * shape[2]!).fill(0) };
}
