// expect: exp overflowed
export function crossEntropy(logits: number[][], targets: number[]): number {
  let total = 0;
  logits.forEach((z, i) => {
    const lse = Math.log(z.reduce((s, zk) => s + Math.exp(zk), 0));
    total += lse - z[targets[i]!]!;
  });
  return total / logits.length;
}
