import { describe, expect, it } from "vitest";
import { svd } from "linalg";
import { createRng, type Rng } from "../../graders/content";
import { symEig } from "./sym-eigen-jacobi/reference";
import cases from "./sym-eigen-jacobi/cases";

/**
 * The Jacobi eigensolver against properties a right answer has whatever its method: A = QΛQᵀ with orthonormal Q,
 * Σλ = tr A, the singular values of A as the sorted |λ|, and exact scaling at 1e±100.
 */
const SEEDS = 20;

function symmetric(rng: Rng, n: number): number[][] {
  const B = rng.matrix(n, n);
  return B.map((row, i) => row.map((v, j) => (v + B[j]![i]!) / 2));
}

function reconstructionError(A: number[][], values: number[], vectors: number[][]): number {
  let worst = 0;
  A.forEach((row, i) => row.forEach((a, j) => {
    worst = Math.max(worst, Math.abs(a - values.reduce((s, l, k) => s + vectors[k]![i]! * l * vectors[k]![j]!, 0)));
  }));
  return worst;
}

describe("sym-eigen-jacobi reference", () => {
  it("A = QΛQᵀ with orthonormal Q, descending Λ, and Σλ = tr A", () => {
    for (let seed = 1; seed <= SEEDS; seed++) {
      const rng = createRng(seed, "eig");
      const n = rng.int(1, 12);
      const A = symmetric(rng, n);
      const { values, vectors } = symEig(A);
      const size = Math.hypot(...A.flat());
      expect(reconstructionError(A, values, vectors)).toBeLessThan(1e-13 * size + 1e-300);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          expect(Math.abs(vectors[i]!.reduce((s, v, k) => s + v * vectors[j]![k]!, 0) - (i === j ? 1 : 0))).toBeLessThan(1e-13);
        }
      }
      values.slice(1).forEach((v, i) => expect(v).toBeLessThanOrEqual(values[i]!));
      expect(values.reduce((a, b) => a + b, 0)).toBeCloseTo(A.reduce((s, row, i) => s + row[i]!, 0), 12);
    }
  });

  it("its |λ|, sorted, are the singular values from the linalg SVD", () => {
    for (let seed = 1; seed <= SEEDS; seed++) {
      const A = symmetric(createRng(seed, "eig-svd"), 6);
      const abs = symEig(A).values.map(Math.abs).sort((a, b) => b - a);
      svd(A).S.forEach((s, i) => expect(abs[i]).toBeCloseTo(s, 12));
    }
  });

  it("scales exactly with the matrix at 1e±100 (a relative stopping test)", () => {
    const A = symmetric(createRng(3, "eig-scale"), 7);
    const base = symEig(A).values;
    for (const s of [1e100, 1e-100]) {
      const scaled = symEig(A.map((row) => row.map((v) => v * s)));
      scaled.values.forEach((v, i) => expect(Math.abs(v / s - base[i]!)).toBeLessThan(1e-13));
      expect(reconstructionError(A.map((row) => row.map((v) => v * s)), scaled.values, scaled.vectors) / s).toBeLessThan(1e-13);
    }
  });

  it("its cases' check accepts the reference and names a single sweep", () => {
    const A = symmetric(createRng(5, "eig-check"), 8);
    const ref = symEig(A);
    expect(cases.check!({ call: "symEig", args: [A], got: ref, expected: ref, tolerance: { rtol: 0, atol: 0 } }).every((r) => r.ok)).toBe(true);
    // One Jacobi sweep only, written out here: rotations reduce but do not clear the off-diagonal part.
    const n = A.length;
    const a = A.map((r) => r.slice());
    const V: number[][] = A.map((_, i) => A.map((__, j) => (i === j ? 1 : 0)));
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const theta = 0.5 * Math.atan2(2 * a[p]![q]!, a[q]![q]! - a[p]![p]!);
        const [c, s] = [Math.cos(theta), Math.sin(theta)];
        for (const M of [a]) for (let k = 0; k < n; k++) [M[k]![p], M[k]![q]] = [c * M[k]![p]! - s * M[k]![q]!, s * M[k]![p]! + c * M[k]![q]!];
        for (let k = 0; k < n; k++) [a[p]![k], a[q]![k]] = [c * a[p]![k]! - s * a[q]![k]!, s * a[p]![k]! + c * a[q]![k]!];
        for (let k = 0; k < n; k++) [V[k]![p], V[k]![q]] = [c * V[k]![p]! - s * V[k]![q]!, s * V[k]![p]! + c * V[k]![q]!];
      }
    }
    const order = a.map((_, i) => i).sort((i, j) => a[j]![j]! - a[i]![i]!);
    const oneSweep = { values: order.map((i) => a[i]![i]!), vectors: order.map((i) => V.map((r) => r[i]!)) };
    const verdict = cases.check!({ call: "symEig", args: [A], got: oneSweep, expected: ref, tolerance: { rtol: 0, atol: 0 } });
    const failed = verdict.find((r) => !r.ok);
    expect(failed?.message.en).toMatch(/one pass over the pairs is not enough/);
  });
});
