import { svd } from "linalg";

/** Best rank-k approximation (Eckart–Young): keep the k largest singular triplets of A. */
export function rankKApprox(A: number[][], k: number): { Ak: number[][]; error: number; storage: number } {
  const m = A.length;
  const n = A[0]?.length ?? 0;
  const { U, S, Vt } = svd(A);
  const kept = Math.min(k, S.length);

  // Ak[i][j] = Σ_{l<k} U[i][l] · σ_l · Vt[l][j]; Vt's rows are the right singular vectors.
  const Ak = Array.from({ length: m }, (_, i) =>
    Array.from({ length: n }, (_, j) => {
      let s = 0;
      for (let l = 0; l < kept; l++) s += U[i]![l]! * S[l]! * Vt[l]![j]!;
      return s;
    }),
  );

  // The error comes from the discarded singular values: forming A − Ak would cancel most digits when the tail
  // is small. Math.hypot scales internally, so huge or tiny σ neither overflow nor underflow.
  const error = Math.hypot(...S.slice(kept));

  // k columns of U (k·m), k rows of Vᵀ (k·n) and the k singular values themselves.
  const storage = k * (m + n + 1);
  return { Ak, error, storage };
}
