// expect: You returned −X⁻¹ G X⁻¹
import { inv } from "linalg";

export function inverseGrad(X: number[][], G: number[][]): number[][] {
  const Xi = inv(X);
  const n = X.length;
  const XiG = Xi.map((row) => G[0]!.map((_, j) => row.reduce((s, v, k) => s + v * G[k]![j]!, 0)));
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => -XiG[i]!.reduce((s, v, k) => s + v * Xi[k]![j]!, 0)));
}
