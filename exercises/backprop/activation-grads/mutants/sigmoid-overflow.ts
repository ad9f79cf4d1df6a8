// expect: exp only sees −|x|
/** σ(x) = 1/(1 + e^(−x)), evaluated so that exp only ever sees a non-positive argument (no overflow). */
function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

/** σ'(x) = σ(x)(1 − σ(x)) = σ(x)σ(−x): the second form keeps its digits when σ(x) rounds to 1. */
export function sigmoidGrad(x: number[]): number[] {
  return x.map((v) => Math.exp(-v) / (1 + Math.exp(-v)) ** 2);
}

/** tanh'(x) = 1 − tanh²(x) = 1/cosh²(x) = 4e^(−2|x|)/(1 + e^(−2|x|))², exact even where tanh(x) rounds to ±1. */
export function tanhGrad(x: number[]): number[] {
  return x.map((v) => {
    const e = Math.exp(-2 * Math.abs(v));
    return (4 * e) / ((1 + e) * (1 + e));
  });
}
