export function attention(Q: number[][], K: number[][], V: number[][]): number[][] {
  // TODO: for each query row i, softmax over j of (Q[i] · K[j]) / sqrt(d_k), then the weighted sum of the rows of V.
  const dv = V[0]?.length ?? 0;
  return Q.map(() => new Array<number>(dv).fill(0));
}
