import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { centralDiff, createRng } from "../../graders/content";
import type { ExerciseCases, Rng } from "../../graders/content";
import quiz from "./quiz";
import attentionCases from "./attention/cases";
import causalCases from "./causal-attention/cases";
import crossEntropyCases from "./cross-entropy/cases";
import logSoftmaxCases from "./log-softmax/cases";
import logSumExpCases from "./logsumexp/cases";
import softmaxCases from "./softmax/cases";
import ceGradCases from "./softmax-ce-grad/cases";
import temperatureCases from "./softmax-temperature/cases";
import { attention } from "./attention/reference";
import { causalAttention } from "./causal-attention/reference";
import { crossEntropy } from "./cross-entropy/reference";
import { logSoftmax } from "./log-softmax/reference";
import { logSumExp } from "./logsumexp/reference";
import { softmax } from "./softmax/reference";
import { softmaxCrossEntropyGrad } from "./softmax-ce-grad/reference";
import { softmaxT } from "./softmax-temperature/reference";

/**
 * Properties of the model answers that do not depend on the answers themselves: normalisation, invariances,
 * bounds, naive formulas where they are safe, and central differences of independent forwards.
 */

const SEEDS = 50;
const sum = (v: number[]): number => v.reduce((a, b) => a + b, 0);

function expectClose(got: number, want: number, rtol: number, atol: number, what = ""): void {
  if (!(Math.abs(got - want) <= atol + rtol * Math.abs(want))) {
    throw new Error(`${what}: got ${got}, want ${want} (rtol ${rtol}, atol ${atol})`);
  }
}

function expectAllClose(got: number[], want: number[], rtol: number, atol: number, what = ""): void {
  expect(got).toHaveLength(want.length);
  got.forEach((g, i) => expectClose(g, want[i]!, rtol, atol, `${what}[${i}]`));
}

function eachSeed(label: string, body: (rng: Rng, seed: number) => void): void {
  for (let seed = 1; seed <= SEEDS; seed++) body(createRng(seed, label), seed);
}

const logits = (rng: Rng, n: number, mean = 0, sd = 3): number[] => rng.vector(n, (r) => r.normal(mean, sd));

describe("softmax reference", () => {
  it("is a probability vector that keeps the order of the logits", () => {
    eachSeed("softmax-prob", (rng) => {
      const z = logits(rng, rng.int(1, 200));
      const p = softmax(z);
      expect(p.every((x) => x >= 0 && x <= 1)).toBe(true);
      expectClose(sum(p), 1, 0, 1e-12, "sum");
      for (let i = 1; i < z.length; i++) expect(Math.sign(p[i]! - p[0]!)).toBe(Math.sign(z[i]! - z[0]!));
    });
  });

  it("has ratios p_i / p_j = exp(z_i − z_j) and is invariant to adding a constant", () => {
    eachSeed("softmax-ratio", (rng) => {
      const z = logits(rng, rng.int(2, 30), 0, 2);
      const p = softmax(z);
      expectClose(p[1]! / p[0]!, Math.exp(z[1]! - z[0]!), 1e-12, 0, "ratio");
      const c = rng.uniform(-1000, 1000);
      expectAllClose(softmax(z.map((x) => x + c)), p, 1e-9, 1e-15, "shifted");
    });
  });

  it("agrees with the naive formula where exp cannot overflow, and stays finite where it would", () => {
    eachSeed("softmax-naive", (rng) => {
      const z = logits(rng, rng.int(1, 50));
      const e = z.map(Math.exp);
      expectAllClose(softmax(z), e.map((x) => x / sum(e)), 1e-12, 1e-15, "naive");
      const big = logits(rng, rng.int(1, 50), rng.pick([-1000, 1000]), 3);
      const p = softmax(big);
      expect(p.every(Number.isFinite)).toBe(true);
      expectClose(sum(p), 1, 0, 1e-12, "sum of large");
    });
  });
});

describe("softmaxT reference", () => {
  it("has ratios exp((z_i − z_j)/T) and sums to 1 for every temperature of the hidden classes", () => {
    eachSeed("temperature", (rng) => {
      const z = logits(rng, rng.int(2, 20), 0, 1);
      for (const T of [0.5, 1, 10, 1000]) {
        const p = softmaxT(z, T);
        expectClose(sum(p), 1, 0, 1e-12, `sum at T=${T}`);
        expectClose(p[1]! / p[0]!, Math.exp((z[1]! - z[0]!) / T), 1e-11, 0, `ratio at T=${T}`);
      }
    });
  });

  it("tends to the one-hot arg max as T → 0 and to uniform as T → ∞", () => {
    eachSeed("temperature-limits", (rng) => {
      const z = logits(rng, rng.int(2, 20));
      const top = z.indexOf(Math.max(...z));
      const cold = softmaxT(z, 1e-6);
      expect(cold.every(Number.isFinite)).toBe(true);
      expectClose(cold[top]!, 1, 0, 1e-9, "cold");
      softmaxT(z, 1e9).forEach((p) => expectClose(p, 1 / z.length, 1e-6, 0, "hot"));
    });
  });
});

describe("logSoftmax reference", () => {
  it("differs from the logits by one constant and exponentiates to a distribution", () => {
    eachSeed("log-softmax", (rng) => {
      const z = logits(rng, rng.int(1, 100));
      const y = logSoftmax(z);
      expect(y.every((v) => v <= 0)).toBe(true);
      y.forEach((v, i) => expectClose(v - y[0]!, z[i]! - z[0]!, 1e-12, 1e-12, "constant offset"));
      expectClose(sum(y.map(Math.exp)), 1, 0, 1e-12, "exp sums to 1");
    });
  });

  it("stays finite and exact on gaps of 800, where log(softmax) is −Infinity", () => {
    eachSeed("log-softmax-gaps", (rng) => {
      const n = rng.int(2, 5);
      const z = Array.from({ length: n }, (_, k) => 800 * k + rng.uniform(-1, 1));
      const y = logSoftmax(z);
      // The largest logit leads by ≥ 798, so log Σ exp(z) = max(z) to double precision.
      y.forEach((v, i) => expectClose(v, z[i]! - z[n - 1]!, 1e-12, 1e-9, "gap"));
    });
  });
});

describe("logSumExp reference", () => {
  it("lies between max(z) and max(z) + log n, and shifts with its input", () => {
    eachSeed("lse", (rng) => {
      const z = logits(rng, rng.int(1, 300), rng.uniform(-1000, 1000), 3);
      const m = Math.max(...z);
      const l = logSumExp(z);
      expect(l).toBeGreaterThanOrEqual(m);
      expect(l).toBeLessThanOrEqual(m + Math.log(z.length) + 1e-12);
      const c = rng.uniform(-100, 100);
      expectClose(logSumExp(z.map((x) => x + c)), l + c, 1e-12, 1e-9, "shift");
    });
  });

  it("agrees with the naive formula on moderate logits and is c + log n on n equal logits", () => {
    eachSeed("lse-naive", (rng) => {
      const z = logits(rng, rng.int(1, 100));
      expectClose(logSumExp(z), Math.log(sum(z.map(Math.exp))), 1e-12, 1e-12, "naive");
      const n = rng.int(1, 500);
      const c = rng.uniform(-50, 50);
      expectClose(logSumExp(new Array<number>(n).fill(c)), c + Math.log(n), 1e-13, 1e-13, "equal");
    });
  });

  it("has the softmax as its gradient (central differences)", () => {
    eachSeed("lse-grad", (rng) => {
      const z = logits(rng, rng.int(2, 10));
      const e = z.map(Math.exp);
      expectAllClose(centralDiff(logSumExp, z, 1e-6), e.map((x) => x / sum(e)), 1e-6, 1e-8, "gradient");
    });
  });
});

describe("crossEntropy reference", () => {
  const naive = (logitsB: number[][], targets: number[]): number =>
    sum(logitsB.map((z, i) => -Math.log(Math.exp(z[targets[i]!]!) / sum(z.map(Math.exp))))) / logitsB.length;

  it("is the mean of −log p over the batch, and is non-negative", () => {
    eachSeed("ce", (rng) => {
      const B = rng.int(1, 64);
      const C = rng.int(2, 50);
      const L = rng.matrix(B, C, (r) => r.normal(0, 3));
      const t = Array.from({ length: B }, () => rng.int(0, C - 1));
      const ce = crossEntropy(L, t);
      expect(ce).toBeGreaterThanOrEqual(0);
      expectClose(ce, naive(L, t), 1e-11, 1e-12, "naive");
      // Repeating the batch does not change a mean.
      expectClose(crossEntropy([...L, ...L], [...t, ...t]), ce, 1e-12, 1e-14, "mean");
    });
  });

  it("costs the logit gap on a confidently wrong answer, and log C on a uniform guess", () => {
    eachSeed("ce-confident", (rng) => {
      const gap = rng.uniform(800, 1000);
      expectClose(crossEntropy([[0, gap]], [0]), gap, 1e-15, 0, "confident wrong");
      const C = rng.int(2, 50);
      expectClose(crossEntropy([new Array<number>(C).fill(rng.normal())], [rng.int(0, C - 1)]), Math.log(C), 1e-13, 1e-15, "uniform");
    });
  });
});

describe("softmaxCrossEntropyGrad reference", () => {
  it("matches central differences of an independently written loss, and sums to 0", () => {
    eachSeed("ce-grad", (rng) => {
      const C = rng.int(2, 30);
      const z = logits(rng, C, 0, 2);
      const t = rng.int(0, C - 1);
      const loss = (x: number[]): number => Math.log(sum(x.map(Math.exp))) - x[t]!;
      const g = softmaxCrossEntropyGrad(z, t);
      expectAllClose(g, centralDiff(loss, z, 1e-6), 1e-6, 1e-8, "gradient");
      expectClose(sum(g), 0, 0, 1e-12, "sum");
      g.forEach((gi, i) => expect(gi < 0).toBe(i === t));
    });
  });

  it("stays finite on large logits", () => {
    eachSeed("ce-grad-large", (rng) => {
      const z = logits(rng, rng.int(2, 20), 1000, 3);
      const g = softmaxCrossEntropyGrad(z, 0);
      expect(g.every(Number.isFinite)).toBe(true);
      expectClose(sum(g), 0, 0, 1e-12, "sum");
    });
  });
});

describe("attention reference", () => {
  /** softmax(QKᵀ/√d)V by whole-matrix steps with unshifted exp: only for moderate scores. */
  function naiveAttention(Q: number[][], K: number[][], V: number[][]): number[][] {
    const d = Q[0]!.length;
    const E = Q.map((q) => K.map((k) => Math.exp(q.reduce((s, x, c) => s + x * k[c]!, 0) / Math.sqrt(d))));
    return E.map((row) => V[0]!.map((_, c) => sum(row.map((e, j) => e * V[j]![c]!)) / sum(row)));
  }

  it("agrees with the naive formula for n_q ≠ n_k and d_k ∈ {1, 8, 64}", () => {
    eachSeed("attention-naive", (rng) => {
      const dk = rng.pick([1, 8, 64]);
      const Q = rng.matrix(rng.int(1, 8), dk, (r) => r.normal(0, 0.5));
      const nk = rng.int(1, 12);
      const K = rng.matrix(nk, dk, (r) => r.normal(0, 0.5));
      const V = rng.matrix(nk, rng.int(1, 6));
      const out = attention(Q, K, V);
      expect(out).toHaveLength(Q.length);
      out.forEach((row, i) => expectAllClose(row, naiveAttention(Q, K, V)[i]!, 1e-11, 1e-12, `row ${i}`));
    });
  });

  it("returns convex combinations of the value rows, unchanged by permuting the keys with their values", () => {
    eachSeed("attention-convex", (rng) => {
      const dk = rng.int(1, 16);
      const nk = rng.int(2, 12);
      const Q = rng.matrix(rng.int(1, 8), dk, (r) => r.normal(0, 30));
      const K = rng.matrix(nk, dk, (r) => r.normal(0, 30));
      const V = rng.matrix(nk, rng.int(1, 6));
      const out = attention(Q, K, V);
      out.forEach((row) =>
        row.forEach((x, c) => {
          const col = V.map((v) => v[c]!);
          expect(x).toBeGreaterThanOrEqual(Math.min(...col) - 1e-12);
          expect(x).toBeLessThanOrEqual(Math.max(...col) + 1e-12);
        }),
      );
      const perm = K.map((_, j) => j).reverse();
      const permuted = attention(Q, perm.map((j) => K[j]!), perm.map((j) => V[j]!));
      permuted.forEach((row, i) => expectAllClose(row, out[i]!, 1e-9, 1e-12, `permuted row ${i}`));
    });
  });
});

describe("causalAttention reference", () => {
  it("gives row i the attention of query i over the prefix 0..i, and ignores every future key and value", () => {
    eachSeed("causal", (rng) => {
      const n = rng.int(1, 32);
      const dk = rng.int(1, 16);
      const Q = rng.matrix(n, dk);
      const K = rng.matrix(n, dk);
      const V = rng.matrix(n, rng.int(1, 4));
      const out = causalAttention(Q, K, V);
      expectAllClose(out[0]!, V[0]!, 0, 1e-15, "row 0 copies V_0");
      out.forEach((row, i) => {
        expectAllClose(row, attention([Q[i]!], K.slice(0, i + 1), V.slice(0, i + 1))[0]!, 1e-12, 1e-14, `row ${i}`);
      });
      // Overwrite a future key with a huge score: rows before it must not move.
      if (n > 1) {
        const j = rng.int(1, n - 1);
        const K2 = K.map((k) => k.slice());
        K2[j] = Q[j - 1]!.map((x) => x * 1e4);
        causalAttention(Q, K2, V).slice(0, j).forEach((row, i) => expectAllClose(row, out[i]!, 0, 0, `row ${i} after changing key ${j}`));
      }
    });
  });
});

describe("visible cases", () => {
  const exercises: Record<string, [(...args: never[]) => unknown, ExerciseCases]> = {
    softmax: [softmax, softmaxCases],
    "softmax-temperature": [softmaxT, temperatureCases],
    "log-softmax": [logSoftmax, logSoftmaxCases],
    logsumexp: [logSumExp, logSumExpCases],
    "cross-entropy": [crossEntropy, crossEntropyCases],
    "softmax-ce-grad": [softmaxCrossEntropyGrad, ceGradCases],
    attention: [attention, attentionCases],
    "causal-attention": [causalAttention, causalCases],
  };
  const flat = (x: unknown): number[] => (typeof x === "number" ? [x] : (x as unknown[]).flatMap(flat));

  for (const [id, [fn, cases]] of Object.entries(exercises)) {
    it(`${id}: every visible expected value agrees with the reference within the manifest's tolerance`, () => {
      const dir = path.join(__dirname, id);
      const manifest = JSON.parse(readFileSync(path.join(dir, "manifest.json"), "utf8")) as { tolerance: { rtol: number; atol: number } };
      expect(cases.visible.length).toBeGreaterThanOrEqual(3);
      for (const c of cases.visible) {
        expect(c.expected, c.name).toBeDefined();
        const got = flat((fn as (...a: unknown[]) => unknown)(...structuredClone(c.args)));
        const want = flat(c.expected);
        const { rtol, atol } = { ...manifest.tolerance, ...c.tolerance };
        expectAllClose(got, want, rtol, atol, `${id} / ${c.name}`);
      }
    });
  }
});

describe("quiz", () => {
  it("has at least 11 items of all four types, with unique softmax- ids", () => {
    expect(quiz.length).toBeGreaterThanOrEqual(11);
    expect(new Set(quiz.map((q) => q.type))).toEqual(new Set(["single", "multi", "numeric", "param-numeric"]));
    expect(new Set(quiz.map((q) => q.id)).size).toBe(quiz.length);
    for (const q of quiz) expect(q.id).toMatch(/^softmax-[a-z0-9-]+$/);
  });

  for (const item of quiz) {
    if (item.type !== "param-numeric") continue;
    it(`${item.id}: answer agrees with the independent verify for 100 seeds`, () => {
      for (let seed = 1; seed <= 100; seed++) {
        const p = item.params(createRng(seed, item.id));
        const a = item.answer(p);
        expect(Number.isFinite(a)).toBe(true);
        expectClose(a, item.verify(p), 1e-12, 1e-12, `${item.id} seed ${seed}`);
      }
    });
  }
});
