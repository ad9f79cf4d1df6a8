export function softmaxT(z: number[], T: number): number[] {
  // TODO: return softmax(z / T), stable for every T > 0 (shift the scaled logits before exp).
  return z.map(() => 0);
}
