export function softmaxCrossEntropyGrad(z: number[], target: number): number[] {
  // L = log Σ exp(z) − z_t. The first term's gradient is softmax(z) (the gradient of log-sum-exp), the second's
  // is the one-hot y: ∂L/∂z = s − y. No Jacobian is ever formed.
  const m = Math.max(...z);
  const e = z.map((zi) => Math.exp(zi - m));
  let sum = 0;
  for (const ei of e) sum += ei;
  return e.map((ei, i) => ei / sum - (i === target ? 1 : 0));
}
