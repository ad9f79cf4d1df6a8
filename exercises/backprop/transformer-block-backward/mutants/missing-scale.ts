// expect: √d_k
type Matrix = number[][];

export interface BlockParams {
  WQ: number[][];
  WK: number[][];
  WV: number[][];
  WO: number[][];
  gamma: number[];
  beta: number[];
}

export interface BlockGrads {
  dx: number[][];
  dWQ: number[][];
  dWK: number[][];
  dWV: number[][];
  dWO: number[][];
  dgamma: number[];
  dbeta: number[];
}

const EPS = 1e-5;

function matmul(A: Matrix, B: Matrix): Matrix {
  return A.map((row) => (B[0] ?? []).map((_, j) => row.reduce((s, a, k) => s + a * B[k]![j]!, 0)));
}

function transpose(A: Matrix): Matrix {
  return (A[0] ?? []).map((_, j) => A.map((row) => row[j]!));
}

function addInto(A: Matrix, B: Matrix): Matrix {
  return A.map((row, i) => row.map((v, j) => v + B[i]![j]!));
}

function scaled(A: Matrix, c: number): Matrix {
  return A.map((row) => row.map((v) => v * c));
}

/**
 * out = LayerNorm(x + softmax(QKᵀ/√d_k) V W_O), Q = xW_Q, K = xW_K, V = xW_V.
 * The backward pass retraces the forward: LayerNorm, the output projection, attention, the three projections,
 * and finally the residual, where x receives the gradient of both branches.
 */
export function blockBackward(x: Matrix, params: BlockParams, dOut: Matrix): BlockGrads {
  const { WQ, WK, WV, WO, gamma } = params;
  const dk = WQ[0]?.length ?? 1;
  const scale = 1 / Math.sqrt(dk);

  // Forward, keeping what the backward pass needs.
  const Q = matmul(x, WQ);
  const K = matmul(x, WK);
  const V = matmul(x, WV);
  const P = scaled(matmul(Q, transpose(K)), scale).map((row) => {
    const max = Math.max(...row); // shift: softmax is invariant, exp cannot overflow
    const e = row.map((v) => Math.exp(v - max));
    const total = e.reduce((a, b) => a + b, 0);
    return e.map((v) => v / total);
  });
  const A = matmul(P, V);
  const H = addInto(x, matmul(A, WO)); // the residual stream, input of LayerNorm

  // LayerNorm backward (biased variance, two passes).
  const d = gamma.length;
  const dgamma = new Array<number>(d).fill(0);
  const dbeta = new Array<number>(d).fill(0);
  const dH = H.map((h, i) => {
    const mean = h.reduce((s, v) => s + v, 0) / d;
    const invStd = 1 / Math.sqrt(h.reduce((s, v) => s + (v - mean) ** 2, 0) / d + EPS);
    const xhat = h.map((v) => (v - mean) * invStd);
    const g = dOut[i]!.map((v, j) => v * gamma[j]!);
    const meanG = g.reduce((s, v) => s + v, 0) / d;
    const meanGX = g.reduce((s, v, j) => s + v * xhat[j]!, 0) / d;
    dOut[i]!.forEach((v, j) => {
      dgamma[j]! += v * xhat[j]!;
      dbeta[j]! += v;
    });
    return g.map((gj, j) => invStd * (gj - meanG - xhat[j]! * meanGX));
  });

  // Output projection Z = A W_O.
  const dWO = matmul(transpose(A), dH);
  const dA = matmul(dH, transpose(WO));

  // Attention A = P V, P = softmax(S), S = QKᵀ/√d_k.
  const dV = matmul(transpose(P), dA);
  const dP = matmul(dA, transpose(V));
  const dS = P.map((p, i) => {
    const dot = p.reduce((s, pj, j) => s + pj * dP[i]![j]!, 0);
    return p.map((pj, j) => pj * (dP[i]![j]! - dot));
  });
  const dQ = matmul(dS, K);
  const dK = matmul(transpose(dS), Q);

  // Projections and the residual: x feeds Q, K, V and, directly, H.
  const xt = transpose(x);
  let dx = dH;
  dx = addInto(dx, matmul(dQ, transpose(WQ)));
  dx = addInto(dx, matmul(dK, transpose(WK)));
  dx = addInto(dx, matmul(dV, transpose(WV)));
  return { dx, dWQ: matmul(xt, dQ), dWK: matmul(xt, dK), dWV: matmul(xt, dV), dWO, dgamma, dbeta };
}
