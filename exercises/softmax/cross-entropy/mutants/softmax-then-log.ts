// expect: confidently wrong
export function crossEntropy(logits: number[][], targets: number[]): number {
  let total = 0;
  logits.forEach((z, i) => {
    const m = Math.max(...z);
    const e = z.map((zk) => Math.exp(zk - m));
    const sum = e.reduce((a, b) => a + b, 0);
    total += -Math.log(e[targets[i]!]! / sum);
  });
  return total / logits.length;
}
