export function posterior(prior: number[], likelihood: number[][], observations: number[]): number[] {
  // TODO: P(k | observations) ∝ P(k) · Π P(o | k), normalised over k. likelihood[k][o] = P(o | k).
  void likelihood;
  void observations;
  return prior.map(() => 0);
}
