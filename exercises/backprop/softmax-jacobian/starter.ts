export function softmaxJacobian(z: number[]): number[][] {
  // TODO: compute s = softmax(z) and return the n×n matrix J with J[i][j] = ∂s_i/∂z_j.
  return z.map(() => z.map(() => 0));
}
