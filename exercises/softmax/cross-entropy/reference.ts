/** −log softmax(z)_t = log Σ exp(z) − z_t, with log-sum-exp shifted by the maximum so that nothing overflows. */
function negLogProb(z: number[], t: number): number {
  const m = Math.max(...z);
  let sum = 0;
  for (const zk of z) sum += Math.exp(zk - m);
  // Never forms p_t itself: a confidently wrong p_t underflows to 0, but m − z_t + log(sum) stays finite.
  return m - z[t]! + Math.log(sum);
}

export function crossEntropy(logits: number[][], targets: number[]): number {
  let total = 0;
  for (let i = 0; i < logits.length; i++) total += negLogProb(logits[i]!, targets[i]!);
  return total / logits.length;
}
