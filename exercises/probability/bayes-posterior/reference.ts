/**
 * P(k | o₁…o_n) ∝ P(k) · Πₜ P(oₜ | k). The product of 2000 probabilities underflows to 0 for every k, and 0/0 is NaN,
 * so add logarithms instead and normalise with log-sum-exp: subtracting the largest log-score makes the best
 * hypothesis exp(0) = 1 and the denominator at least 1.
 */
export function posterior(prior: number[], likelihood: number[][], observations: number[]): number[] {
  const logScore = prior.map((pk, k) => {
    if (pk === 0) return -Infinity;
    let s = Math.log(pk);
    for (const o of observations) s += Math.log(likelihood[k]![o]!); // log 0 = −Infinity rules k out
    return s;
  });
  const m = Math.max(...logScore); // finite: the cases always leave one hypothesis possible
  const w = logScore.map((s) => Math.exp(s - m));
  const total = w.reduce((a, b) => a + b, 0);
  return w.map((x) => x / total);
}
