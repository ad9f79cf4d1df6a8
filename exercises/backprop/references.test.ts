import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { solve } from "linalg";
import { centralDiff, createRng, gradientRelativeError, type ExerciseCases, type QuizItem, type Rng } from "../../graders/content";
import { loadTsModule } from "../../graders/exercise/ts-module";
import { activationGrads, attention, block, layerNorm, leastSquares, linear, logDet, softmaxJac } from "./test-forwards";

/*
 * Property tests of the model answers, on seeded random inputs. Each gradient is compared with central differences
 * of a forward pass written here (./test-forwards.ts), independent of the references and of cases.ts,
 * plus identities a right answer satisfies whatever its formula.
 */

type Matrix = number[][];
/** Every number of a nested value, objects in sorted key order. */
function flat(v: unknown): number[] {
  if (Array.isArray(v)) return v.flatMap(flat);
  if (typeof v === "object" && v !== null) return Object.keys(v).sort().flatMap((k) => flat((v as Record<string, unknown>)[k]));
  return [v as number];
}
const SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];

/** Central differences of f over every entry of a nested array, with the same nesting flattened. */
function numericGrad<T>(f: (x: T) => number, x: T, h = 1e-6): number[] {
  const shape = JSON.stringify(x);
  const base = flat(x);
  return centralDiff((v) => {
    let k = 0;
    const rebuilt = JSON.parse(shape, (_key, value: unknown) => (typeof value === "number" ? v[k++]! : value)) as T;
    return f(rebuilt);
  }, base, h);
}

function expectGradient(analytic: unknown, numeric: number[], bound = 1e-6): void {
  expect(gradientRelativeError(flat(analytic), numeric)).toBeLessThan(bound);
}

function sum(v: readonly number[]): number {
  return v.reduce((a, b) => a + b, 0);
}

const colSums = (M: Matrix): number[] => M[0]!.map((_, j) => sum(M.map((r) => r[j]!)));

describe("least-squares-grad reference", () => {
  it("matches central differences of ½‖Aθ − b‖² and vanishes at the least-squares solution", () => {
    for (const seed of SEEDS) {
      const rng = createRng(seed, "lsq");
      const m = rng.int(3, 12);
      const n = rng.int(1, m);
      const A = rng.matrix(m, n);
      const theta = rng.vector(n);
      const b = rng.vector(m);
      expectGradient(leastSquares.ref(A, theta, b), numericGrad((t: number[]) => leastSquares.f(A, t, b), theta));
      // Normal equations AᵀAθ* = Aᵀb, solved by the linalg helper: the gradient at θ* is 0.
      const AtA = A[0]!.map((_, i) => A[0]!.map((__, j) => sum(A.map((r) => r[i]! * r[j]!))));
      const Atb = A[0]!.map((_, i) => sum(A.map((r, k) => r[i]! * b[k]!)));
      const star = solve(AtA, Atb);
      const g = leastSquares.ref(A, star, b);
      expect(Math.max(...g.map(Math.abs))).toBeLessThan(1e-9 * (1 + Math.max(...Atb.map(Math.abs))));
    }
  });
});

describe("softmax-jacobian reference", () => {
  it("matches central differences, is symmetric, and its columns sum to 0, even for logits near ±1000", () => {
    for (const seed of SEEDS) {
      const rng = createRng(seed, "softmax-jacobian");
      const shift = rng.pick([0, 1000, -1000]);
      const z = rng.vector(rng.int(1, 12), (r) => r.normal(shift, 3));
      const J = softmaxJac.ref(z);
      const numeric = z.map((_, i) => centralDiff((v) => softmaxJac.f(v)[i]!, z, 1e-6));
      expectGradient(J, flat(numeric));
      J.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(J[j]![i]!, 15)));
      colSums(J).forEach((s) => expect(Math.abs(s)).toBeLessThan(1e-15));
    }
  });
});

describe("logdet-grad reference", () => {
  it("matches central differences of log|det X| and satisfies Gᵀ X = I, for either sign of det", () => {
    for (const seed of SEEDS) {
      const rng = createRng(seed, "logdet");
      const n = rng.int(1, 7);
      const X = rng.matrix(n, n).map((row, i) => row.map((v, j) => (i === j ? v + rng.pick([-1, 1]) * 2 * Math.sqrt(n) : v)));
      const G = logDet.ref(X);
      expectGradient(G, numericGrad(logDet.f, X));
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) expect(sum(X.map((row, k) => G[k]![i]! * row[j]!))).toBeCloseTo(i === j ? 1 : 0, 10);
      }
    }
  });
});

describe("activation-grads reference", () => {
  it("matches central differences, stays in range, and satisfies tanh'(x) = 4σ'(2x)", () => {
    for (const seed of SEEDS) {
      const rng = createRng(seed, "activation");
      const x = rng.vector(20, (r) => r.normal(0, 4));
      const s = activationGrads.sigmoid(x);
      const t = activationGrads.tanh(x);
      x.forEach((v, i) => {
        expect(s[i]!).toBeCloseTo(centralDiff((u) => 1 / (1 + Math.exp(-u[0]!)), [v], 1e-6)[0]!, 8);
        expect(t[i]!).toBeCloseTo(centralDiff((u) => Math.tanh(u[0]!), [v], 1e-6)[0]!, 8);
        expect(s[i]!).toBeGreaterThanOrEqual(0);
        expect(s[i]!).toBeLessThanOrEqual(0.25);
        expect(t[i]!).toBeLessThanOrEqual(1);
        expect(t[i]! / (4 * activationGrads.sigmoid([2 * v])[0]!)).toBeCloseTo(1, 12);
      });
    }
  });

  it("keeps full relative precision and stays finite in saturation", () => {
    const x = [30, -30, 40, -700, 1000, -1000];
    const s = activationGrads.sigmoid(x);
    const t = activationGrads.tanh(x);
    expect(s.every(Number.isFinite) && t.every(Number.isFinite)).toBe(true);
    // σ'(±30) = e^{−30}/(1 + e^{−30})² to full precision: 1 − σ(30) would have lost 3 digits here.
    expect(s[0]! / (Math.exp(-30) / (1 + Math.exp(-30)) ** 2)).toBeCloseTo(1, 13);
    expect(t[2]! / (4 * Math.exp(-80))).toBeCloseTo(1, 12);
  });
});

describe("linear-backward reference", () => {
  it("matches central differences for dx, dW and db", () => {
    for (const seed of SEEDS) {
      const rng = createRng(seed, "linear");
      const [n, dIn, dOut] = [rng.int(1, 6), rng.int(1, 6), rng.int(1, 6)];
      const x = rng.matrix(n, dIn);
      const W = rng.matrix(dIn, dOut);
      const dy = rng.matrix(n, dOut);
      const b = rng.vector(dOut);
      const g = linear.ref(x, W, dy);
      expectGradient(g.dx, numericGrad((X: Matrix) => linear.f(X, W, b, dy), x));
      expectGradient(g.dW, numericGrad((V: Matrix) => linear.f(x, V, b, dy), W));
      expectGradient(g.db, numericGrad((c: number[]) => linear.f(x, W, c, dy), b));
    }
  });
});

describe("layernorm-backward reference", () => {
  function rows(rng: Rng): { x: Matrix; gamma: number[]; dy: Matrix } {
    const n = rng.int(1, 5);
    const d = rng.int(3, 10);
    return { x: rng.matrix(n, d, (r) => r.normal(1, 2)), gamma: rng.vector(d, (r) => r.normal(1, 0.5)), dy: rng.matrix(n, d) };
  }

  it("matches central differences for dx, dgamma and dbeta", () => {
    for (const seed of SEEDS) {
      const { x, gamma, dy } = rows(createRng(seed, "layernorm"));
      const beta = gamma.map(() => 0.3);
      const g = layerNorm.ref(x, gamma, dy, 1e-5);
      expectGradient(g.dx, numericGrad((X: Matrix) => layerNorm.f(X, gamma, beta, dy, 1e-5), x, 1e-5), 1e-6);
      expectGradient(g.dgamma, numericGrad((c: number[]) => layerNorm.f(x, c, beta, dy, 1e-5), gamma));
      expectGradient(g.dbeta, numericGrad((c: number[]) => layerNorm.f(x, gamma, c, dy, 1e-5), beta));
    }
  });

  it("gives rows of dx that sum to 0, and dx ⟂ x̂ when eps = 0", () => {
    for (const seed of SEEDS) {
      const { x, gamma, dy } = rows(createRng(seed, "layernorm-props"));
      const { dx } = layerNorm.ref(x, gamma, dy, 0);
      dx.forEach((row, i) => {
        const scale = sum(row.map(Math.abs));
        expect(Math.abs(sum(row))).toBeLessThan(1e-12 * (1 + scale));
        const xi = x[i]!;
        const mean = sum(xi) / xi.length;
        expect(Math.abs(sum(row.map((v, j) => v * (xi[j]! - mean))))).toBeLessThan(1e-12 * (1 + scale) * (1 + sum(xi.map(Math.abs))));
      });
    }
  });

  it("reproduces the curriculum's worked numbers", () => {
    const g = layerNorm.ref([[1, 2, 3, 4]], [1, 1, 1, 1], [[0.1, -0.2, 0.3, 0]], 1e-5);
    [0.0715537, -0.2146617, 0.2146617, -0.0715537].forEach((v, j) => expect(g.dx[0]![j]!).toBeCloseTo(v, 7));
    [-0.1341635, 0.0894424, 0.1341635, 0].forEach((v, j) => expect(g.dgamma[j]!).toBeCloseTo(v, 7));
    expect(g.dbeta).toEqual([0.1, -0.2, 0.3, 0]);
  });

  it("stays exact on near-constant rows with a large offset (two-pass variance)", () => {
    const rng = createRng(9, "layernorm-tiny");
    const x = [rng.vector(8, (r) => 50 + 1e-4 * r.normal())];
    const gamma = rng.vector(8, (r) => r.uniform(0.5, 2));
    const dy = [rng.vector(8)];
    const { dx } = layerNorm.ref(x, gamma, dy, 1e-12);
    // Differentiate row-wise with a step well below the row's spread (σ ≈ 1e-4).
    const numeric = centralDiff((v) => layerNorm.f([v], gamma, gamma.map(() => 0), dy, 1e-12), x[0]!, 1e-8);
    expectGradient(dx, numeric, 1e-5);
  });
});

describe("attention-backward reference", () => {
  it("matches central differences for dQ, dK, dV, also with scores near 2000", () => {
    for (const seed of SEEDS) {
      const rng = createRng(seed, "attention");
      const [nq, nk, d, dv] = [rng.int(1, 4), rng.int(1, 5), rng.int(1, 5), rng.int(1, 4)];
      const big = seed % 2 === 0 && d > 1;
      const Q = rng.matrix(nq, d).map((r) => (big ? [...r.slice(1), 60] : r));
      const K = rng.matrix(nk, d).map((r) => (big ? [...r.slice(1), 60] : r));
      const V = rng.matrix(nk, dv);
      const dOut = rng.matrix(nq, dv);
      const g = attention.ref(Q, K, V, dOut);
      expectGradient(g.dQ, numericGrad((X: Matrix) => attention.f(X, K, V, dOut), Q), 1e-5);
      expectGradient(g.dK, numericGrad((X: Matrix) => attention.f(Q, X, V, dOut), K), 1e-5);
      expectGradient(g.dV, numericGrad((X: Matrix) => attention.f(Q, K, X, dOut), V));
      // Shifting every key by the same vector changes each row of scores by a constant: Σ_j dK_j = 0.
      colSums(g.dK).forEach((s) => expect(Math.abs(s)).toBeLessThan(1e-10));
      // The probabilities of a row sum to 1: Σ_j dV_j = Σ_i dOut_i.
      colSums(g.dV).forEach((s, c) => expect(s).toBeCloseTo(colSums(dOut)[c]!, 12));
    }
  });
});

describe("transformer-block-backward reference", () => {
  it("matches central differences on every parameter, with dW_O rows summing to 0", () => {
    for (const seed of SEEDS) {
      const rng = createRng(seed, "block");
      // d ≥ 3: with d = 2, LayerNorm maps every row to ±γ + β and its gradients are almost 0 (nothing to measure).
      const [n, d, dk, dv] = [rng.int(1, 4), rng.int(3, 5), rng.int(1, 3), rng.int(1, 4)];
      const p = {
        WQ: rng.matrix(d, dk, (r) => r.normal(0, 0.5)),
        WK: rng.matrix(d, dk, (r) => r.normal(0, 0.5)),
        WV: rng.matrix(d, dv, (r) => r.normal(0, 0.5)),
        WO: rng.matrix(dv, d, (r) => r.normal(0, 0.5)),
        gamma: rng.vector(d, (r) => r.normal(1, 0.3)),
        beta: rng.vector(d, (r) => r.normal(0, 0.3)),
      };
      const x = rng.matrix(n, d);
      const dOut = rng.matrix(n, d);
      const g = block.ref(x, p, dOut);
      expectGradient(g.dx, numericGrad((X: Matrix) => block.f(X, p, dOut), x), 1e-5);
      for (const key of ["WQ", "WK", "WV", "WO", "gamma", "beta"] as const) {
        const grad = g[`d${key}` as keyof typeof g];
        const numeric = numericGrad((v: Matrix | number[]) => block.f(x, { ...p, [key]: v }, dOut), p[key] as Matrix | number[]);
        expectGradient(grad, numeric, 1e-5);
      }
      g.dWO.forEach((row) => expect(Math.abs(sum(row))).toBeLessThan(1e-10));
      colSums(dOut).forEach((s, j) => expect(g.dbeta[j]!).toBeCloseTo(s, 12));
    }
  });
});

describe("visible cases", () => {
  const dir = path.dirname(new URL(import.meta.url).pathname);
  const ids = [
    "least-squares-grad", "softmax-jacobian", "logdet-grad", "activation-grads",
    "linear-backward", "layernorm-backward", "attention-backward", "transformer-block-backward",
  ];
  it.each(ids)("%s: every visible expected value agrees with the reference", (id) => {
    const folder = path.join(dir, id);
    const manifest = JSON.parse(readFileSync(path.join(folder, "manifest.json"), "utf8")) as { exports: string[]; tolerance: { rtol: number; atol: number } };
    const cases = loadTsModule(path.join(folder, "cases.ts")).default as ExerciseCases;
    const reference = loadTsModule(path.join(folder, "reference.ts"));
    expect(cases.visible.length).toBeGreaterThanOrEqual(3);
    for (const c of cases.visible.filter((v) => v.expected !== undefined)) {
      const fn = reference[c.call ?? manifest.exports[0]!] as (...args: unknown[]) => unknown;
      const got = flat(fn(...(structuredClone(c.args) as unknown[])));
      const want = flat(c.expected);
      expect(got.length).toBe(want.length);
      const tol = { ...manifest.tolerance, ...c.tolerance };
      want.forEach((w, i) => expect(Math.abs(got[i]! - w)).toBeLessThanOrEqual(tol.atol + tol.rtol * Math.abs(w)));
    }
  });
});

describe("quiz", () => {
  const quiz = loadTsModule(path.join(path.dirname(new URL(import.meta.url).pathname), "quiz.ts")).default as QuizItem[];

  it("has at least 11 items of all four types with unique backprop- ids", () => {
    expect(quiz.length).toBeGreaterThanOrEqual(11);
    expect(new Set(quiz.map((q) => q.type))).toEqual(new Set(["single", "multi", "numeric", "param-numeric"]));
    expect(new Set(quiz.map((q) => q.id)).size).toBe(quiz.length);
    quiz.forEach((q) => expect(q.id).toMatch(/^backprop-[a-z0-9-]+$/));
  });

  it("param-numeric answers agree with their independent verify() for 100 seeds", () => {
    for (const q of quiz) {
      if (q.type !== "param-numeric") continue;
      for (let seed = 1; seed <= 100; seed++) {
        const p = q.params(createRng(seed, q.id));
        const a = q.answer(p);
        const v = q.verify(p);
        expect(Number.isFinite(a)).toBe(true);
        expect(Math.abs(a - v)).toBeLessThanOrEqual((q.tolerance.abs ?? 0) + (q.tolerance.rel ?? 0) * Math.abs(v));
      }
    }
  });
});
