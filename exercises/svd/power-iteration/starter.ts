export function topSingular(A: number[][], iters: number): { sigma: number; u: number[]; v: number[] } {
  const m = A.length;
  const n = A[0]?.length ?? 0;
  // TODO: start from v = (1, …, 1)/√n; repeat iters times u = Av/‖Av‖, v = Aᵀu/‖Aᵀu‖;
  // then return sigma = ‖Av‖, u = Av/sigma and v.
  return { sigma: 0, u: new Array<number>(m).fill(0), v: new Array<number>(n).fill(0) };
}
