export function softmax(z: number[]): number[] {
  // TODO: return exp(z_i) / Σ_j exp(z_j) for every i — shift the logits first so that exp cannot overflow.
  return z.map(() => 0);
}
