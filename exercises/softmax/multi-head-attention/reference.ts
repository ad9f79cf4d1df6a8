import { matmul, transpose } from "linalg";

/** Row-wise softmax with the max shift: the largest exponent is 0, so scores of any size are safe. */
function softmaxRows(S: number[][]): number[][] {
  return S.map((row) => {
    const m = Math.max(...row);
    const e = row.map((v) => Math.exp(v - m));
    const total = e.reduce((a, b) => a + b, 0);
    return e.map((v) => v / total);
  });
}

/**
 * Q = xW_Q, K = xW_K, V = xW_V (n × d). Head h owns the contiguous columns [h·dₕ, (h+1)·dₕ) with dₕ = d/heads and
 * attends with its own scale 1/√dₕ: softmax(QₕKₕᵀ/√dₕ)Vₕ. The n × dₕ head outputs are concatenated side by side,
 * in head order, back to n × d, and W_O mixes the heads.
 */
export function multiHeadAttention(x: number[][], Wq: number[][], Wk: number[][], Wv: number[][], Wo: number[][], heads: number): number[][] {
  const Q = matmul(x, Wq);
  const K = matmul(x, Wk);
  const V = matmul(x, Wv);
  const d = Wq[0]!.length;
  const dh = d / heads;
  const cols = (M: number[][], h: number): number[][] => M.map((row) => row.slice(h * dh, (h + 1) * dh));
  const concat: number[][] = x.map(() => []);
  for (let h = 0; h < heads; h++) {
    const scores = matmul(cols(Q, h), transpose(cols(K, h))).map((row) => row.map((s) => s / Math.sqrt(dh)));
    const out = matmul(softmaxRows(scores), cols(V, h));
    out.forEach((row, i) => concat[i]!.push(...row));
  }
  return matmul(concat, Wo);
}
