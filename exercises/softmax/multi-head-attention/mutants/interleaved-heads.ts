// expect: interleaved
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
  const cols = (A: number[][], h: number): number[][] => A.map((row) => row.filter((_, j) => j % heads === h));
  const concat: number[][] = x.map(() => new Array<number>(d).fill(0));
  for (let h = 0; h < heads; h++) {
    const scores = matmul(cols(Q, h), transpose(cols(K, h))).map((row) => row.map((s) => s / Math.sqrt(dh)));
    matmul(softmaxRows(scores), cols(V, h)).forEach((row, i) => row.forEach((v, k) => (concat[i]![k * heads + h] = v)));
  }
  return matmul(concat, Wo);
}
