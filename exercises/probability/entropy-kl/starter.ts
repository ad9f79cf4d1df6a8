/** H(p) = −Σ pᵢ log pᵢ in nats. */
export function entropy(p: number[]): number {
  // TODO
  return 0 * p.length;
}

/** H(p, q) = −Σ pᵢ log qᵢ in nats. */
export function crossEntropyPQ(p: number[], q: number[]): number {
  // TODO
  return 0 * p.length * q.length;
}

/** KL(p‖q) = Σ pᵢ log(pᵢ / qᵢ) in nats. */
export function klDivergence(p: number[], q: number[]): number {
  // TODO
  return 0 * p.length * q.length;
}
