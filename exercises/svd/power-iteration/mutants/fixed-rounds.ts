// expect: has not converged
// Ignores `iters` and always runs 25 rounds: enough for a clear gap, not for σ₂/σ₁ near 1.
import { norm } from "linalg";

function times(A: number[][], v: number[]): number[] {
  return A.map((row) => row.reduce((s, a, j) => s + a * v[j]!, 0));
}

function timesTransposed(A: number[][], u: number[]): number[] {
  const out = new Array<number>(A[0]?.length ?? 0).fill(0);
  A.forEach((row, i) => row.forEach((a, j) => (out[j]! += a * u[i]!)));
  return out;
}

export function topSingular(A: number[][], iters: number): { sigma: number; u: number[]; v: number[] } {
  const n = A[0]?.length ?? 0;
  let v = new Array<number>(n).fill(1 / Math.sqrt(n));
  // Alternate A and Aᵀ, normalizing each time: AᵀA would square the entries (overflow near 1e154), and an
  // unnormalized vector grows like σ₁^(2k). `norm` scales by max|x| so that it cannot overflow either.
  for (let k = 0; k < 25; k++) {
    const Av = times(A, v);
    const nu = norm(Av);
    const u = Av.map((x) => x / nu);
    const Atu = timesTransposed(A, u);
    const nv = norm(Atu);
    v = Atu.map((x) => x / nv);
  }
  const Av = times(A, v);
  const sigma = norm(Av);
  return { sigma, u: Av.map((x) => x / sigma), v };
}
