// expect: one row per query
// Sums over the query axis instead of the feature axis: einsum('bhqd,bhqe->bhde'), a d×d result per head.
export interface Tensor {
  shape: number[];
  data: number[];
}

export function attentionScores(Q: Tensor, K: Tensor): Tensor {
  const [B, H, Nq, D] = Q.shape as [number, number, number, number];
  const Nk = K.shape[2]!;
  const N = Math.min(Nq, Nk);
  const out: number[] = [];
  for (let bh = 0; bh < B * H; bh++)
    for (let a = 0; a < D; a++)
      for (let c = 0; c < D; c++) {
        let s = 0;
        for (let t = 0; t < N; t++) s += Q.data[(bh * Nq + t) * D + a]! * K.data[(bh * Nk + t) * D + c]!;
        out.push(s / Math.sqrt(D));
      }
  return { shape: [B, H, D, D], data: out };
}
