// expect: central difference
export function numericalGradient(f: (x: number[]) => number, x: number[], h = 1e-5): number[] {
  const f0 = f(x.slice());
  return x.map((xi, i) => {
    const xp = x.slice();
    xp[i] = xi + h;
    return (f(xp) - f0) / h;
  });
}
