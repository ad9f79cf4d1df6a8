// expect: overflows
// Compares |γ| with the literal √(αβ): αβ overflows for entries around 1e100, so no rotation ever happens.
/**
 * Thin SVD by one-sided (Hestenes) Jacobi: rotate pairs of columns of W = A·V until all are orthogonal.
 * Then the column norms are the singular values, the normalized columns are U, and the accumulated rotations are V.
 */
export function svd(A: number[][]): { U: number[][]; S: number[]; Vt: number[][] } {
  const m = A.length;
  const n = A[0]?.length ?? 0;
  if (m < n) {
    // Work on Aᵀ (tall), whose SVD is V Σ Uᵀ: fewer, longer columns keep the rotations cheap.
    const t = svd(transpose(A));
    return { U: transpose(t.Vt), S: t.S, Vt: transpose(t.U) };
  }
  const W = transpose(A); // W[j] is column j of A·V, stored as a row for cache-friendly loops
  const V = identity(n); // V[j] is column j of V
  for (let sweep = 0; sweep < 60; sweep++) {
    let rotated = false;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const alpha = dot(W[p]!, W[p]!);
        const beta = dot(W[q]!, W[q]!);
        const gamma = dot(W[p]!, W[q]!);
        // Relative test: columns count as orthogonal once |cos θ| is at the level of rounding.
        if (Math.abs(gamma) <= 1e-15 * Math.sqrt(alpha * beta)) continue;
        rotated = true;
        // The rotation that zeroes the (p, q) entry of WᵀW; the smaller root t keeps the rotation angle ≤ 45°.
        const zeta = (beta - alpha) / (2 * gamma);
        const t = Math.sign(zeta || 1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = c * t;
        rotate(W[p]!, W[q]!, c, s);
        rotate(V[p]!, V[q]!, c, s);
      }
    }
    if (!rotated) break;
  }
  const sigma = W.map((w) => Math.hypot(...w));
  const order = sigma.map((_, i) => i).sort((i, j) => sigma[j]! - sigma[i]!);
  const S = order.map((i) => sigma[i]!);
  // Columns for (numerically) zero singular values carry no direction: complete U to an orthonormal set instead.
  const tiny = (S[0] ?? 0) * m * Number.EPSILON;
  const Ucols: number[][] = [];
  for (const i of order) {
    const s = sigma[i]!;
    Ucols.push(s > tiny && s > 0 ? W[i]!.map((x) => x / s) : unitOrthogonalTo(Ucols, m));
  }
  return { U: transpose(Ucols), S, Vt: order.map((i) => V[i]!.slice()) };
}

function rotate(a: number[], b: number[], c: number, s: number): void {
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    a[i] = c * x - s * y;
    b[i] = s * x + c * y;
  }
}

function dot(a: number[], b: number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

function transpose(A: number[][]): number[][] {
  return (A[0] ?? []).map((_, j) => A.map((row) => row[j]!));
}

function identity(n: number): number[][] {
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
}

/** Gram–Schmidt (twice, for stability) of the standard basis vector that stays longest against the given basis. */
function unitOrthogonalTo(basis: number[][], m: number): number[] {
  let best: number[] = [];
  let bestNorm = -1;
  for (let e = 0; e < m; e++) {
    const v = Array.from({ length: m }, (_, i) => (i === e ? 1 : 0));
    for (let pass = 0; pass < 2; pass++) {
      for (const b of basis) {
        const d = dot(v, b);
        for (let i = 0; i < m; i++) v[i]! -= d * b[i]!;
      }
    }
    const len = Math.hypot(...v);
    if (len > bestNorm) {
      bestNorm = len;
      best = v;
    }
  }
  return best.map((x) => x / bestNorm);
}
