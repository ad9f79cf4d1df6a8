// expect: You scaled the scores by 1/√d
import { matmul, transpose } from "linalg";

function softmaxRows(S: number[][]): number[][] {
  return S.map((row) => {
    const m = Math.max(...row);
    const e = row.map((v) => Math.exp(v - m));
    const t = e.reduce((a, b) => a + b, 0);
    return e.map((v) => v / t);
  });
}

export function multiHeadAttention(x: number[][], Wq: number[][], Wk: number[][], Wv: number[][], Wo: number[][], heads: number): number[][] {
  const Q = matmul(x, Wq);
  const K = matmul(x, Wk);
  const V = matmul(x, Wv);
  const d = Wq[0]!.length;
  const dh = d / heads;
  const cols = (A: number[][], h: number): number[][] => A.map((row) => row.slice(h * dh, (h + 1) * dh));
  const concat: number[][] = x.map(() => []);
  for (let h = 0; h < heads; h++) {
    const scores = matmul(cols(Q, h), transpose(cols(K, h))).map((row) => row.map((s) => s / Math.sqrt(d)));
    matmul(softmaxRows(scores), cols(V, h)).forEach((row, i) => concat[i]!.push(...row));
  }
  return matmul(concat, Wo);
}
