// expect: mask before the softmax
export function causalAttention(Q: number[][], K: number[][], V: number[][]): number[][] {
  // Softmax over every key, then zeroes the future weights: rows no longer sum to 1.
  const dk = Q[0]!.length;
  const scale = 1 / Math.sqrt(dk);
  return Q.map((q, i) => {
    const s = K.map((k, j) => q.reduce((a, qc, c) => a + qc * k[c]!, 0) * scale);
    const m = Math.max(...s);
    let w = s.map((x) => Math.exp(x - m));
    const sum = w.reduce((a, b) => a + b, 0);
    w = w.map((x) => x / sum);
    w = w.map((x, j) => (j > i ? 0 : x));
    return V[0]!.map((_, c) => w.reduce((a, wj, j) => a + wj * V[j]![c]!, 0));
  });
}
