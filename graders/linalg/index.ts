/**
 * The helper module learners may import as "linalg", where their exercise allows it.
 * The same source runs in the host (reference solutions, checks) and inside the sandbox.
 * It must stay self-contained: no imports, only standard JavaScript.
 */
export type Vector = number[];
export type Matrix = number[][];

function dims(A: Matrix): string {
  return `${A.length}×${A[0]?.length ?? 0}`;
}

function fail(message: string): never {
  throw new Error(`linalg.${message}`);
}

export function zeros(rows: number): Vector;
export function zeros(rows: number, cols: number): Matrix;
export function zeros(rows: number, cols?: number): Vector | Matrix {
  if (cols === undefined) return new Array<number>(rows).fill(0);
  return Array.from({ length: rows }, () => new Array<number>(cols).fill(0));
}

export function eye(n: number): Matrix {
  const I = zeros(n, n);
  for (let i = 0; i < n; i++) I[i]![i] = 1;
  return I;
}

export function transpose(A: Matrix): Matrix {
  const m = A.length;
  const n = A[0]?.length ?? 0;
  const T = zeros(n, m);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) T[j]![i] = A[i]![j]!;
  return T;
}

export function matmul(A: Matrix, B: Matrix): Matrix {
  const m = A.length;
  const k = A[0]?.length ?? 0;
  const n = B[0]?.length ?? 0;
  if (B.length !== k) fail(`matmul: A is ${dims(A)} but B is ${dims(B)}; A's columns must equal B's rows`);
  const C = zeros(m, n);
  for (let i = 0; i < m; i++) {
    const Ai = A[i]!;
    const Ci = C[i]!;
    for (let p = 0; p < k; p++) {
      const a = Ai[p]!;
      if (a === 0) continue;
      const Bp = B[p]!;
      for (let j = 0; j < n; j++) Ci[j]! += a * Bp[j]!;
    }
  }
  return C;
}

function elementwise(name: string, a: Vector | Matrix, b: Vector | Matrix, op: (x: number, y: number) => number): Vector | Matrix {
  if (a.length !== b.length) fail(`${name}: lengths ${a.length} and ${b.length} differ`);
  return a.map((x, i) => {
    const y = b[i]!;
    if (Array.isArray(x) && Array.isArray(y)) {
      if (x.length !== y.length) fail(`${name}: row ${i} has lengths ${x.length} and ${y.length}`);
      return x.map((xv, j) => op(xv, y[j]!));
    }
    if (typeof x === "number" && typeof y === "number") return op(x, y);
    return fail(`${name}: cannot combine a vector with a matrix`);
  }) as Vector | Matrix;
}

export function add<T extends Vector | Matrix>(a: T, b: T): T {
  return elementwise("add", a, b, (x, y) => x + y) as T;
}

export function sub<T extends Vector | Matrix>(a: T, b: T): T {
  return elementwise("sub", a, b, (x, y) => x - y) as T;
}

export function scale<T extends Vector | Matrix>(a: T, s: number): T {
  return a.map((x) => (Array.isArray(x) ? x.map((v) => v * s) : (x as number) * s)) as T;
}

export function dot(a: Vector, b: Vector): number {
  if (a.length !== b.length) fail(`dot: lengths ${a.length} and ${b.length} differ`);
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

/** Euclidean norm, scaled to avoid overflow and underflow. */
export function norm(v: Vector): number {
  let scaleMax = 0;
  for (const x of v) scaleMax = Math.max(scaleMax, Math.abs(x));
  if (scaleMax === 0 || !Number.isFinite(scaleMax)) return scaleMax;
  let s = 0;
  for (const x of v) s += (x / scaleMax) ** 2;
  return scaleMax * Math.sqrt(s);
}

export function frobenius(A: Matrix): number {
  return norm(A.flat());
}

export function outer(a: Vector, b: Vector): Matrix {
  return a.map((x) => b.map((y) => x * y));
}

/** Thin QR by Householder reflections: A (m×n) = Q (m×k) R (k×n), k = min(m, n), Q with orthonormal columns. */
export function qr(A: Matrix): { Q: Matrix; R: Matrix } {
  const m = A.length;
  const n = A[0]?.length ?? 0;
  const k = Math.min(m, n);
  const R = A.map((row) => row.slice());
  const vs: Vector[] = [];
  for (let j = 0; j < k; j++) {
    const x = zeros(m - j);
    for (let i = j; i < m; i++) x[i - j] = R[i]![j]!;
    const alpha = -(x[0]! >= 0 ? 1 : -1) * norm(x);
    const v = x.slice();
    v[0]! -= alpha;
    const vn = norm(v);
    if (vn === 0) {
      vs.push(zeros(m - j));
      continue;
    }
    for (let i = 0; i < v.length; i++) v[i]! /= vn;
    vs.push(v);
    for (let c = j; c < n; c++) {
      let s = 0;
      for (let i = j; i < m; i++) s += v[i - j]! * R[i]![c]!;
      for (let i = j; i < m; i++) R[i]![c]! -= 2 * v[i - j]! * s;
    }
  }
  const Q = zeros(m, k);
  for (let i = 0; i < k; i++) Q[i]![i] = 1;
  for (let j = k - 1; j >= 0; j--) {
    const v = vs[j]!;
    for (let c = 0; c < k; c++) {
      let s = 0;
      for (let i = j; i < m; i++) s += v[i - j]! * Q[i]![c]!;
      for (let i = j; i < m; i++) Q[i]![c]! -= 2 * v[i - j]! * s;
    }
  }
  const Rk = R.slice(0, k).map((row, i) => row.map((x, c) => (c < i ? 0 : x)));
  return { Q, R: Rk };
}

/** LU factorisation with partial pivoting, in place on a copy; returns the factors, the pivots and the permutation sign. */
function lu(A: Matrix, who: string): { LU: Matrix; piv: number[]; sign: number; singular: boolean } {
  const n = A.length;
  if (A.some((row) => row.length !== n)) fail(`${who}: the matrix is ${dims(A)}; it must be square`);
  const LU = A.map((row) => row.slice());
  const piv = Array.from({ length: n }, (_, i) => i);
  let sign = 1;
  let singular = false;
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(LU[r]![c]!) > Math.abs(LU[p]![c]!)) p = r;
    if (p !== c) {
      [LU[p], LU[c]] = [LU[c]!, LU[p]!];
      [piv[p], piv[c]] = [piv[c]!, piv[p]!];
      sign = -sign;
    }
    const d = LU[c]![c]!;
    if (d === 0) {
      singular = true;
      continue;
    }
    for (let r = c + 1; r < n; r++) {
      const f = (LU[r]![c]! /= d);
      if (f === 0) continue;
      for (let j = c + 1; j < n; j++) LU[r]![j]! -= f * LU[c]![j]!;
    }
  }
  return { LU, piv, sign, singular };
}

export function det(A: Matrix): number {
  const { LU, sign } = lu(A, "det");
  let d = sign;
  for (let i = 0; i < LU.length; i++) d *= LU[i]![i]!;
  return d;
}

/** Solves A x = b for a vector b, or A X = B for a matrix B, by LU with partial pivoting. */
export function solve(A: Matrix, b: Vector): Vector;
export function solve(A: Matrix, B: Matrix): Matrix;
export function solve(A: Matrix, b: Vector | Matrix): Vector | Matrix {
  const n = A.length;
  const { LU, piv, singular } = lu(A, "solve");
  if (singular) fail("solve: the matrix is singular; use a pseudo-inverse or least squares instead");
  if (b.length !== n) fail(`solve: A is ${dims(A)} but the right-hand side has ${b.length} rows`);
  const isVector = typeof b[0] === "number";
  const B: Matrix = isVector ? (b as Vector).map((x) => [x]) : (b as Matrix).map((r) => r.slice());
  const cols = B[0]?.length ?? 0;
  const X = piv.map((p) => B[p]!.slice());
  for (let c = 0; c < cols; c++) {
    for (let i = 0; i < n; i++) {
      let s = X[i]![c]!;
      for (let j = 0; j < i; j++) s -= LU[i]![j]! * X[j]![c]!;
      X[i]![c] = s;
    }
    for (let i = n - 1; i >= 0; i--) {
      let s = X[i]![c]!;
      for (let j = i + 1; j < n; j++) s -= LU[i]![j]! * X[j]![c]!;
      X[i]![c] = s / LU[i]![i]!;
    }
  }
  return isVector ? X.map((r) => r[0]!) : X;
}

export function inv(A: Matrix): Matrix {
  return solve(A, eye(A.length));
}

/**
 * Thin SVD by one-sided Jacobi: A (m×n) = U diag(S) Vt with k = min(m, n), U m×k and Vt k×n with orthonormal
 * columns and rows, S descending and ≥ 0. Columns of U for zero singular values are completed to an orthonormal set.
 */
export function svd(A: Matrix): { U: Matrix; S: Vector; Vt: Matrix } {
  const m = A.length;
  const n = A[0]?.length ?? 0;
  if (m < n) {
    const t = svd(transpose(A));
    return { U: transpose(t.Vt), S: t.S, Vt: transpose(t.U) };
  }
  // Scale by the largest entry so that the column norms' squares neither overflow (entries past ~1e154) nor
  // underflow (below ~1e−154); the singular values scale back exactly at the end.
  let amax = 0;
  for (const row of A) for (const x of row) amax = Math.max(amax, Math.abs(x));
  // NaN or Infinity entries: no scale (the result is NaN, as before, and the learner's check reports it).
  if (!Number.isFinite(amax) || Number.isNaN(amax)) amax = 0;
  // Work on columns of W = A V; rotate pairs of columns until they are orthogonal.
  const W = transpose(A).map((col) => col.map((x) => (amax > 0 ? x / amax : x))); // W[j] is column j of A·V / amax
  const V = eye(n); // V[j] is column j of V
  for (let sweep = 0; sweep < 60; sweep++) {
    let rotated = false;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const wp = W[p]!;
        const wq = W[q]!;
        const alpha = dot(wp, wp);
        const beta = dot(wq, wq);
        const gamma = dot(wp, wq);
        // √α·√β, not √(αβ): the product of two squared norms overflows long before either does.
        if (gamma === 0 || Math.abs(gamma) <= 1e-15 * Math.sqrt(alpha) * Math.sqrt(beta)) continue;
        rotated = true;
        const zeta = (beta - alpha) / (2 * gamma);
        const t = (zeta >= 0 ? 1 : -1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = c * t;
        for (const M of [W, V]) {
          const a = M[p]!;
          const b = M[q]!;
          for (let i = 0; i < a.length; i++) {
            const x = a[i]!;
            const y = b[i]!;
            a[i] = c * x - s * y;
            b[i] = s * x + c * y;
          }
        }
      }
    }
    if (!rotated) break;
  }
  const sig = W.map((w) => norm(w));
  const order = sig.map((_, i) => i).sort((i, j) => sig[j]! - sig[i]!);
  const Sunit = order.map((i) => sig[i]!);
  const tiny = (Sunit[0] ?? 0) * Math.max(m, n) * 2.220446049250313e-16;
  const Ucols: Vector[] = [];
  for (const i of order) {
    const s = sig[i]!;
    if (s > tiny && s > 0) Ucols.push(W[i]!.map((x) => x / s));
    else Ucols.push(completeBasis(Ucols, m));
  }
  const S = Sunit.map((s) => (amax > 0 ? s * amax : s));
  return { U: transpose(Ucols), S, Vt: order.map((i) => V[i]!.slice()) };
}

/** A unit vector orthogonal to the given orthonormal vectors, by Gram–Schmidt on the standard basis. */
function completeBasis(basis: Vector[], m: number): Vector {
  let best: Vector = zeros(m);
  let bestNorm = -1;
  for (let e = 0; e < m; e++) {
    const v = zeros(m);
    v[e] = 1;
    for (let pass = 0; pass < 2; pass++) {
      for (const b of basis) {
        const d = dot(v, b);
        for (let i = 0; i < m; i++) v[i]! -= d * b[i]!;
      }
    }
    const nv = norm(v);
    if (nv > bestNorm) {
      bestNorm = nv;
      best = v;
    }
    if (nv > 0.5) break;
  }
  return best.map((x) => x / bestNorm);
}
