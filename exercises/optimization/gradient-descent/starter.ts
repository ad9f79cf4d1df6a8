export function gradientDescent(A: number[][], b: number[], lr: number, steps: number): number[] {
  // TODO: start from θ = 0 and repeat `steps` times: θ ← θ − lr · Aᵀ(Aθ − b).
  void b;
  void lr;
  void steps;
  return (A[0] ?? []).map(() => 0);
}
