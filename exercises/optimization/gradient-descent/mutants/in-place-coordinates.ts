// expect: before changing θ
/** Updates θ coordinate by coordinate, so later components see a half-updated θ (Gauss–Seidel, not gradient descent). */
export function gradientDescent(A: number[][], b: number[], lr: number, steps: number): number[] {
  const n = A[0]?.length ?? 0;
  const theta = new Array<number>(n).fill(0);
  for (let step = 0; step < steps; step++) {
    for (let j = 0; j < n; j++) {
      let g = 0;
      for (let i = 0; i < A.length; i++) {
        let r = -b[i]!;
        for (let k = 0; k < n; k++) r += A[i]![k]! * theta[k]!;
        g += A[i]![j]! * r;
      }
      theta[j]! -= lr * g;
    }
  }
  return theta;
}
