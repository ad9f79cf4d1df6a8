// expect: the accuracy of a finite difference
import { inv } from "linalg";

/** The shortcut: central differences of the learner's own forward pass ⟨G, X⁻¹⟩. */
export function inverseGrad(X: number[][], G: number[][]): number[][] {
  const h = 1e-6;
  const loss = (Y: number[][]): number => {
    const Z = inv(Y);
    return G.reduce((s, g, i) => s + g.reduce((t, v, j) => t + v * Z[i]![j]!, 0), 0);
  };
  return X.map((row, i) => row.map((_, j) => {
    const P = X.map((r) => r.slice());
    const Q = X.map((r) => r.slice());
    P[i]![j]! += h;
    Q[i]![j]! -= h;
    return (loss(P) - loss(Q)) / (2 * h);
  }));
}
