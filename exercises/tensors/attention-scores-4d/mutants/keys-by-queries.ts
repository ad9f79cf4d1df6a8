// expect: one row per query
// Lays the output out as [B, H, N_k, N_q] (keys as rows).
export interface Tensor {
  shape: number[];
  data: number[];
}

export function attentionScores(Q: Tensor, K: Tensor): Tensor {
  const [B, H, Nq, D] = Q.shape as [number, number, number, number];
  const Nk = K.shape[2]!;
  const out: number[] = [];
  for (let bh = 0; bh < B * H; bh++)
    for (let j = 0; j < Nk; j++)
      for (let i = 0; i < Nq; i++) {
        let s = 0;
        for (let t = 0; t < D; t++) s += Q.data[(bh * Nq + i) * D + t]! * K.data[(bh * Nk + j) * D + t]!;
        out.push(s / Math.sqrt(D));
      }
  return { shape: [B, H, Nk, Nq], data: out };
}
