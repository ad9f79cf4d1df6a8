type Tensor = { shape: number[]; data: number[] };

/** X = Σᵣ wᵣ · aᵣ ∘ bᵣ ∘ cᵣ: X[i][j][k] = Σᵣ wᵣ A[i][r] B[j][r] C[k][r], stored row-major (k fastest). */
export function cpReconstruct(weights: number[], A: number[][], B: number[][], C: number[][]): Tensor {
  const [I, J, K] = [A.length, B.length, C.length];
  const data = new Array<number>(I * J * K).fill(0);
  for (let i = 0; i < I; i++) {
    for (let j = 0; j < J; j++) {
      for (let k = 0; k < K; k++) {
        let s = 0;
        for (let r = 0; r < weights.length; r++) s += weights[r]! * A[i]![r]! * B[j]![r]! * C[k]![r]!;
        data[(i * J + j) * K + k] = s;
      }
    }
  }
  return { shape: [I, J, K], data };
}

/**
 * (X ×ₙ M) for M of size P × Iₙ (Kolda and Bader): axis n of size Iₙ is replaced by one of size P at the same
 * position, and each entry is Σᵢ X[…i…] · M[p][i] — every mode-n fibre of X is multiplied by M.
 */
export function modeProduct(X: Tensor, M: number[][], mode: 0 | 1 | 2): Tensor {
  const shape = X.shape.slice();
  const n = shape[mode]!;
  const P = M.length;
  // Row-major strides: the distance in `data` between neighbours along each axis.
  const stride = [shape[1]! * shape[2]!, shape[2]!, 1];
  const outShape = shape.slice();
  outShape[mode] = P;
  const outStride = [outShape[1]! * outShape[2]!, outShape[2]!, 1];
  const out = new Array<number>(outShape[0]! * outShape[1]! * outShape[2]!).fill(0);
  for (let a = 0; a < outShape[0]!; a++) {
    for (let b = 0; b < outShape[1]!; b++) {
      for (let c = 0; c < outShape[2]!; c++) {
        const idx = [a, b, c];
        const p = idx[mode]!;
        let s = 0;
        for (let i = 0; i < n; i++) {
          idx[mode] = i;
          s += X.data[idx[0]! * stride[0]! + idx[1]! * stride[1]! + idx[2]! * stride[2]!]! * M[p]![i]!;
        }
        out[a * outStride[0]! + b * outStride[1]! + c * outStride[2]!] = s;
      }
    }
  }
  return { shape: outShape, data: out };
}
