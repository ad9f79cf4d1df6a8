export function softmaxCrossEntropyGrad(z: number[], target: number): number[] {
  // TODO: return ∂L/∂z for L = −log softmax(z)[target]; compute the softmax stably (shift by max(z)).
  return z.map(() => 0);
}
