import { det } from "linalg";

export function logDensityY(
  logPx: (x: number[]) => number,
  gInv: (y: number[]) => number[],
  jacGInv: (y: number[]) => number[][],
  y: number[],
): number {
  // TODO: map y back to x = g⁻¹(y), evaluate log p_X there, and account for how g⁻¹ changes volume around y
  // (through the determinant of its Jacobian).
  void logPx;
  void gInv;
  void jacGInv;
  void det;
  void y;
  return 0;
}
