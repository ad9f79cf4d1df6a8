export interface Tensor {
  shape: number[];
  data: number[];
}

export function attentionScores(Q: Tensor, K: Tensor): Tensor {
  const [B, H, Nq, D] = Q.shape as [number, number, number, number];
  const Nk = K.shape[2]!;
  const scale = 1 / Math.sqrt(D);
  const out = new Array<number>(B * H * Nq * Nk);
  // Row-major: Q[b,h,q,d] sits at ((b·H + h)·Nq + q)·D + d. Each (b, h) slice is an Nq×D block, so one base offset
  // per slice and contiguous rows of length D inside it.
  for (let bh = 0; bh < B * H; bh++) {
    const qBase = bh * Nq * D;
    const kBase = bh * Nk * D;
    const oBase = bh * Nq * Nk;
    for (let i = 0; i < Nq; i++) {
      for (let j = 0; j < Nk; j++) {
        let s = 0;
        for (let d = 0; d < D; d++) s += Q.data[qBase + i * D + d]! * K.data[kBase + j * D + d]!;
        // Scaling by 1/√d keeps the scores' variance near 1 for unit-variance q and k, whatever the head size.
        out[oBase + i * Nk + j] = s * scale;
      }
    }
  }
  return { shape: [B, H, Nq, Nk], data: out };
}
