/** Central differences, (f(x+h·e) − f(x−h·e)) / 2h, on copies: the caller's arrays are never perturbed. */
export function centralDiff(f: (x: number[]) => number, x: readonly number[], h = 1e-6): number[] {
  const g = new Array<number>(x.length);
  const xp = x.slice();
  for (let i = 0; i < x.length; i++) {
    const xi = x[i]!;
    xp[i] = xi + h;
    const fp = f(xp.slice());
    xp[i] = xi - h;
    const fm = f(xp.slice());
    xp[i] = xi;
    g[i] = (fp - fm) / (2 * h);
  }
  return g;
}

/** Central differences with respect to every entry of a matrix argument. */
export function centralDiffMatrix(f: (X: number[][]) => number, X: readonly (readonly number[])[], h = 1e-6): number[][] {
  const cols = X[0]?.length ?? 0;
  const flat = X.flatMap((row) => [...row]);
  const g = centralDiff((v) => f(unflatten(v, cols)), flat, h);
  return unflatten(g, cols);
}

function unflatten(v: readonly number[], cols: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < v.length; i += cols) out.push(v.slice(i, i + cols));
  return out;
}

/** rel = ‖ga − gn‖ / (‖ga‖ + ‖gn‖ + 1e−12), over all entries of equally shaped nested arrays. */
export function gradientRelativeError(ga: readonly number[], gn: readonly number[]): number {
  let d = 0;
  let a = 0;
  let n = 0;
  for (let i = 0; i < ga.length; i++) {
    d += (ga[i]! - gn[i]!) ** 2;
    a += ga[i]! ** 2;
    n += gn[i]! ** 2;
  }
  return Math.sqrt(d) / (Math.sqrt(a) + Math.sqrt(n) + 1e-12);
}
