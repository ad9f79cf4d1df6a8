import { readFileSync } from "node:fs";
import path from "node:path";
import { det, inv, matmul, qr, solve, transpose } from "linalg";
import { describe, expect, it } from "vitest";
import { createRng } from "../../graders/content";
import type { ExerciseCases, QuizItem, Rng } from "../../graders/content";
import quiz from "./quiz";
import gdCases from "./gradient-descent/cases";
import newtonCases from "./newton-step/cases";
import covCases from "./change-of-variables/cases";
import loglikCases, { gaussianData } from "./gaussian-loglik/cases";
import * as gdRef from "./gradient-descent/reference";
import * as newtonRef from "./newton-step/reference";
import * as covRef from "./change-of-variables/reference";
import * as loglikRef from "./gaussian-loglik/reference";

/**
 * Properties of the model answers that do not depend on the answers themselves: convergence to the least-squares
 * solution, stationarity of the Newton point, densities that integrate to 1 and agree with closed forms, and the
 * Gaussian log-likelihood against the naive formula, row additivity and one-dimensional factorisation.
 * Plus: every visible `expected` agrees with the reference, and param-numeric quiz answers agree with verify.
 */

const SEEDS = 30;

function eachSeed(label: string, body: (rng: Rng, seed: number) => void): void {
  for (let seed = 1; seed <= SEEDS; seed++) body(createRng(seed, label), seed);
}

function expectClose(got: number, want: number, rtol: number, atol: number, what = ""): void {
  if (!(Math.abs(got - want) <= atol + rtol * Math.abs(want))) {
    throw new Error(`${what}: got ${got}, want ${want} (rtol ${rtol}, atol ${atol})`);
  }
}

function deepClose(got: unknown, want: unknown, rtol: number, atol: number, where = "result"): void {
  if (typeof want === "number") {
    expect(typeof got, where).toBe("number");
    expectClose(got as number, want, rtol, atol, where);
  } else if (Array.isArray(want)) {
    expect((got as unknown[]).length, where).toBe(want.length);
    want.forEach((w, i) => deepClose((got as unknown[])[i], w, rtol, atol, `${where}[${i}]`));
  } else {
    expect(got, where).toEqual(want);
  }
}

function checkVisible(dir: string, cases: ExerciseCases, ref: Record<string, unknown>): void {
  const manifest = JSON.parse(readFileSync(path.join(__dirname, dir, "manifest.json"), "utf8")) as { exports: string[]; tolerance: { rtol: number; atol: number } };
  for (const c of cases.visible) {
    if (c.expected === undefined) continue;
    const call = c.call ?? manifest.exports[0]!;
    const args = structuredClone(c.args);
    const got = cases.driver ? cases.driver(ref, call, args) : (ref[call] as (...a: unknown[]) => unknown)(...args);
    const tol = { ...manifest.tolerance, ...c.tolerance };
    deepClose(got, c.expected, tol.rtol, tol.atol, `${dir}: ${c.name}`);
  }
}

const matVec = (A: number[][], x: number[]): number[] => A.map((row) => row.reduce((s, a, j) => s + a * x[j]!, 0));

describe("visible expected values", () => {
  it.each([
    ["gradient-descent", gdCases, gdRef],
    ["newton-step", newtonCases, newtonRef],
    ["change-of-variables", covCases, covRef],
    ["gaussian-loglik", loglikCases, loglikRef],
  ] as const)("%s: the reference reproduces every visible expected value", (dir, cases, ref) => {
    checkVisible(dir, cases, ref as unknown as Record<string, unknown>);
  });
});

describe("gradient-descent reference", () => {
  const { gradientDescent } = gdRef;

  it("converges to the least-squares solution of the normal equations for lr = 1/L", () => {
    eachSeed("gd-converge", (rng) => {
      const m = rng.int(4, 10);
      const n = rng.int(1, 3);
      // Well conditioned: orthonormal columns scaled into [1, 2].
      const { Q } = qr(rng.matrix(m, n));
      const A = Q.map((row) => row.map((q, j) => q * (1 + j / n)));
      const b = rng.vector(m);
      const L = Math.max(...A[0]!.map((_, j) => (1 + j / n) ** 2));
      const theta = gradientDescent(A, b, 1 / L, 400);
      const At = transpose(A);
      const exact = solve(matmul(At, A), matVec(At, b));
      theta.forEach((t, j) => expectClose(t, exact[j]!, 1e-8, 1e-10, `θ[${j}]`));
    });
  });

  it("makes one step of lr·Aᵀb from zero, and never increases the loss for lr ≤ 1/L", () => {
    eachSeed("gd-monotone", (rng) => {
      const m = rng.int(2, 8);
      const n = rng.int(1, 4);
      const A = rng.matrix(m, n);
      const b = rng.vector(m);
      const lr = 0.05;
      const one = gradientDescent(A, b, lr, 1);
      matVec(transpose(A), b).forEach((g, j) => expectClose(one[j]!, lr * g, 1e-12, 1e-15, `step 1[${j}]`));
      expect(gradientDescent(A, b, lr, 0)).toEqual(new Array<number>(n).fill(0));
      const L = Math.max(...frobeniusSquared(A));
      const loss = (t: number[]) => matVec(A, t).reduce((s, x, i) => s + 0.5 * (x - b[i]!) ** 2, 0);
      let previous = loss(new Array<number>(n).fill(0));
      for (let k = 1; k <= 20; k++) {
        const current = loss(gradientDescent(A, b, 1 / L, k));
        expect(current).toBeLessThanOrEqual(previous + 1e-12);
        previous = current;
      }
    });
  });
});

/** Upper bound of the eigenvalues of AᵀA (the Frobenius norm squared): enough for a safe lr ≤ 1/L. */
function frobeniusSquared(A: number[][]): number[] {
  return [A.flat().reduce((s, a) => s + a * a, 0)];
}

describe("newton-step reference", () => {
  const { newtonStep } = newtonRef;

  it("solves H·d = −g, so x + d is the stationary point of the quadratic model", () => {
    eachSeed("newton", (rng) => {
      const n = rng.int(1, 8);
      const B = rng.matrix(n, n);
      const H = matmul(B, transpose(B)).map((row, i) => row.map((h, j) => h + (i === j ? 0.5 : 0)));
      const g = rng.vector(n);
      const d = newtonStep(g, H);
      // Residual of the model's gradient g + H·d, relative to the sizes involved.
      const r = matVec(H, d).map((hd, i) => hd + g[i]!);
      const scale = Math.max(...g.map(Math.abs)) + Math.max(...H.flat().map(Math.abs)) * Math.max(...d.map(Math.abs));
      for (const ri of r) expect(Math.abs(ri)).toBeLessThan(1e-12 * scale);
      // Against the explicit inverse, for well-conditioned H.
      matVec(inv(H), g).forEach((x, i) => expectClose(d[i]!, -x, 1e-8, 1e-10, `d[${i}]`));
    });
  });
});

describe("change-of-variables reference", () => {
  const run = (model: unknown, y: number[]): number =>
    covCases.driver!(covRef as unknown as Record<string, unknown>, "logDensityY", [model, y]) as number;

  it("gives one-dimensional densities that integrate to 1", () => {
    const models: [unknown, number, number][] = [
      [{ base: { kind: "normal", mu: [0.3], sd: [0.8] }, map: { kind: "log" } }, 1e-9, 60],
      [{ base: { kind: "normal", mu: [-0.2], sd: [1.3] }, map: { kind: "atanh" } }, -1 + 1e-12, 1 - 1e-12],
      [{ base: { kind: "uniform", lo: [0], hi: [1] }, map: { kind: "affine", M: [[1 / 3]], c: [0] } }, 0, 3],
      [{ base: { kind: "normal", mu: [1], sd: [2] }, map: { kind: "affine", M: [[-0.5]], c: [0.25] } }, -40, 40],
    ];
    for (const [model, lo, hi] of models) {
      // Composite Simpson's rule on a fine grid.
      const N = 200_000;
      const h = (hi - lo) / N;
      let s = 0;
      for (let k = 0; k <= N; k++) {
        const w = k === 0 || k === N ? 1 : k % 2 === 1 ? 4 : 2;
        s += w * Math.exp(run(model, [lo + k * h]));
      }
      expectClose((s * h) / 3, 1, 1e-5, 0, JSON.stringify(model));
    }
  });

  it("agrees with the closed-form Gaussian for affine maps of Gaussians (via the log-likelihood reference)", () => {
    eachSeed("cov-affine", (rng) => {
      const d = rng.int(1, 4);
      const mu = rng.vector(d);
      const sd = rng.vector(d, (r) => r.uniform(0.5, 2));
      const M = rng.matrix(d, d).map((row, i) => row.map((m, j) => m + (i === j ? 2 : 0)));
      const c = rng.vector(d);
      const y = rng.vector(d);
      // x = M·y + c with x ~ N(μ, diag(sd²)) means y ~ N(M⁻¹(μ − c), M⁻¹·diag(sd²)·M⁻ᵀ).
      const Minv = inv(M);
      const mean = matVec(Minv, mu.map((m, i) => m - c[i]!));
      const cov = matmul(matmul(Minv, sd.map((s, i) => sd.map((_, j) => (i === j ? s * s : 0)))), transpose(Minv));
      const sym = cov.map((row, i) => row.map((_, j) => (cov[i]![j]! + cov[j]![i]!) / 2));
      const model = { base: { kind: "normal", mu, sd }, map: { kind: "affine", M, c } };
      expectClose(run(model, y), loglikRef.gaussianLogLik([y], mean, sym), 1e-9, 1e-9, "affine Gaussian");
    });
  });
});

describe("gaussian-loglik reference", () => {
  const { gaussianLogLik } = loglikRef;

  it("matches the naive formula with det and inv on well-conditioned covariances", () => {
    eachSeed("loglik-naive", (rng) => {
      const [X, mu, Sigma] = gaussianData(rng, rng.int(1, 6), rng.int(1, 20), rng.uniform(0, 2));
      const Si = inv(Sigma);
      const d = mu.length;
      const naive = X.reduce((s, x) => {
        const r = x.map((xi, i) => xi - mu[i]!);
        const q = r.reduce((t, ri, i) => t + ri * matVec(Si, r)[i]!, 0);
        return s - 0.5 * (d * Math.log(2 * Math.PI) + Math.log(det(Sigma)) + q);
      }, 0);
      expectClose(gaussianLogLik(X, mu, Sigma), naive, 1e-10, 1e-10, "naive");
    });
  });

  it("adds over rows, is invariant to shifting data and mean together, and factorises for diagonal Σ", () => {
    eachSeed("loglik-props", (rng) => {
      const [X, mu, Sigma] = gaussianData(rng, rng.int(2, 5), rng.int(2, 20), rng.uniform(0, 4));
      const split = rng.int(1, X.length - 1);
      expectClose(gaussianLogLik(X, mu, Sigma), gaussianLogLik(X.slice(0, split), mu, Sigma) + gaussianLogLik(X.slice(split), mu, Sigma), 1e-12, 1e-10, "additive");
      const shift = rng.vector(mu.length);
      const moved = gaussianLogLik(X.map((x) => x.map((xi, i) => xi + shift[i]!)), mu.map((m, i) => m + shift[i]!), Sigma);
      expectClose(moved, gaussianLogLik(X, mu, Sigma), 1e-9, 1e-9, "shift");
      const variances = Sigma.map((row, i) => row[i]!);
      const diagonal = variances.map((v, i) => variances.map((_, j) => (i === j ? v : 0)));
      const oneD = X.reduce((s, x) => s + x.reduce((t, xi, i) => t - 0.5 * (Math.log(2 * Math.PI * variances[i]!) + (xi - mu[i]!) ** 2 / variances[i]!), 0), 0);
      expectClose(gaussianLogLik(X, mu, diagonal), oneD, 1e-12, 1e-10, "diagonal");
    });
  });

  it("refuses a covariance that is not positive definite with a readable message", () => {
    expect(() => gaussianLogLik([[0, 0]], [0, 0], [[1, 2], [2, 1]])).toThrow(/positive definite/);
  });
});

describe("optimization quiz", () => {
  const items = quiz as QuizItem[];

  it("has at least 10 items of all four types with topic-prefixed unique ids", () => {
    expect(items.length).toBeGreaterThanOrEqual(10);
    expect(new Set(items.map((q) => q.type))).toEqual(new Set(["single", "multi", "numeric", "param-numeric"]));
    expect(new Set(items.map((q) => q.id)).size).toBe(items.length);
    for (const q of items) expect(q.id.startsWith("optimization-")).toBe(true);
  });

  it("param-numeric answers agree with their independent verify for 100 seeds", () => {
    for (const q of items) {
      if (q.type !== "param-numeric") continue;
      for (let seed = 1; seed <= 100; seed++) {
        const p = q.params(createRng(seed, q.id));
        const a = q.answer(p);
        expect(Number.isFinite(a), `${q.id} seed ${seed}`).toBe(true);
        expectClose(a, q.verify(p), q.tolerance.rel ?? 0, q.tolerance.abs ?? 0, `${q.id} seed ${seed}`);
      }
    }
  });
});
