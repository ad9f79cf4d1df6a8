export function causalAttention(Q: number[][], K: number[][], V: number[][]): number[][] {
  const dk = Q[0]!.length;
  const dv = V[0]!.length;
  const scale = 1 / Math.sqrt(dk);
  return Q.map((q, i) => {
    // The mask j > i → −∞ means those keys contribute exp(−∞) = 0: simply leave them out of the softmax.
    // The row maximum is taken over the allowed keys only, so a huge future score cannot push them to 0.
    const scores: number[] = [];
    for (let j = 0; j <= i; j++) {
      const k = K[j]!;
      let s = 0;
      for (let c = 0; c < dk; c++) s += q[c]! * k[c]!;
      scores.push(s * scale);
    }
    const m = Math.max(...scores);
    const out = new Array<number>(dv).fill(0);
    let sum = 0;
    scores.forEach((s, j) => {
      const w = Math.exp(s - m);
      sum += w;
      const vj = V[j]!;
      for (let c = 0; c < dv; c++) out[c]! += w * vj[c]!;
    });
    return out.map((x) => x / sum);
  });
}
