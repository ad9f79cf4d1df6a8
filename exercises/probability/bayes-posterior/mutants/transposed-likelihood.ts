// expect: You read likelihood[o][k]
export function posterior(prior: number[], likelihood: number[][], observations: number[]): number[] {
  const logScore = prior.map((pk, k) => observations.reduce((s, o) => s + Math.log(likelihood[o]?.[k] ?? 0), Math.log(pk)));
  const m = Math.max(...logScore);
  const w = logScore.map((s) => Math.exp(s - m));
  const total = w.reduce((a, b) => a + b, 0);
  return w.map((x) => x / total);
}
