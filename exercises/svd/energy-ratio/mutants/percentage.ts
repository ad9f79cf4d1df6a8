// expect: That is a percentage
// Returns a percentage instead of a fraction.
export function energyRatio(S: number[], k: number): number {
  const big = Math.max(...S);
  let kept = 0;
  let total = 0;
  S.forEach((s, i) => {
    const e = (s / big) ** 2;
    total += e;
    if (i < k) kept += e;
  });
  return (100 * kept) / total;
}
