export function logSumExp(z: number[]): number {
  // Factor out m = max(z): log Σ exp(z) = m + log Σ exp(z − m). The largest term is exp(0) = 1, so the sum is in
  // [1, n]: it can neither overflow nor underflow to 0, and the terms that underflow are negligible next to 1.
  const m = Math.max(...z);
  let sum = 0;
  for (const zi of z) sum += Math.exp(zi - m);
  return m + Math.log(sum);
}
