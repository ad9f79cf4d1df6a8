export function numericalGradient(f: (x: number[]) => number, x: number[], h?: number): number[] {
  // TODO: for each coordinate i, evaluate f at x + h·eᵢ and x − h·eᵢ (on copies of x)
  // and return the central differences (f(x + h·eᵢ) − f(x − h·eᵢ)) / 2h. Pick a sensible default for h.
  void f;
  void h;
  return x.map(() => 0);
}
