export function softmax(z: number[]): number[] {
  // TODO: return exp(z_i) / Σ_j exp(z_j) for every i.
  return z.map(() => 0);
}
