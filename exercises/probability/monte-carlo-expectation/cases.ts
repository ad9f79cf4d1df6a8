import { defineCases, text, type LocalizedText, type Rng } from "../../../graders/content";

/**
 * A case is [fKind, sampleKind, seed, n]. The driver builds f and a seeded `sample` from these inside the sandbox,
 * so the learner's code sees the same stream as the reference, and counts the calls of `sample`.
 */
type Spec = [string, string, number, number];

const F_KINDS = ["x", "x^2", "exp(-x)", "indicator x>1", "sin(3x)"] as const;

function spec(rng: Rng, f: string, s: string, n: number): Spec {
  return [f, s, rng.int(1, 2 ** 31 - 1), n];
}

function ratio(a: number, b: number): number {
  return b === 0 ? NaN : a / b;
}

const near = (a: number, b: number, rel = 1e-6): boolean => Math.abs(a - b) <= rel * Math.abs(b);

/**
 * What the one-pass variance formula gives on a "large mean" case (f(x) = 1e6 + x, normal draws), in its two usual
 * spellings: the hint names cancellation only when the learner's stderr is one of these. The stream repeats the
 * driver's (which must stay self-contained, as it runs inside the sandbox).
 */
function onePassStderrs([, , seed, n]: Spec): number[] {
  let state = seed >>> 0;
  const uniform = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  let sum = 0;
  let sumSq = 0;
  for (let i = 0; i < n; i++) {
    const y = 1e6 + Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
    sum += y;
    sumSq += y * y;
  }
  const mean = sum / n;
  return [sumSq - n * mean * mean, sumSq - (sum * sum) / n].map((ss) => Math.sqrt(Math.max(ss / (n - 1), 0) / n));
}

export default defineCases({
  visible: [
    { name: "E[X] for X ~ U(0,1), n = 10", labelJa: "X ~ U(0,1) の E[X]、n = 10", args: ["x", "uniform", 42, 10] satisfies Spec },
    { name: "E[X²] for X ~ N(0,1), n = 1000", labelJa: "X ~ N(0,1) の E[X²]、n = 1000", args: ["x^2", "normal", 7, 1000] satisfies Spec },
    {
      name: "n = 2",
      labelJa: "n = 2",
      args: ["x", "uniform", 3, 2] satisfies Spec,
    },
  ],
  hidden: [
    {
      name: "small n (2, 3, 10)",
      labelJa: "小さな n（2・3・10）",
      count: 3,
      generate: (rng, i) => spec(rng, rng.pick(F_KINDS), rng.pick(["uniform", "normal"]), [2, 3, 10][i] ?? 10),
    },
    { name: "n = 100000", labelJa: "n = 100000", count: 1, generate: (rng) => spec(rng, rng.pick(F_KINDS), rng.pick(["uniform", "normal"]), 100_000) },
    {
      name: "heavy tails",
      labelJa: "裾の重い分布",
      count: 2,
      generate: (rng, i) => spec(rng, i === 0 ? "x" : "x^2", "pareto", rng.int(1000, 20_000)),
    },
    {
      name: "large mean: f(x) = 1e6 + x",
      labelJa: "大きな平均：f(x) = 1e6 + x",
      count: 2,
      generate: (rng, i) => spec(rng, "1e6+x", "normal", i === 0 ? 100_000 : rng.int(1000, 10_000)),
    },
  ],
  driver: (mod, call, args) => {
    // Self-contained: it runs inside the sandbox.
    void call;
    const [fKind, sKind, seed, n] = args as [string, string, number, number];
    let state = seed >>> 0;
    const uniform = (): number => {
      // mulberry32
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    let calls = 0;
    const sample = (): number => {
      calls++;
      if (sKind === "normal") return Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
      if (sKind === "pareto") return Math.pow(1 - uniform(), -1 / 2.5); // Pareto(α = 2.5): finite variance, heavy tail
      return uniform();
    };
    const f = (x: number): number => {
      switch (fKind) {
        case "x^2": return x * x;
        case "exp(-x)": return Math.exp(-x);
        case "indicator x>1": return x > 1 ? 1 : 0;
        case "sin(3x)": return Math.sin(3 * x);
        case "1e6+x": return 1e6 + x;
        default: return x;
      }
    };
    const estimate = mod.mcEstimate as (f: (x: number) => number, sample: () => number, n: number) => { mean: number; stderr: number };
    const r = estimate(f, sample, n);
    return { mean: r.mean, stderr: r.stderr, calls };
  },
  diagnose: ({ args, got, expected, caseName }): LocalizedText | undefined => {
    const n = args[3] as number;
    const g = got as { mean: number; stderr: number; calls: number };
    const e = expected as { mean: number; stderr: number; calls: number };
    if (g.calls !== n) {
      return text(
        `Your code called sample() ${g.calls} times for n = ${n}. Draw exactly n samples once and keep f of each: the mean and the standard error must come from the same n draws.`,
        `n = ${n} に対して sample() を ${g.calls} 回呼んでいます。サンプルはちょうど n 回だけ引き、それぞれの f の値を保存しましょう。平均と標準誤差は同じ n 個のサンプルから計算します。`,
      );
    }
    if (!near(g.mean, e.mean, 1e-9)) return undefined;
    const r = ratio(g.stderr, e.stderr);
    if (n > 2 && near(r, 1 / Math.sqrt(n))) {
      return text(
        "Your stderr is s/n. The standard error of a mean of n independent draws is s/√n: the variance of the mean is s²/n.",
        "返した stderr は s/n です。n 個の独立なサンプルの平均の標準誤差は s/√n です（平均の分散が s²/n だからです）。",
      );
    }
    if (n > 2 && near(r, Math.sqrt((n - 1) / n), 1e-9 + 1e-3 / n)) {
      return text(
        `Your s divides by n. The unbiased sample variance divides the sum of squared deviations by n − 1 (here ${n - 1}): one degree of freedom went into the mean.`,
        `s を n で割っています。不偏標本分散は偏差の二乗和を n − 1（ここでは ${n - 1}）で割ります。自由度が 1 つ平均の推定に使われているからです。`,
      );
    }
    if (n === 2 && near(r, Math.SQRT1_2)) {
      return text(
        "Your stderr is 1/√2 of the expected one at n = 2: either s divides by n instead of n − 1, or the standard error is s/n instead of s/√n.",
        "n = 2 で stderr が期待値の 1/√2 倍です。s を n − 1 ではなく n で割っているか、標準誤差を s/√n ではなく s/n にしているかのどちらかです。",
      );
    }
    if (caseName.startsWith("large mean") && !near(g.stderr, e.stderr, 1e-9) && onePassStderrs(args as Spec).some((s) => near(g.stderr, s, 1e-6))) {
      return text(
        `The mean is right but the standard error is off. Here f(x) = 10⁶ + x: Σy² and n·ȳ² are both about ${(n * 1e12).toExponential(0)} and their difference about ${n}, so the one-pass formula Σy² − n·ȳ² keeps almost no correct digits. Subtract the mean first (a second pass over the stored values, or Welford's update).`,
        `平均は正しいのに標準誤差がずれています。ここでは f(x) = 10⁶ + x なので、Σy² と n·ȳ² はどちらも約 ${(n * 1e12).toExponential(0)}、その差は約 ${n} です。1 パスの式 Σy² − n·ȳ² では正しい桁がほとんど残りません。先に平均を引きましょう（保存した値をもう一度たどるか、Welford の更新式を使います）。`,
      );
    }
    return undefined;
  },
});
