// expect: log-determinant term has the wrong sign
import { inv } from "linalg";

function logDet(S: number[][]): number {
  const n = S.length;
  const L = S.map(() => new Array<number>(n).fill(0));
  let sum = 0;
  for (let j = 0; j < n; j++) {
    let d = S[j]![j]!;
    for (let k = 0; k < j; k++) d -= L[j]![k]! ** 2;
    L[j]![j] = Math.sqrt(d);
    sum += 2 * Math.log(L[j]![j]!);
    for (let i = j + 1; i < n; i++) {
      let s = S[i]![j]!;
      for (let k = 0; k < j; k++) s -= L[i]![k]! * L[j]![k]!;
      L[i]![j] = s / L[j]![j]!;
    }
  }
  return sum;
}


export function klGaussians(mu0: number[], Sigma0: number[][], mu1: number[], Sigma1: number[][]): number {
  const d = mu0.length;
  const P = inv(Sigma1);
  let trace = 0;
  for (let i = 0; i < d; i++) for (let k = 0; k < d; k++) trace += P[i]![k]! * Sigma0[k]![i]!;
  const diff = mu1.map((m, i) => m - mu0[i]!);
  let maha = 0;
  for (let i = 0; i < d; i++) for (let k = 0; k < d; k++) maha += diff[i]! * P[i]![k]! * diff[k]!;
  return 0.5 * (trace + maha - d + logDet(Sigma0) - logDet(Sigma1));
}
