// expect: Your stderr is s/n
export function mcEstimate(f: (x: number) => number, sample: () => number, n: number): { mean: number; stderr: number } {
  const y = Array.from({ length: n }, () => f(sample()));
  const mean = y.reduce((a, b) => a + b, 0) / n;
  const s = Math.sqrt(y.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1));
  return { mean, stderr: s / n };
}
