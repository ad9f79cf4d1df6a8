// expect: never negative
export function crossEntropy(logits: number[][], targets: number[]): number {
  let total = 0;
  logits.forEach((z, i) => {
    const m = Math.max(...z);
    const lse = m + Math.log(z.reduce((s, zk) => s + Math.exp(zk - m), 0));
    total += z[targets[i]!]! - lse;
  });
  return total / logits.length;
}
