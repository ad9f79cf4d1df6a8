// expect: the accuracy of a finite difference
// The shortcut: log|det X| by elimination, and its central differences for every entry.
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

function logAbsDet(X: number[][]): number {
  const A = X.map((r) => r.slice());
  let s = 0;
  for (let k = 0; k < A.length; k++) {
    let p = k;
    for (let i = k + 1; i < A.length; i++) if (Math.abs(A[i]![k]!) > Math.abs(A[p]![k]!)) p = i;
    [A[k], A[p]] = [A[p]!, A[k]!];
    s += Math.log(Math.abs(A[k]![k]!));
    for (let i = k + 1; i < A.length; i++) {
      const m = A[i]![k]! / A[k]![k]!;
      for (let j = k; j < A.length; j++) A[i]![j]! -= m * A[k]![j]!;
    }
  }
  return s;
}

export function logDetGrad(X: number[][]): number[][] {
  const Y = X.map((r) => r.slice());
  return Y.map((r) => diffAll(() => logAbsDet(Y), r));
}
