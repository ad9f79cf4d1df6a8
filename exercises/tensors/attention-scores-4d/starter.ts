export interface Tensor {
  shape: number[];
  data: number[];
}

export function attentionScores(Q: Tensor, K: Tensor): Tensor {
  const [B = 0, H = 0, Nq = 0] = Q.shape;
  const Nk = K.shape[2] ?? 0;
  // TODO: out[b,h,i,j] = Σ_d Q[b,h,i,d]·K[b,h,j,d] / √d, all tensors row-major.
  return { shape: [B, H, Nq, Nk], data: new Array<number>(B * H * Nq * Nk).fill(0) };
}
