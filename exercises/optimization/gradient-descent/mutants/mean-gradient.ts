// expect: without 1/m
/**
 * Gradient descent on f(θ) = ½‖Aθ − b‖², whose gradient is ∇f(θ) = Aᵀ(Aθ − b), from θ = 0.
 * Computing the residual first costs O(mn) per step and never forms AᵀA (which would square the condition number).
 */
export function gradientDescent(A: number[][], b: number[], lr: number, steps: number): number[] {
  const m = A.length;
  const n = A[0]?.length ?? 0;
  const theta = new Array<number>(n).fill(0);
  for (let step = 0; step < steps; step++) {
    const r = new Array<number>(m);
    for (let i = 0; i < m; i++) {
      let s = -b[i]!;
      for (let j = 0; j < n; j++) s += A[i]![j]! * theta[j]!;
      r[i] = s;
    }
    // Accumulate the whole gradient before moving: every component must see the same θ.
    const g = new Array<number>(n).fill(0);
    for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) g[j]! += A[i]![j]! * r[i]!;
    for (let j = 0; j < n; j++) theta[j]! -= (lr * g[j]!) / m;
  }
  return theta;
}
