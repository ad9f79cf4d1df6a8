/** H(p) = −Σ pᵢ log pᵢ in nats. A term with pᵢ = 0 is 0: the limit of x log x as x → 0⁺. */
export function entropy(p: number[]): number {
  let h = 0;
  for (const pi of p) if (pi > 0) h -= pi * Math.log(pi);
  return h;
}

/** H(p, q) = −Σ pᵢ log qᵢ: Infinity as soon as q gives 0 to an outcome p can produce. */
export function crossEntropyPQ(p: number[], q: number[]): number {
  let h = 0;
  for (let i = 0; i < p.length; i++) {
    const pi = p[i]!;
    if (pi === 0) continue;
    if (q[i]! === 0) return Infinity;
    h -= pi * Math.log(q[i]!);
  }
  return h;
}

/**
 * KL(p‖q) = Σ pᵢ log(pᵢ/qᵢ), summed directly. H(p, q) − H(p) is the same number on paper, but when q ≈ p both are
 * about log n while their difference is tiny, and the subtraction keeps only the rounding noise of the two sums.
 * log1p((pᵢ − qᵢ)/qᵢ) keeps the digits of a ratio close to 1 (pᵢ − qᵢ is exact for nearby floats).
 */
export function klDivergence(p: number[], q: number[]): number {
  let kl = 0;
  for (let i = 0; i < p.length; i++) {
    const pi = p[i]!;
    const qi = q[i]!;
    if (pi === 0) continue;
    if (qi === 0) return Infinity;
    kl += pi * Math.log1p((pi - qi) / qi);
  }
  // Each term can be negative, the sum cannot (Gibbs' inequality); clamp the last rounding error.
  return Math.max(kl, 0);
}
