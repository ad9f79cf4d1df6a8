// expect: underflows to 0 for every hypothesis
export function posterior(prior: number[], likelihood: number[][], observations: number[]): number[] {
  const score = prior.map((pk, k) => observations.reduce((s, o) => s * likelihood[k]![o]!, pk));
  const total = score.reduce((a, b) => a + b, 0);
  return score.map((x) => x / total);
}
