export function logSoftmax(z: number[]): number[] {
  // TODO: return z_i − log Σ_j exp(z_j) for every i, without computing the probabilities and without overflow.
  return z.map(() => 0);
}
