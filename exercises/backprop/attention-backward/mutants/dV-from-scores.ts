// expect: built from the raw scores
type Matrix = number[][];

function matmul(A: Matrix, B: Matrix): Matrix {
  return A.map((row) => (B[0] ?? []).map((_, j) => row.reduce((s, a, k) => s + a * B[k]![j]!, 0)));
}

function transpose(A: Matrix): Matrix {
  return (A[0] ?? []).map((_, j) => A.map((row) => row[j]!));
}

/** Row-wise softmax, shifted by each row's max so that exp never overflows. */
function softmaxRows(S: Matrix): Matrix {
  return S.map((row) => {
    const max = Math.max(...row);
    const e = row.map((v) => Math.exp(v - max));
    const total = e.reduce((a, b) => a + b, 0);
    return e.map((v) => v / total);
  });
}

/**
 * out = P V with P = softmax(S) row-wise and S = QKᵀ/√d. Backward, one matrix product at a time:
 *   dV = Pᵀ dOut,  dP = dOut Vᵀ,
 *   dS = P ⊙ (dP − rowsum(P ⊙ dP))   (the softmax Jacobian diag(p) − ppᵀ applied to each row),
 *   dQ = dS K / √d,  dK = dSᵀ Q / √d.
 */
export function attentionBackward(
  Q: Matrix,
  K: Matrix,
  V: Matrix,
  dOut: Matrix,
): { dQ: Matrix; dK: Matrix; dV: Matrix } {
  const scale = 1 / Math.sqrt(Q[0]?.length ?? 1);
  const S = matmul(Q, transpose(K)).map((row) => row.map((v) => v * scale));
  const P = softmaxRows(S);
  const dV = matmul(transpose(S), dOut);
  const dP = matmul(dOut, transpose(V));
  const dS = P.map((p, i) => {
    const dot = p.reduce((s, pj, j) => s + pj * dP[i]![j]!, 0);
    return p.map((pj, j) => pj * (dP[i]![j]! - dot));
  });
  const dQ = matmul(dS, K).map((row) => row.map((v) => v * scale));
  const dK = matmul(transpose(dS), Q).map((row) => row.map((v) => v * scale));
  return { dQ, dK, dV };
}
