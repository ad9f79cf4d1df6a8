// expect: wrong sign
import { inv } from "linalg";

/** X⁻ᵀ G X⁻ᵀ: the transposes right, the minus sign of d(X⁻¹) forgotten. */
export function inverseGrad(X: number[][], G: number[][]): number[][] {
  const Xi = inv(X);
  const n = X.length;
  const M = G.map((gi) => Xi.map((xj) => gi.reduce((s, g, k) => s + g * xj[k]!, 0)));
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => {
    let s = 0;
    for (let k = 0; k < n; k++) s += Xi[k]![i]! * M[k]![j]!;
    return s;
  }));
}
