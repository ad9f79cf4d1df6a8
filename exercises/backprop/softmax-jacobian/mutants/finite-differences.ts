// expect: the accuracy of a finite difference
// The shortcut: column j of the Jacobian as the central difference of softmax along e_j.
function softmax(z: number[]): number[] {
  const m = Math.max(...z);
  const e = z.map((v) => Math.exp(v - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

export function softmaxJacobian(z: number[]): number[][] {
  const h = 1e-5;
  const n = z.length;
  const J = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let j = 0; j < n; j++) {
    const zp = z.slice();
    const zm = z.slice();
    zp[j]! += h;
    zm[j]! -= h;
    const sp = softmax(zp);
    const sm = softmax(zm);
    for (let i = 0; i < n; i++) J[i]![j] = (sp[i]! - sm[i]!) / (2 * h);
  }
  return J;
}
