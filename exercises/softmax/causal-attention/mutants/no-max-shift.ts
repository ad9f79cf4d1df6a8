// expect: subtract the maximum of the allowed scores
export function causalAttention(Q: number[][], K: number[][], V: number[][]): number[][] {
  // No max shift: large allowed scores overflow exp.
  const dk = Q[0]!.length;
  const scale = 1 / Math.sqrt(dk);
  return Q.map((q, i) => {
    const s = K.map((k, j) => (j > i ? -Infinity : q.reduce((a, qc, c) => a + qc * k[c]!, 0) * scale));
    let w = s.map((x) => Math.exp(x));
    const sum = w.reduce((a, b) => a + b, 0);
    w = w.map((x) => x / sum);
    return V[0]!.map((_, c) => w.reduce((a, wj, j) => a + wj * V[j]![c]!, 0));
  });
}
