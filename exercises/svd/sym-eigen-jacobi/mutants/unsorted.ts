// expect: not in descending order
/**
 * Cyclic Jacobi: for every off-diagonal pair (p, q), a rotation in the (p, q) plane makes a_pq zero; repeat sweeps
 * until the off-diagonal mass is negligible against the matrix's own size. What is left on the diagonal are the
 * eigenvalues, and the product of the rotations holds the eigenvectors in its columns (A = V Λ Vᵀ).
 */
export function symEig(A: number[][]): { values: number[]; vectors: number[][] } {
  const n = A.length;
  const a = A.map((row) => row.slice());
  const V: number[][] = A.map((_, i) => A.map((__, j) => (i === j ? 1 : 0)));
  // Relative stopping test: an absolute one never stops on entries of 1e100 and never starts on entries of 1e−100.
  const size = Math.hypot(...a.flat());
  const off = (): number => {
    let s = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) s = Math.hypot(s, a[p]![q]!);
    return s;
  };
  for (let sweep = 0; sweep < 100 && off() > 1e-15 * size; sweep++) {
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p]![q]!;
        if (apq === 0) continue;
        // Choose t = tan θ, the smaller root of t² + 2τt − 1 = 0 (|θ| ≤ π/4): the rotated a_pq is then exactly 0.
        const tau = (a[q]![q]! - a[p]![p]!) / (2 * apq);
        const t = (tau >= 0 ? 1 : -1) / (Math.abs(tau) + Math.hypot(1, tau));
        const c = 1 / Math.hypot(1, t);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          // columns p and q:  A ← A J
          const akp = a[k]![p]!;
          const akq = a[k]![q]!;
          a[k]![p] = c * akp - s * akq;
          a[k]![q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          // rows p and q:  A ← Jᵀ A
          const apk = a[p]![k]!;
          const aqk = a[q]![k]!;
          a[p]![k] = c * apk - s * aqk;
          a[q]![k] = s * apk + c * aqk;
        }
        a[p]![q] = 0;
        a[q]![p] = 0;
        for (let k = 0; k < n; k++) {
          const vkp = V[k]![p]!;
          const vkq = V[k]![q]!;
          V[k]![p] = c * vkp - s * vkq;
          V[k]![q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = a.map((_, i) => i);
  return {
    values: order.map((i) => a[i]![i]!),
    vectors: order.map((i) => V.map((row) => row[i]!)),
  };
}
