// expect: linear in v
export function hessianVectorProduct(grad: (x: number[]) => number[], x: number[], v: number[], h = 1e-5): number[] {
  // Normalizes v but forgets to scale the result back by ‖v‖.
  const n = Math.hypot(...v);
  if (n === 0) return v.map(() => 0);
  const u = v.map((vi) => vi / n);
  const gp = grad(x.map((xi, i) => xi + h * u[i]!));
  const gm = grad(x.map((xi, i) => xi - h * u[i]!));
  return gp.map((g, i) => (g - gm[i]!) / (2 * h));
}
