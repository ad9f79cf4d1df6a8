export function hessianVectorProduct(grad: (x: number[]) => number[], x: number[], v: number[], h?: number): number[] {
  // TODO: evaluate the gradient at x + h·v and at x − h·v and return their central difference divided by 2h.
  // Choose a sensible default step when h is not given.
  void grad;
  void v;
  void h;
  return x.map(() => 0);
}
