/** Frobenius error of the best rank-k approximation: the norm of the discarded singular values. */
export function lowRankError(S: number[], k: number): number {
  const tail = S.slice(k); // σ_{k+1}, …, σ_p: 0-based arrays start the tail at index k
  // Divide by the largest discarded value before squaring, so that σ = 1e200 does not overflow to Infinity
  // and σ = 1e-200 does not underflow to 0. S is descending, but max() does not rely on it.
  let big = 0;
  for (const s of tail) big = Math.max(big, Math.abs(s));
  if (big === 0) return 0;
  let sum = 0;
  for (const s of tail) sum += (s / big) ** 2;
  return big * Math.sqrt(sum);
}
