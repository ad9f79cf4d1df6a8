// expect: fresh copy
export function numericalGradient(f: (x: number[]) => number, x: number[], h = 1e-5): number[] {
  const xs = x.slice();
  const g: number[] = [];
  for (let i = 0; i < xs.length; i++) {
    xs[i]! += h;
    const fp = f(xs);
    xs[i]! -= 2 * h;
    const fm = f(xs);
    // Forgot to put xs[i] back: every later coordinate is differentiated at a shifted point.
    g.push((fp - fm) / (2 * h));
  }
  return g;
}
