// expect: exactly twice the right value
export function hessianVectorProduct(grad: (x: number[]) => number[], x: number[], v: number[], h = 1e-5): number[] {
  const gp = grad(x.map((xi, i) => xi + h * v[i]!));
  const gm = grad(x.map((xi, i) => xi - h * v[i]!));
  return gp.map((g, i) => (g - gm[i]!) / h);
}
