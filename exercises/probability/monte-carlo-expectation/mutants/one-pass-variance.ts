// expect: one-pass formula
export function mcEstimate(f: (x: number) => number, sample: () => number, n: number): { mean: number; stderr: number } {
  let sum = 0;
  let sumSq = 0;
  for (let i = 0; i < n; i++) {
    const y = f(sample());
    sum += y;
    sumSq += y * y;
  }
  const mean = sum / n;
  const variance = (sumSq - n * mean * mean) / (n - 1);
  return { mean, stderr: Math.sqrt(Math.max(variance, 0) / n) };
}
