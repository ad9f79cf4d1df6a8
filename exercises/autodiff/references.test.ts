import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createRng, gradientRelativeError } from "../../graders/content";
import type { ExerciseCases, QuizItem, Rng } from "../../graders/content";
import quiz from "./quiz";
import numericalGradientCases, { analyticGradient, randomProgram } from "./numerical-gradient/cases";
import gradCheckCases from "./grad-check/cases";
import dualCases from "./dual-numbers/cases";
import reverseCases from "./reverse-mode/cases";
import hvpCases, { quadratic } from "./hvp/cases";
import * as numericalGradientRef from "./numerical-gradient/reference";
import * as gradCheckRef from "./grad-check/reference";
import * as dualRef from "./dual-numbers/reference";
import * as reverseRef from "./reverse-mode/reference";
import * as hvpRef from "./hvp/reference";

/**
 * Properties of the model answers that do not depend on the answers themselves: plain-number forwards of the hidden
 * programs differentiated by central differences, a host-side reverse sweep, exact rational arithmetic on duals,
 * invariances of the relative error. Plus: every visible `expected` agrees with the reference, and every
 * param-numeric quiz item's answer agrees with its independent verify for 100 seeds.
 */

const SEEDS = 30;
type Program = (string | number)[][];

function eachSeed(label: string, body: (rng: Rng, seed: number) => void): void {
  for (let seed = 1; seed <= SEEDS; seed++) body(createRng(seed, label), seed);
}

function expectClose(got: number, want: number, rtol: number, atol: number, what = ""): void {
  if (!(Math.abs(got - want) <= atol + rtol * Math.abs(want))) {
    throw new Error(`${what}: got ${got}, want ${want} (rtol ${rtol}, atol ${atol})`);
  }
}

/** Plain-number evaluation of a program: the forward that every derivative here is checked against. */
function evaluate(prog: Program, x: number[]): number {
  const v: number[] = [];
  for (const ins of prog) {
    const a = v[ins[1] as number]!;
    const b = v[ins[2] as number]!;
    const table: Record<string, () => number> = {
      x: () => x[ins[1] as number]!,
      c: () => ins[1] as number,
      add: () => a + b,
      sub: () => a - b,
      mul: () => a * b,
      div: () => a / b,
      sin: () => Math.sin(a),
      cos: () => Math.cos(a),
      exp: () => Math.exp(a),
      log: () => Math.log(a),
      pow: () => a ** (ins[2] as number),
    };
    v.push(table[ins[0] as string]!());
  }
  return v[v.length - 1]!;
}

/** Richardson-extrapolated central difference: error O(h⁴), independent of every reference here. */
function richardson(f: (t: number) => number, h = 1e-3): number {
  const d = (s: number) => (f(s) - f(-s)) / (2 * s);
  return (4 * d(h / 2) - d(h)) / 3;
}

function partial(prog: Program, x: number[], i: number): number {
  return richardson((t) => evaluate(prog, x.map((xj, j) => (j === i ? xj + t : xj))));
}

const point = (rng: Rng, n: number): number[] => rng.vector(n, (r) => r.uniform(-1.5, 1.5));

function deepClose(got: unknown, want: unknown, rtol: number, atol: number, where = "result"): void {
  if (typeof want === "number") {
    expect(typeof got, where).toBe("number");
    expectClose(got as number, want, rtol, atol, where);
  } else if (Array.isArray(want)) {
    expect(Array.isArray(got), where).toBe(true);
    expect((got as unknown[]).length, where).toBe(want.length);
    want.forEach((w, i) => deepClose((got as unknown[])[i], w, rtol, atol, `${where}[${i}]`));
  } else if (want !== null && typeof want === "object") {
    for (const [k, w] of Object.entries(want)) deepClose((got as Record<string, unknown>)[k], w, rtol, atol, `${where}.${k}`);
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

describe("visible expected values", () => {
  it.each([
    ["numerical-gradient", numericalGradientCases, numericalGradientRef],
    ["grad-check", gradCheckCases, gradCheckRef],
    ["dual-numbers", dualCases, dualRef],
    ["reverse-mode", reverseCases, reverseRef],
    ["hvp", hvpCases, hvpRef],
  ] as const)("%s: the reference reproduces every visible expected value", (dir, cases, ref) => {
    checkVisible(dir, cases, ref as unknown as Record<string, unknown>);
  });
});

describe("hidden programs", () => {
  it("have finite values and moderate gradients at their sample points", () => {
    eachSeed("programs", (rng) => {
      const n = rng.int(1, 8);
      const prog = randomProgram(rng, n, 6 * n);
      const x = point(rng, n);
      expect(Number.isFinite(evaluate(prog, x))).toBe(true);
      for (const g of analyticGradient(prog, x)) expect(Math.abs(g)).toBeLessThan(1e4);
    });
  });

  it("host reverse sweep agrees with extrapolated differences of the forward", () => {
    eachSeed("sweep", (rng) => {
      const n = rng.int(1, 5);
      const prog = randomProgram(rng, n, 5 * n);
      const x = point(rng, n);
      const g = analyticGradient(prog, x);
      g.forEach((gi, i) => expectClose(gi, partial(prog, x, i), 1e-6, 1e-7, `∂${i}`));
    });
  });
});

describe("numerical-gradient reference", () => {
  it("matches the analytic gradient and leaves x untouched", () => {
    eachSeed("ng", (rng) => {
      const n = rng.int(1, 10);
      const prog = randomProgram(rng, n, 4 * n);
      const x = point(rng, n);
      const copy = x.slice();
      const g = numericalGradientRef.numericalGradient((v) => evaluate(prog, v), x);
      expect(x).toEqual(copy);
      analyticGradient(prog, x).forEach((gi, i) => expectClose(g[i]!, gi, 1e-6, 1e-7, `∂${i}`));
    });
  });

  it("has an O(h²) error: halving h divides the error by about 4", () => {
    const f = (v: number[]) => Math.exp(v[0]!) * Math.sin(v[0]!);
    const exact = Math.exp(0.3) * (Math.sin(0.3) + Math.cos(0.3));
    const e1 = Math.abs(numericalGradientRef.numericalGradient(f, [0.3], 1e-2)[0]! - exact);
    const e2 = Math.abs(numericalGradientRef.numericalGradient(f, [0.3], 5e-3)[0]! - exact);
    expect(e1 / e2).toBeGreaterThan(3.8);
    expect(e1 / e2).toBeLessThan(4.2);
  });
});

describe("grad-check reference", () => {
  const { relativeError, gradCheckVerdict } = gradCheckRef;

  it("is symmetric, bounded by 1, scale-free and agrees with the kit's formula", () => {
    eachSeed("rel", (rng) => {
      const n = rng.int(1, 50);
      const a = rng.vector(n);
      const b = a.map((x) => x + rng.normal(0, 10 ** rng.uniform(-8, 0)));
      const r = relativeError(a, b);
      expectClose(r, relativeError(b, a), 1e-12, 0, "symmetry");
      expect(r).toBeGreaterThanOrEqual(0);
      expect(r).toBeLessThanOrEqual(1);
      expectClose(relativeError(a.map((x) => 1e3 * x), b.map((x) => 1e3 * x)), r, 1e-9, 1e-15, "scale");
      expectClose(r, gradientRelativeError(a, b), 1e-12, 0, "kit");
    });
  });

  it("gives 0 for equal or zero gradients, 1/3 for a factor 2 and 1 for opposite signs", () => {
    expect(relativeError([0, 0, 0], [0, 0, 0])).toBe(0);
    expect(relativeError([1, -2], [1, -2])).toBe(0);
    expectClose(relativeError([1, 2, 3], [2, 4, 6]), 1 / 3, 1e-12, 0, "factor 2");
    expectClose(relativeError([1, 2, 3], [-1, -2, -3]), 1, 1e-12, 0, "opposite");
  });

  it("puts the bands where the conventions say, with NaN failing", () => {
    expect(gradCheckVerdict(0)).toBe("pass");
    expect(gradCheckVerdict(9.99e-6)).toBe("pass");
    expect(gradCheckVerdict(1e-5)).toBe("suspicious");
    expect(gradCheckVerdict(1e-3)).toBe("suspicious");
    expect(gradCheckVerdict(1.0001e-3)).toBe("fail");
    expect(gradCheckVerdict(Number.NaN)).toBe("fail");
    expect(gradCheckVerdict(Number.POSITIVE_INFINITY)).toBe("fail");
  });
});

describe("dual-numbers reference", () => {
  const { Dual, derivative } = dualRef;

  it("multiplies and divides as exact first-order Taylor expansions", () => {
    const p = new Dual(3, 2).mul(new Dual(4, -1));
    expect([p.val, p.dot]).toEqual([12, 5]);
    // (a + bε)/(c + dε) = a/c + (bc − ad)/c² ε
    const q = new Dual(3, 2).div(new Dual(4, -1));
    expectClose(q.val, 0.75, 1e-15, 0, "val");
    expectClose(q.dot, (2 * 4 + 3) / 16, 1e-15, 0, "dot");
    expect(new Dual(2, 1).add(5).dot).toBe(1);
    expect(new Dual(2, 1).mul(5).dot).toBe(5);
  });

  it("gives the derivative of hidden programs (checked against extrapolated differences)", () => {
    eachSeed("dual", (rng) => {
      const prog = randomProgram(rng, 1, 12);
      const x0 = rng.uniform(-1.5, 1.5);
      const got = dualCases.driver!(dualRef as unknown as Record<string, unknown>, "derivative", [prog, x0]) as { value: number; dot: number; derivative: number };
      expectClose(got.value, evaluate(prog, [x0]), 1e-12, 1e-12, "value");
      expectClose(got.derivative, partial(prog, [x0], 0), 1e-6, 1e-7, "derivative");
      expect(got.dot).toBe(got.derivative);
    });
  });
});

describe("reverse-mode reference", () => {
  it("returns f(x) and ∇f(x) of hidden programs with 1–50 inputs, calling f once", () => {
    eachSeed("reverse", (rng) => {
      const n = rng.pick([1, 2, 5, 50]);
      const prog = randomProgram(rng, n, 3 * n);
      const x = point(rng, n);
      const got = reverseCases.driver!(reverseRef as unknown as Record<string, unknown>, "grad", [prog, x]) as { value: number; grad: number[]; calls: number };
      expect(got.calls).toBe(1);
      expectClose(got.value, evaluate(prog, x), 1e-12, 1e-12, "value");
      got.grad.forEach((g, i) => expectClose(g, partial(prog, x, i), 1e-6, 1e-7, `∂${i}`));
    });
  });

  it("accumulates over reuse: d/dx (x·x·x) = 3x², d/dx (sin x · cos x) = cos 2x", () => {
    const r1 = reverseRef.grad((x) => x.mul(x).mul(x), [1.5]);
    expectClose(r1.grad[0]!, 6.75, 1e-15, 0, "x³");
    const r2 = reverseRef.grad((x) => x.sin().mul(x.cos()), [0.4]);
    expectClose(r2.grad[0]!, Math.cos(0.8), 1e-14, 0, "sin·cos");
  });
});

describe("hvp reference", () => {
  const { hessianVectorProduct } = hvpRef;
  const gradOf = (prog: Program) => (x: number[]) => analyticGradient(prog, x);

  it("reproduces H·v exactly (up to rounding) on quadratics, whose Hessian is read off the coefficients", () => {
    eachSeed("hvp-quad", (rng) => {
      const n = rng.int(1, 6);
      const prog = quadratic(rng, n);
      // The Hessian of Σ c_ij x_i x_j: H_ii = 2c_ii, H_ij = H_ji = c_ij; columns from the gradient's differences at 0 and e_j.
      const g0 = analyticGradient(prog, new Array<number>(n).fill(0));
      const H = Array.from({ length: n }, (_, j) => analyticGradient(prog, Array.from({ length: n }, (__, k) => (k === j ? 1 : 0))).map((g, i) => g - g0[i]!));
      const v = rng.vector(n);
      const x = point(rng, n);
      const hv = hessianVectorProduct(gradOf(prog), x, v);
      hv.forEach((got, i) => expectClose(got, H.reduce((s, col, j) => s + col[i]! * v[j]!, 0), 1e-7, 1e-7, `Hv[${i}]`));
    });
  });

  it("agrees with a mixed second difference uᵀHv = ∂²f(x + s·v + t·u)/∂s∂t on hidden programs", () => {
    eachSeed("hvp-mixed", (rng) => {
      const n = rng.int(1, 5);
      const prog = randomProgram(rng, n, 4 * n);
      const x = point(rng, n);
      const v = rng.vector(n);
      const u = rng.vector(n);
      const F = (s: number, t: number) => evaluate(prog, x.map((xi, i) => xi + s * v[i]! + t * u[i]!));
      // Richardson-extrapolated mixed difference: error O(h⁴).
      const M = (h: number) => (F(h, h) - F(h, -h) - F(-h, h) + F(-h, -h)) / (4 * h * h);
      const mixed = (4 * M(5e-4) - M(1e-3)) / 3;
      const hv = hessianVectorProduct(gradOf(prog), x, v);
      const uHv = hv.reduce((s, hvi, i) => s + hvi * u[i]!, 0);
      expectClose(uHv, mixed, 1e-4, 1e-5, "uᵀHv");
    });
  });

  it("returns zeros for v = 0 and scales linearly with v", () => {
    const prog: Program = [["x", 0], ["x", 1], ["sin", 0], ["mul", 2, 1]];
    expect(hessianVectorProduct(gradOf(prog), [0.3, 0.7], [0, 0])).toEqual([0, 0]);
    const a = hessianVectorProduct(gradOf(prog), [0.3, 0.7], [1, -2]);
    const b = hessianVectorProduct(gradOf(prog), [0.3, 0.7], [10, -20]);
    a.forEach((ai, i) => expectClose(b[i]!, 10 * ai, 1e-7, 1e-9, `linear[${i}]`));
  });
});

describe("autodiff quiz", () => {
  const items = quiz as QuizItem[];

  it("has at least 10 items of all four types with topic-prefixed unique ids", () => {
    expect(items.length).toBeGreaterThanOrEqual(10);
    expect(new Set(items.map((q) => q.type))).toEqual(new Set(["single", "multi", "numeric", "param-numeric"]));
    expect(new Set(items.map((q) => q.id)).size).toBe(items.length);
    for (const q of items) expect(q.id.startsWith("autodiff-")).toBe(true);
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
