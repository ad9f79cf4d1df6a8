import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { frobenius, inv, matmul, solve, sub, svd, transpose } from "linalg";
import { createRng, type ExerciseCases, type QuizItem, type Rng } from "../../graders/content";
import { checkQuizItem } from "../../graders/exercise/quiz-check";
import { rankKApprox } from "./rank-k-approx/reference";
import { lowRankError } from "./eckart-young-error/reference";
import { energyRatio } from "./energy-ratio/reference";
import { pinv } from "./pseudo-inverse/reference";
import { lstsq } from "./least-squares/reference";
import { ridgeSolve } from "./ridge-svd/reference";
import rankCases from "./rank-k-approx/cases";
import eckartCases from "./eckart-young-error/cases";
import energyCases from "./energy-ratio/cases";
import pinvCases from "./pseudo-inverse/cases";
import lstsqCases from "./least-squares/cases";
import ridgeCases from "./ridge-svd/cases";
import quiz from "./quiz";

/*
 * Properties of the svd references (first half of the topic) that do not depend on the references themselves:
 * optimality and identities from the theory, independent solvers (LU via linalg.solve/inv), scale invariance.
 */

const SEEDS = Array.from({ length: 25 }, (_, i) => i + 1);

function lowRank(rng: Rng, m: number, n: number, r: number): number[][] {
  return matmul(rng.matrix(m, r), rng.matrix(r, n));
}

function matvec(A: number[][], x: number[]): number[] {
  return A.map((row) => row.reduce((s, a, j) => s + a * x[j]!, 0));
}

function vnorm(x: number[]): number {
  return Math.hypot(...x);
}

function vsub(a: number[], b: number[]): number[] {
  return a.map((x, i) => x - b[i]!);
}

function descending(rng: Rng, n: number): number[] {
  return Array.from({ length: n }, () => Math.abs(rng.normal(0, 3)) + 1e-3).sort((a, b) => b - a);
}

describe("rankKApprox", () => {
  it("keeps rank ≤ k, reports ‖A − Ak‖_F and k(m+n+1), and beats other rank-k matrices (Eckart–Young)", () => {
    for (const seed of SEEDS) {
      const rng = createRng(seed, "rank-k");
      const m = rng.int(2, 9);
      const n = rng.int(2, 9);
      const A = rng.matrix(m, n);
      const k = rng.int(0, Math.min(m, n));
      const { Ak, error, storage } = rankKApprox(A, k);
      expect(storage).toBe(k * (m + n + 1));
      expect(Ak.length).toBe(m);
      expect(Ak[0]!.length).toBe(n);
      expect(Math.abs(frobenius(sub(A, Ak)) - error)).toBeLessThan(1e-12 * (1 + frobenius(A)));
      // rank(Ak) ≤ k: its (k+1)-th singular value vanishes.
      const sAk = svd(Ak).S;
      if (k < sAk.length) expect(sAk[k]!).toBeLessThan(1e-12 * (1 + (sAk[0] ?? 0)));
      // Any other rank-k matrix (random products, and Ak nudged within rank k) is no closer to A.
      for (let t = 0; t < 5 && k > 0; t++) {
        const B = lowRank(rng, m, n, k);
        expect(frobenius(sub(A, B))).toBeGreaterThanOrEqual(error - 1e-12);
        const nudged = matmul(Ak, rng.matrix(n, n, (r) => (r.next() < 0.5 ? 1e-3 * r.normal() : 0)).map((row, i) => row.map((x, j) => x + (i === j ? 1 : 0))));
        expect(frobenius(sub(A, nudged))).toBeGreaterThanOrEqual(error - 1e-12);
      }
    }
  });

  it("reproduces A at k = min(m, n) and gives zero at k = 0", () => {
    const rng = createRng(7, "rank-k-edges");
    const A = rng.matrix(5, 3);
    const full = rankKApprox(A, 3);
    expect(frobenius(sub(A, full.Ak))).toBeLessThan(1e-13);
    expect(full.error).toBeLessThan(1e-13);
    const none = rankKApprox(A, 0);
    expect(none.Ak.flat().every((x) => x === 0)).toBe(true);
    expect(none.error).toBeCloseTo(frobenius(A), 12);
    expect(none.storage).toBe(0);
  });
});

describe("lowRankError and energyRatio", () => {
  it("split ‖S‖² into kept and discarded energy", () => {
    for (const seed of SEEDS) {
      const rng = createRng(seed, "energy");
      const S = descending(rng, rng.int(1, 30));
      const k = rng.int(0, S.length);
      const total = S.reduce((s, x) => s + x * x, 0);
      const e = lowRankError(S, k);
      expect(energyRatio(S, k) + (e * e) / total).toBeCloseTo(1, 12);
      expect(e * e).toBeCloseTo(S.slice(k).reduce((s, x) => s + x * x, 0), 10);
    }
  });

  it("are monotone in k, with the right ends", () => {
    const S = descending(createRng(3, "mono"), 12);
    for (let k = 0; k < S.length; k++) {
      expect(lowRankError(S, k + 1)).toBeLessThanOrEqual(lowRankError(S, k));
      expect(energyRatio(S, k + 1)).toBeGreaterThanOrEqual(energyRatio(S, k));
    }
    expect(lowRankError(S, S.length)).toBe(0);
    expect(energyRatio(S, 0)).toBe(0);
    expect(energyRatio(S, S.length)).toBeCloseTo(1, 15);
  });

  it("scale exactly as norms do, even where σ² overflows or underflows", () => {
    for (const seed of SEEDS) {
      const rng = createRng(seed, "scale");
      const S = descending(rng, rng.int(2, 10));
      const k = rng.int(0, S.length - 1);
      for (const c of [1e250, 1e-250]) {
        const scaled = S.map((s) => s * c);
        expect(lowRankError(scaled, k) / c).toBeCloseTo(lowRankError(S, k), 10);
        expect(energyRatio(scaled, k)).toBeCloseTo(energyRatio(S, k), 12);
      }
    }
  });

  it("agree with ‖A − A_k‖_F and ‖A_k‖²/‖A‖² of a real matrix", () => {
    const rng = createRng(11, "matrix-energy");
    const A = rng.matrix(7, 5);
    const S = svd(A).S;
    for (let k = 0; k <= 5; k++) {
      const { Ak } = rankKApprox(A, k);
      expect(lowRankError(S, k)).toBeCloseTo(frobenius(sub(A, Ak)), 12);
      expect(energyRatio(S, k)).toBeCloseTo(frobenius(Ak) ** 2 / frobenius(A) ** 2, 12);
    }
  });
});

describe("pinv", () => {
  function penrose(A: number[][], X: number[][]): number[] {
    const AX = matmul(A, X);
    const XA = matmul(X, A);
    return [
      frobenius(sub(matmul(AX, A), A)) / (frobenius(A) || 1),
      frobenius(sub(matmul(XA, X), X)) / (frobenius(X) || 1),
      frobenius(sub(AX, transpose(AX))),
      frobenius(sub(XA, transpose(XA))),
    ];
  }

  it("satisfies the four Penrose conditions on tall, wide and rank-deficient matrices", () => {
    for (const seed of SEEDS) {
      const rng = createRng(seed, "pinv");
      const m = rng.int(1, 8);
      const n = rng.int(1, 8);
      const A = seed % 3 === 0 ? lowRank(rng, m, n, rng.int(1, Math.min(m, n))) : rng.matrix(m, n);
      const X = pinv(A);
      expect(X.length).toBe(n);
      expect(X[0]!.length).toBe(m);
      for (const r of penrose(A, X)) expect(r).toBeLessThan(1e-10);
    }
  });

  it("is the inverse of an invertible matrix, an involution, and zero for the zero matrix", () => {
    for (const seed of SEEDS) {
      const rng = createRng(seed, "pinv-square");
      const n = rng.int(1, 6);
      const A = rng.matrix(n, n);
      expect(frobenius(sub(pinv(A), inv(A)))).toBeLessThan(1e-9 * frobenius(inv(A)));
      const B = rng.matrix(rng.int(1, 6), rng.int(1, 6));
      expect(frobenius(sub(pinv(pinv(B)), B))).toBeLessThan(1e-10 * frobenius(B));
    }
    expect(pinv([[0, 0, 0], [0, 0, 0]])).toEqual([[0, 0], [0, 0], [0, 0]]);
  });

  it("drops singular values at or below rcond·σ₁, relative to σ₁", () => {
    expect(pinv([[1, 0], [0, 1e-8]], 1e-6)).toEqual([[1, 0], [0, 0]]);
    const tiny = [[2e-14, 0], [0, 1e-14]];
    const X = pinv(tiny);
    expect(X[0]![0]!).toBeCloseTo(0.5e14, 0);
    expect(X[1]![1]!).toBeCloseTo(1e14, 0);
  });
});

describe("lstsq", () => {
  it("matches the normal equations for full column rank and A·(AAᵀ)⁻¹b for full row rank (independent LU solves)", () => {
    for (const seed of SEEDS) {
      const rng = createRng(seed, "lstsq");
      const n = rng.int(1, 5);
      const A = rng.matrix(rng.int(n, 10), n);
      const b = rng.vector(A.length);
      const At = transpose(A);
      const viaNormal = solve(matmul(At, A), matvec(At, b));
      expect(vnorm(vsub(lstsq(A, b), viaNormal))).toBeLessThan(1e-9 * (1 + vnorm(viaNormal)));

      const W = rng.matrix(n, rng.int(n, 10));
      const c = rng.vector(n);
      const minNorm = matvec(transpose(W), solve(matmul(W, transpose(W)), c));
      expect(vnorm(vsub(lstsq(W, c), minNorm))).toBeLessThan(1e-9 * (1 + vnorm(minNorm)));
    }
  });

  it("on rank-deficient A, solves Aᵀ(Ax − b) = 0 with x orthogonal to the null space", () => {
    for (const seed of SEEDS) {
      const rng = createRng(seed, "lstsq-rank");
      const r = rng.int(1, 3);
      const m = rng.int(r + 1, 8);
      const n = rng.int(r + 1, 8);
      const L = rng.matrix(m, r);
      const R = rng.matrix(r, n);
      const A = matmul(L, R);
      const b = rng.vector(m);
      const x = lstsq(A, b);
      const residualGrad = matvec(transpose(A), vsub(matvec(A, x), b));
      expect(vnorm(residualGrad)).toBeLessThan(1e-9 * (1 + frobenius(A) ** 2 * vnorm(x)));
      // null(A) = null(R) since L has full column rank: z = w − Rᵀ(RRᵀ)⁻¹Rw.
      const w = rng.vector(n);
      const y = solve(matmul(R, transpose(R)), matvec(R, w));
      const z = vsub(w, matvec(transpose(R), y));
      const dot = x.reduce((s, xi, i) => s + xi * z[i]!, 0);
      expect(Math.abs(dot)).toBeLessThan(1e-9 * vnorm(x) * vnorm(z) + 1e-12);
    }
  });
});

describe("ridgeSolve", () => {
  it("solves (AᵀA + λI)x = Aᵀb for λ > 0, on any shape and rank", () => {
    for (const seed of SEEDS) {
      const rng = createRng(seed, "ridge");
      const m = rng.int(1, 8);
      const n = rng.int(1, 8);
      const A = seed % 4 === 0 ? lowRank(rng, m, n, 1) : rng.matrix(m, n);
      const b = rng.vector(m);
      for (const lambda of [1e-8, 0.3, 1, 1e4]) {
        const At = transpose(A);
        const M = matmul(At, A).map((row, i) => row.map((v, j) => v + (i === j ? lambda : 0)));
        const x = ridgeSolve(A, b, lambda);
        const want = matvec(At, b);
        expect(vnorm(vsub(matvec(M, x), want))).toBeLessThan(1e-9 * (1 + vnorm(want)));
      }
    }
  });

  it("is least squares at λ = 0 and shrinks like Aᵀb/λ for large λ", () => {
    for (const seed of SEEDS) {
      const rng = createRng(seed, "ridge-limits");
      const n = rng.int(1, 5);
      const A = rng.matrix(rng.int(n + 1, 9), n);
      const b = rng.vector(A.length);
      const At = transpose(A);
      const ls = solve(matmul(At, A), matvec(At, b));
      expect(vnorm(vsub(ridgeSolve(A, b, 0), ls))).toBeLessThan(1e-9 * (1 + vnorm(ls)));
      const big = 1e12;
      const approx = matvec(At, b).map((v) => v / big);
      expect(vnorm(vsub(ridgeSolve(A, b, big), approx))).toBeLessThan(1e-9 * vnorm(approx));
    }
    expect(ridgeSolve([[0, 0], [0, 0]], [1, 2], 0)).toEqual([0, 0]);
  });
});

describe("visible cases", () => {
  const exercises: [string, ExerciseCases, (...args: never[]) => unknown][] = [
    ["rank-k-approx", rankCases, rankKApprox as (...args: never[]) => unknown],
    ["eckart-young-error", eckartCases, lowRankError as (...args: never[]) => unknown],
    ["energy-ratio", energyCases, energyRatio as (...args: never[]) => unknown],
    ["pseudo-inverse", pinvCases, pinv as (...args: never[]) => unknown],
    ["least-squares", lstsqCases, lstsq as (...args: never[]) => unknown],
    ["ridge-svd", ridgeCases, ridgeSolve as (...args: never[]) => unknown],
  ];

  function close(got: unknown, want: unknown, rtol: number, atol: number): boolean {
    if (typeof want === "number") return typeof got === "number" && Math.abs(got - want) <= atol + rtol * Math.abs(want);
    if (Array.isArray(want)) return Array.isArray(got) && got.length === want.length && want.every((w, i) => close(got[i], w, rtol, atol));
    if (typeof want === "object" && want !== null) {
      return typeof got === "object" && got !== null && Object.entries(want).every(([key, w]) => close((got as Record<string, unknown>)[key], w, rtol, atol));
    }
    return got === want;
  }

  for (const [id, cases, reference] of exercises) {
    it(`${id}: the reference reproduces every visible expected value`, () => {
      const manifest = JSON.parse(readFileSync(path.join(__dirname, id, "manifest.json"), "utf8")) as { tolerance: { rtol: number; atol: number } };
      expect(cases.visible.length).toBeGreaterThanOrEqual(3);
      for (const c of cases.visible) {
        expect(c.expected, c.name).toBeDefined();
        const got = (reference as (...args: unknown[]) => unknown)(...structuredClone(c.args));
        // The expected values were computed independently (exact fractions, 50-digit arithmetic).
        expect(close(got, c.expected, manifest.tolerance.rtol, Math.max(manifest.tolerance.atol, 1e-15)), `${id}: ${c.name}`).toBe(true);
      }
    });
  }
});

describe("svd quiz", () => {
  const items = quiz as QuizItem[];

  it("has at least 13 items of all four types with unique svd- ids", () => {
    expect(items.length).toBeGreaterThanOrEqual(13);
    const ids = items.map((q) => q.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^svd-[a-z0-9-]+$/);
    expect(new Set(items.map((q) => q.type))).toEqual(new Set(["single", "multi", "numeric", "param-numeric"]));
  });

  it("param-numeric answers agree with their independent verify() for 100 seeds", () => {
    for (const item of items) {
      if (item.type !== "param-numeric") continue;
      for (let seed = 1; seed <= 100; seed++) {
        const p = item.params(createRng(seed, item.id));
        const a = item.answer(p);
        const v = item.verify(p);
        expect(Number.isFinite(a), `${item.id} seed ${seed}`).toBe(true);
        expect(Math.abs(a - v), `${item.id} seed ${seed}: ${a} vs ${v}`).toBeLessThanOrEqual(
          (item.tolerance.abs ?? 0) + (item.tolerance.rel ?? 0) * Math.abs(v),
        );
      }
    }
  });

  it("passes the platform's quiz check (schema, choice ids, KaTeX, placeholders)", () => {
    for (const item of items) expect(checkQuizItem(item, 100), item.id).toEqual([]);
  });

  it("worked numbers: rank-1 energy of the 3×2 example and the Penrose answer", () => {
    const energy = items.find((q) => q.id === "svd-rank-1-energy-worked");
    expect(energy?.type).toBe("numeric");
    if (energy?.type === "numeric") expect(energy.answer).toBeCloseTo(100 * energyRatio(svd([[4, 0], [3, -5], [0, 3]]).S, 1), 10);
    const A = [[1, 0], [0, 0]];
    const X = [[1, 1], [0, 1]];
    const AX = matmul(A, X);
    const XA = matmul(X, A);
    const fails = [
      frobenius(sub(matmul(AX, A), A)) > 0,
      frobenius(sub(matmul(XA, X), X)) > 0,
      frobenius(sub(AX, transpose(AX))) > 0,
      frobenius(sub(XA, transpose(XA))) > 0,
    ];
    const penroseItem = items.find((q) => q.id === "svd-penrose-conditions");
    expect(penroseItem?.type === "multi" ? penroseItem.answer : []).toEqual(["c1", "c2", "c3", "c4"].filter((_, i) => fails[i]));
  });
});
