// expect: swamps the difference
export function numericalGradient(f: (x: number[]) => number, x: number[], h = 1e-13): number[] {
  // A step far below ε^{1/3}: rounding error ε·|f|/h swamps the difference.
  return x.map((xi, i) => {
    const xp = x.slice();
    const xm = x.slice();
    xp[i] = xi + h;
    xm[i] = xi - h;
    return (f(xp) - f(xm)) / (2 * h);
  });
}
