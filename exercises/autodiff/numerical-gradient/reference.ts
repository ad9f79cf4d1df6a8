/**
 * Central differences: ∂f/∂xᵢ ≈ (f(x + h·eᵢ) − f(x − h·eᵢ)) / 2h.
 * The truncation error is O(h²) (the even terms of the Taylor series cancel), the rounding error is O(ε·|f|/h);
 * h ≈ ε^{1/3} ≈ 6e-6 balances the two, so the default step is ε^{1/3} scaled by the size of xᵢ.
 */
export function numericalGradient(f: (x: number[]) => number, x: number[], h?: number): number[] {
  const cubeRootEps = Math.cbrt(Number.EPSILON);
  const g = new Array<number>(x.length);
  for (let i = 0; i < x.length; i++) {
    const xi = x[i]!;
    const step = h ?? cubeRootEps * Math.max(1, Math.abs(xi));
    // Fresh copies: f may keep or modify its argument, and the caller's x must stay untouched.
    const xp = x.slice();
    const xm = x.slice();
    xp[i] = xi + step;
    xm[i] = xi - step;
    // Divide by the step actually taken: (xi + step) − (xi − step) may differ from 2·step by rounding.
    g[i] = (f(xp) - f(xm)) / (xp[i]! - xm[i]!);
  }
  return g;
}
