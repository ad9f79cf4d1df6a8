// expect: exactly twice the right value
export function numericalGradient(f: (x: number[]) => number, x: number[], h = 1e-5): number[] {
  return x.map((xi, i) => {
    const xp = x.slice();
    const xm = x.slice();
    xp[i] = xi + h;
    xm[i] = xi - h;
    return (f(xp) - f(xm)) / h;
  });
}
