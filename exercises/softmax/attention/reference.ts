export function attention(Q: number[][], K: number[][], V: number[][]): number[][] {
  const dk = Q[0]!.length;
  const dv = V[0]!.length;
  // Dot products of unit-variance vectors have variance d_k; dividing by √d_k keeps scores O(1) at any width.
  const scale = 1 / Math.sqrt(dk);
  return Q.map((q) => {
    const scores = K.map((k) => {
      let s = 0;
      for (let c = 0; c < dk; c++) s += q[c]! * k[c]!;
      return s * scale;
    });
    // A stable softmax over this query's row of scores (over the keys).
    const m = Math.max(...scores);
    const w = scores.map((s) => Math.exp(s - m));
    let sum = 0;
    for (const wj of w) sum += wj;
    const out = new Array<number>(dv).fill(0);
    w.forEach((wj, j) => {
      const vj = V[j]!;
      for (let c = 0; c < dv; c++) out[c]! += wj * vj[c]!;
    });
    return out.map((x) => x / sum);
  });
}
