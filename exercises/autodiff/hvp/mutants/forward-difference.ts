// expect: central difference
export function hessianVectorProduct(grad: (x: number[]) => number[], x: number[], v: number[], h = 1e-5): number[] {
  const g0 = grad(x.slice());
  const gp = grad(x.map((xi, i) => xi + h * v[i]!));
  return gp.map((g, i) => (g - g0[i]!) / h);
}
