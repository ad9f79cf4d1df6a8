// expect: called sample()
export function mcEstimate(f: (x: number) => number, sample: () => number, n: number): { mean: number; stderr: number } {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += f(sample());
  const mean = sum / n;
  // Fresh samples for the variance: 2n calls, and a variance that does not belong to the mean.
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (f(sample()) - mean) ** 2;
  return { mean, stderr: Math.sqrt(ss / (n - 1)) / Math.sqrt(n) };
}
