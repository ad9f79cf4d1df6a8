/**
 * Draw n samples once, keep f(x) of each. The mean is their average; the standard error of the mean is s/√n with the
 * unbiased sample standard deviation s (divide by n − 1). The variance takes a second pass over the stored values:
 * the one-pass Σy² − n·ȳ² subtracts two numbers of size n·ȳ², and when ȳ is large against the spread
 * (f(x) = 10⁶ + x) almost all of their digits cancel.
 */
export function mcEstimate(f: (x: number) => number, sample: () => number, n: number): { mean: number; stderr: number } {
  const y: number[] = [];
  for (let i = 0; i < n; i++) y.push(f(sample()));
  let sum = 0;
  for (const v of y) sum += v;
  const mean = sum / n;
  let ss = 0;
  for (const v of y) ss += (v - mean) ** 2;
  const s = Math.sqrt(ss / (n - 1));
  return { mean, stderr: s / Math.sqrt(n) };
}
