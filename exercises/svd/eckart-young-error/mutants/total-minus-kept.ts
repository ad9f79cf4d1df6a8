// expect: cancels almost every digit
// Subtracts the kept energy from the total: cancellation when the tail is small.
export function lowRankError(S: number[], k: number): number {
  const big = Math.max(0, ...S);
  if (big === 0) return 0;
  let total = 0;
  let kept = 0;
  S.forEach((s, i) => {
    total += (s / big) ** 2;
    if (i < k) kept += (s / big) ** 2;
  });
  return big * Math.sqrt(Math.max(total - kept, 0));
}
