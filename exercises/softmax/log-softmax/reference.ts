export function logSoftmax(z: number[]): number[] {
  // log Σ exp(z) = m + log Σ exp(z − m) with m = max(z): the largest term is exp(0) = 1, so the sum lies in
  // [1, n] and its log is safe. Subtracting from the logits keeps tiny probabilities as ordinary negative numbers.
  const m = Math.max(...z);
  let sum = 0;
  for (const zi of z) sum += Math.exp(zi - m);
  const logSum = Math.log(sum);
  return z.map((zi) => zi - m - logSum);
}
