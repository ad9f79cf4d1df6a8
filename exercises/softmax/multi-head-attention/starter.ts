import { matmul, transpose } from "linalg";

export function multiHeadAttention(x: number[][], Wq: number[][], Wk: number[][], Wv: number[][], Wo: number[][], heads: number): number[][] {
  // TODO: project, split the columns into `heads` contiguous blocks, attend per head, concatenate, multiply by Wo.
  void matmul;
  void transpose;
  void Wk;
  void Wv;
  void Wo;
  void heads;
  return x.map(() => Wq[0]!.map(() => 0));
}
