// expect: not 1
export function posterior(prior: number[], likelihood: number[][], observations: number[]): number[] {
  const logScore = prior.map((pk, k) => observations.reduce((s, o) => s + Math.log(likelihood[k]![o]!), Math.log(pk)));
  const m = Math.max(...logScore);
  return logScore.map((s) => Math.exp(s - m));
}
