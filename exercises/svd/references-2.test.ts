import { describe, expect, it } from "vitest";
import { matmul, qr, svd as linalgSvd, transpose } from "linalg";
import { createRng } from "../../graders/content";
import type { ExerciseCases, Rng } from "../../graders/content";
import { pca } from "./pca/reference";
import { cond, hilbert } from "./condition-number/reference";
import { topSingular } from "./power-iteration/reference";
import { randomizedSvd } from "./randomized-svd/reference";
import { svd as jacobiSvd } from "./svd-jacobi/reference";
import conditionCases from "./condition-number/cases";

/**
 * Properties of the second half of the svd topic's model answers, checked on seeded random inputs against facts
 * that do not come from the references: eigen-equations of an explicitly formed covariance, closed forms of the
 * 2×2 worked example, 50-digit values of κ(Hₙ), orthonormality and reconstruction.
 */

const SEEDS = 25;
const WORKED = [[4, 0], [3, -5], [0, 3]];
// σ of the worked example in closed form: the roots of λ² − 59λ + 625 = 0, square-rooted.
const SIGMA1 = Math.sqrt((59 + Math.sqrt(981)) / 2);
const SIGMA2 = Math.sqrt((59 - Math.sqrt(981)) / 2);

function eachSeed(label: string, body: (rng: Rng) => void): void {
  for (let seed = 1; seed <= SEEDS; seed++) body(createRng(seed, label));
}

function maxAbs(a: number[][], b: number[][]): number {
  return Math.max(...a.map((row, i) => Math.max(...row.map((x, j) => Math.abs(x - b[i]![j]!)))));
}

function orthonormalColumns(M: number[][]): number {
  const G = matmul(transpose(M), M);
  return Math.max(0, ...G.flatMap((row, i) => row.map((x, j) => Math.abs(x - (i === j ? 1 : 0)))));
}

function usv(U: number[][], S: number[], Vt: number[][]): number[][] {
  return U.map((row) => Vt[0]!.map((_, j) => S.reduce((acc, s, c) => acc + row[c]! * s * Vt[c]![j]!, 0)));
}

function gapped(rng: Rng, m: number, n: number, s: number[]): number[][] {
  const U = qr(rng.matrix(m, s.length)).Q;
  const V = qr(rng.matrix(n, s.length)).Q;
  return usv(U, s, transpose(V));
}

describe("pca reference", () => {
  it("returns unit, orthogonal components that solve C c = λ c for the explicitly formed covariance", () => {
    eachSeed("pca", (rng) => {
      const n = rng.int(6, 30);
      const d = rng.int(2, 5);
      const X = rng.matrix(n, d).map((row) => row.map((x, j) => 10 * j + x * (j + 1)));
      const k = rng.int(1, d);
      const { components, explainedVariance } = pca(X, k);
      const mean = X[0]!.map((_, j) => X.reduce((s, r) => s + r[j]!, 0) / n);
      const C = mean.map((_, a) => mean.map((__, b) => X.reduce((s, r) => s + (r[a]! - mean[a]!) * (r[b]! - mean[b]!), 0) / (n - 1)));
      expect(components).toHaveLength(k);
      expect(orthonormalColumns(transpose(components))).toBeLessThan(1e-10);
      components.forEach((c, i) => {
        const Cc = C.map((row) => row.reduce((s, x, j) => s + x * c[j]!, 0));
        Cc.forEach((x, j) => expect(Math.abs(x - explainedVariance[i]! * c[j]!)).toBeLessThan(1e-9 * explainedVariance[0]!));
      });
      explainedVariance.slice(1).forEach((v, i) => expect(v).toBeLessThanOrEqual(explainedVariance[i]!));
      // The total variance equals the trace of C when every component is kept.
      const all = pca(X, d).explainedVariance.reduce((a, b) => a + b, 0);
      expect(Math.abs(all - C.reduce((s, row, i) => s + row[i]!, 0))).toBeLessThan(1e-9 * all);
    });
  });

  it("is invariant to shifting the data, even by 1e6", () => {
    const rng = createRng(3, "pca-shift");
    const X = rng.matrix(20, 3).map((row) => row.map((x, j) => x * (3 - j)));
    const a = pca(X, 2);
    const b = pca(X.map((row) => row.map((x) => x + 1e6)), 2);
    b.explainedVariance.forEach((v, i) => expect(Math.abs(v - a.explainedVariance[i]!)).toBeLessThan(1e-8 * a.explainedVariance[0]!));
    b.components.forEach((c, i) => expect(Math.abs(Math.abs(c.reduce((s, x, j) => s + x * a.components[i]![j]!, 0)) - 1)).toBeLessThan(1e-8));
  });

  it("gives the statement's example: variances 16/3 and 1/3 along the axes", () => {
    const { components, explainedVariance } = pca([[0, 0], [4, 0], [0, 1], [4, 1]], 2);
    expect(explainedVariance[0]).toBeCloseTo(16 / 3, 12);
    expect(explainedVariance[1]).toBeCloseTo(1 / 3, 12);
    expect(Math.abs(components[0]![0]!)).toBeCloseTo(1, 12);
    expect(Math.abs(components[1]![1]!)).toBeCloseTo(1, 12);
  });
});

describe("condition-number reference", () => {
  it("builds Hilbert matrices with entries 1/(i + j − 1), 1-based", () => {
    for (let n = 1; n <= 8; n++) {
      const H = hilbert(n);
      expect(H).toHaveLength(n);
      H.forEach((row, i) => row.forEach((x, j) => expect(x).toBe(1 / (i + 1 + (j + 1) - 1))));
    }
  });

  it("matches 50-digit values of κ(H₃) and κ(H₅) and the closed form of the worked example", () => {
    // mpmath, 50 digits: κ₂(H₃) = 524.05677758606081787…, κ₂(H₅) = 476607.25024256080938…
    expect(Math.abs(cond(hilbert(3)) / 524.0567775860608 - 1)).toBeLessThan(1e-10);
    expect(Math.abs(cond(hilbert(5)) / 476607.2502425608 - 1)).toBeLessThan(1e-9);
    expect(Math.abs(cond(WORKED) - SIGMA1 / SIGMA2)).toBeLessThan(1e-13);
  });

  it("is 1 for orthogonal matrices, max|d|/min|d| for diagonal ones, and scale invariant", () => {
    eachSeed("cond", (rng) => {
      const n = rng.int(2, 7);
      expect(Math.abs(cond(qr(rng.matrix(n, n)).Q) - 1)).toBeLessThan(1e-12);
      const d = rng.vector(n, (r) => r.uniform(0.1, 10) * (r.next() < 0.5 ? -1 : 1));
      const D = d.map((x, i) => d.map((_, j) => (i === j ? x : 0)));
      const want = Math.max(...d.map(Math.abs)) / Math.min(...d.map(Math.abs));
      expect(Math.abs(cond(D) / want - 1)).toBeLessThan(1e-12);
      const A = rng.matrix(n, n);
      expect(Math.abs(cond(A.map((r) => r.map((x) => x * 1e-100))) / cond(A) - 1)).toBeLessThan(1e-9);
    });
  });
});

describe("power-iteration reference", () => {
  it("finds σ₁ of the worked example in closed form", () => {
    const { sigma, u, v } = topSingular(WORKED, 50);
    expect(Math.abs(sigma - SIGMA1)).toBeLessThan(1e-12);
    const Av = WORKED.map((row) => row[0]! * v[0]! + row[1]! * v[1]!);
    Av.forEach((x, i) => expect(Math.abs(x - sigma * u[i]!)).toBeLessThan(1e-12));
  });

  it("returns a consistent top singular triple on gap-separated spectra, also at 1e±160", () => {
    eachSeed("power", (rng) => {
      const m = rng.int(2, 9);
      const n = rng.int(2, 9);
      const k = Math.min(m, n);
      const s = Array.from({ length: k }, (_, i) => (i === 0 ? 5 : 5 * 0.6 * 0.9 ** i));
      for (const scale of [1, 1e160, 1e-160]) {
        const A = gapped(rng, m, n, s).map((row) => row.map((x) => x * scale));
        const { sigma, u, v } = topSingular(A, 80);
        expect(Math.abs(sigma / (5 * scale) - 1)).toBeLessThan(1e-10);
        expect(Math.abs(Math.hypot(...u) - 1)).toBeLessThan(1e-12);
        expect(Math.abs(Math.hypot(...v) - 1)).toBeLessThan(1e-12);
        // Av = σu, checked in units of the scale so that nothing overflows here either.
        A.forEach((row, i) => expect(Math.abs(row.reduce((acc, a, j) => acc + (a / scale) * v[j]!, 0) - (sigma / scale) * u[i]!)).toBeLessThan(1e-9));
      }
    });
  });
});

describe("randomized-svd reference", () => {
  const normalRand = (rng: Rng) => () => rng.normal();

  it("recovers the exact top-k singular values of matrices of rank ≤ k", () => {
    eachSeed("rsvd-exact", (rng) => {
      const k = rng.int(1, 4);
      const r = rng.int(1, k);
      const s = Array.from({ length: r }, () => rng.uniform(1, 10)).sort((a, b) => b - a);
      const A = gapped(rng, rng.int(10, 25), rng.int(10, 25), s);
      const { U, S, Vt } = randomizedSvd(A, k, rng.int(2, 6), normalRand(rng));
      expect(S).toHaveLength(k);
      S.forEach((x, i) => expect(Math.abs(x - (s[i] ?? 0))).toBeLessThan(1e-9 * s[0]!));
      expect(orthonormalColumns(U)).toBeLessThan(1e-10);
      expect(orthonormalColumns(transpose(Vt))).toBeLessThan(1e-10);
      expect(maxAbs(usv(U, S, Vt), A)).toBeLessThan(1e-9 * s[0]!);
    });
  });

  it("stays within 3× the Eckart–Young error on noisy low-rank matrices", () => {
    eachSeed("rsvd-noisy", (rng) => {
      const k = rng.int(1, 4);
      const s = Array.from({ length: k }, () => rng.uniform(1, 10));
      const A = gapped(rng, 30, 20, s).map((row) => row.map((x) => x + 1e-3 * rng.normal()));
      const { U, S, Vt } = randomizedSvd(A, k, 6, normalRand(rng));
      const exact = linalgSvd(A).S;
      const tail = Math.hypot(...exact.slice(k));
      const err = Math.hypot(...usv(U, S, Vt).flatMap((row, i) => row.map((x, j) => x - A[i]![j]!)));
      expect(err).toBeLessThan(3 * tail);
    });
  });
});

describe("svd-jacobi reference", () => {
  it("gives the worked example's singular values in closed form", () => {
    const { S } = jacobiSvd(WORKED);
    expect(Math.abs(S[0]! - SIGMA1)).toBeLessThan(1e-13);
    expect(Math.abs(S[1]! - SIGMA2)).toBeLessThan(1e-13);
  });

  it("reconstructs A with orthonormal U and V and descending non-negative S (tall, wide, rank-deficient, zero)", () => {
    eachSeed("jacobi", (rng) => {
      const m = rng.int(1, 12);
      const n = rng.int(1, 12);
      const k = Math.min(m, n);
      const rank = rng.int(0, k);
      const A = rank === 0 ? rng.matrix(m, n).map((row) => row.map(() => 0)) : gapped(rng, m, n, rng.vector(rank, (r) => r.uniform(0.5, 5)));
      const { U, S, Vt } = jacobiSvd(A);
      expect(S).toHaveLength(k);
      expect(U.length).toBe(m);
      expect(Vt.length).toBe(k);
      S.forEach((x, i) => {
        expect(x).toBeGreaterThanOrEqual(0);
        if (i > 0) expect(x).toBeLessThanOrEqual(S[i - 1]!);
      });
      expect(orthonormalColumns(U)).toBeLessThan(1e-10);
      expect(orthonormalColumns(transpose(Vt))).toBeLessThan(1e-10);
      expect(maxAbs(usv(U, S, Vt), A)).toBeLessThan(1e-12 * Math.max(1, S[0]!));
      // Σσ² = ‖A‖²_F: a check independent of any other SVD implementation.
      const fro2 = A.flat().reduce((s, x) => s + x * x, 0);
      expect(Math.abs(S.reduce((s, x) => s + x * x, 0) - fro2)).toBeLessThan(1e-12 * Math.max(1, fro2));
    });
  });

  it("resolves singular values down to 1e−12 to within 1e−14", () => {
    const s = [1, 1e-4, 1e-8, 1e-12];
    const A = gapped(createRng(5, "graded"), 6, 4, s);
    jacobiSvd(A).S.forEach((x, i) => expect(Math.abs(x - s[i]!)).toBeLessThan(1e-14));
  });
});

describe("visible expected values", () => {
  it("agree with the condition-number reference", () => {
    const refs: Record<string, (...args: never[]) => unknown> = { cond, hilbert } as never;
    for (const c of (conditionCases as ExerciseCases).visible) {
      const got = (refs[c.call ?? "cond"] as (...a: unknown[]) => unknown)(...structuredClone(c.args));
      const want = c.expected;
      const flat = (x: unknown): number[] => (Array.isArray(x) ? x.flat(2) as number[] : [x as number]);
      flat(got).forEach((g, i) => expect(Math.abs(g - flat(want)[i]!)).toBeLessThanOrEqual(1e-6 * Math.abs(flat(want)[i]!)));
    }
  });
});
