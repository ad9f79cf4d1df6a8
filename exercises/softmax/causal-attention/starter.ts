export function causalAttention(Q: number[][], K: number[][], V: number[][]): number[][] {
  // TODO: for each position i, softmax over j ≤ i of (Q[i] · K[j]) / sqrt(d_k) (scores with j > i are −∞),
  // then the weighted sum of the rows of V.
  const dv = V[0]?.length ?? 0;
  return Q.map(() => new Array<number>(dv).fill(0));
}
