// expect: finite differences of your own f
// Writes f(θ) = ½‖Aθ − b‖² and takes central differences of it: right values (f is quadratic, so they are exact up
// to rounding), but two evaluations of f per parameter.
function f(A: number[][], theta: number[], b: number[]): number {
  let s = 0;
  for (let i = 0; i < A.length; i++) {
    const row = A[i]!;
    let r = -b[i]!;
    for (let j = 0; j < theta.length; j++) r += row[j]! * theta[j]!;
    s += r * r;
  }
  return s / 2;
}

export function lsqGrad(A: number[][], theta: number[], b: number[]): number[] {
  const h = 1e-4;
  const t = theta.slice();
  return theta.map((v, j) => {
    t[j] = v + h;
    const fp = f(A, t, b);
    t[j] = v - h;
    const fm = f(A, t, b);
    t[j] = v;
    return (fp - fm) / (2 * h);
  });
}
