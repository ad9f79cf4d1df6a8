export function sigmoidGrad(x: number[]): number[] {
  // TODO: return σ'(x) element by element, where σ(x) = 1/(1 + e^(−x)).
  return x.map(() => 0);
}

export function tanhGrad(x: number[]): number[] {
  // TODO: return tanh'(x) element by element.
  return x.map(() => 0);
}
