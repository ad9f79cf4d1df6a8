import { solve } from "linalg";

export function newtonStep(grad: number[], hess: number[][]): number[] {
  // TODO: return the step d that minimises the quadratic model gᵀd + ½dᵀHd, i.e. the solution of H·d = −g.
  void solve;
  void hess;
  return grad.map(() => 0);
}
