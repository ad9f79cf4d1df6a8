// expect: You kept k + 1 values
// Treats k as a 0-based index and keeps S[0] … S[k].
export function energyRatio(S: number[], k: number): number {
  const big = Math.max(...S);
  let kept = 0;
  let total = 0;
  S.forEach((s, i) => {
    const e = (s / big) ** 2;
    total += e;
    if (i <= k) kept += e;
  });
  return kept / total;
}
