// expect: normal equations
import { inv, matmul, transpose } from "linalg";

// x = (AᵀA)⁻¹Aᵀb: right for full column rank, wrong (or a thrown "singular") otherwise.
export function lstsq(A: number[][], b: number[]): number[] {
  const At = transpose(A);
  const x = matmul(matmul(inv(matmul(At, A)), At), b.map((v) => [v]));
  return x.map((row) => row[0]!);
}
