import { defineCases, text, type LocalizedText, type Rng } from "../../../graders/content";

function distribution(rng: Rng, n: number): number[] {
  const w = rng.vector(n, (r) => 0.05 + r.next());
  const s = w.reduce((a, b) => a + b, 0);
  return w.map((x) => x / s);
}

/** A K × O likelihood table (row k is the distribution of observations under hypothesis k). */
function table(rng: Rng, K: number, O: number): number[][] {
  return Array.from({ length: K }, () => distribution(rng, O));
}

/** n observations drawn from hypothesis `truth`. */
function draw(rng: Rng, row: number[], n: number): number[] {
  return Array.from({ length: n }, () => {
    let u = rng.next();
    for (let o = 0; o < row.length; o++) {
      u -= row[o]!;
      if (u < 0) return o;
    }
    return row.length - 1;
  });
}

function problem(rng: Rng, K: number, O: number, n: number): [number[], number[][], number[]] {
  const L = table(rng, K, O);
  return [distribution(rng, K), L, draw(rng, L[rng.int(0, K - 1)]!, n)];
}

/** Posterior in linear space: what multiplying the probabilities gives (NaN when every product underflows). */
function linearPosterior(prior: number[], L: number[][], obs: number[], transposed: boolean): number[] {
  const score = prior.map((pk, k) => obs.reduce((s, o) => s * (transposed ? (L[o]?.[k] ?? NaN) : L[k]![o]!), pk));
  const total = score.reduce((a, b) => a + b, 0);
  return score.map((x) => x / total);
}

function isNumberArray(x: unknown): x is number[] {
  return Array.isArray(x) && x.every((v) => typeof v === "number");
}

const near = (a: number[], b: number[]): boolean => a.length === b.length && a.every((x, i) => Math.abs(x - b[i]!) <= 1e-9 * Math.abs(b[i]!) + 1e-12);

export default defineCases({
  visible: [
    {
      name: "one observation",
      labelJa: "観測が 1 つ",
      args: [[0.5, 0.5], [[0.8, 0.2], [0.3, 0.7]], [0]],
      expected: [0.7272727272727273, 0.2727272727272727],
    },
    {
      name: "three observations, 3 hypotheses, 2 outcomes",
      labelJa: "観測 3 つ・仮説 3 つ・結果 2 種類",
      args: [[0.2, 0.5, 0.3], [[0.9, 0.1], [0.5, 0.5], [0.2, 0.8]], [0, 0, 1]],
      expected: [0.1834654586636467, 0.7078142695356738, 0.1087202718006795],
    },
    {
      name: "a zero prior",
      labelJa: "事前確率がゼロ",
      args: [[0, 0.4, 0.6], [[0.99, 0.01], [0.5, 0.5], [0.1, 0.9]], [0, 0]],
      expected: [0, 0.9433962264150942, 0.05660377358490566],
    },
    {
      name: "no observations",
      labelJa: "観測なし",
      args: [[0.1, 0.9], [[0.5, 0.5], [0.5, 0.5]], []],
      expected: [0.1, 0.9],
      hint: text("With no observations the posterior is the prior.", "観測がなければ、事後分布は事前分布そのものです。"),
    },
  ],
  hidden: [
    { name: "few observations", labelJa: "少数の観測", count: 3, generate: (rng) => problem(rng, rng.int(2, 6), rng.int(2, 8), rng.int(1, 10)) },
    {
      name: "2000 observations",
      labelJa: "2000 個の観測",
      count: 2,
      generate: (rng) => problem(rng, rng.int(2, 5), rng.int(2, 6), 2000),
    },
    {
      name: "zero prior",
      labelJa: "事前確率がゼロ",
      count: 2,
      generate: (rng) => {
        const [prior, L, obs] = problem(rng, rng.int(3, 6), rng.int(2, 6), rng.int(5, 300));
        prior[rng.int(0, prior.length - 1)] = 0;
        const s = prior.reduce((a, b) => a + b, 0);
        return [prior.map((x) => x / s), L, obs];
      },
    },
    {
      name: "likelihood with zeros",
      labelJa: "ゼロを含む尤度",
      count: 2,
      generate: (rng) => {
        const K = rng.int(3, 6);
        const O = rng.int(3, 6);
        const [prior, L, obs] = problem(rng, K, O, rng.int(5, 500));
        // One hypothesis (not the one that can explain everything) calls an observed outcome impossible.
        const k = rng.int(0, K - 1);
        const seen = obs[0] ?? 0;
        L[k]![seen] = 0;
        const s = L[k]!.reduce((a, b) => a + b, 0);
        L[k] = L[k]!.map((x) => x / s);
        return [prior, L, obs];
      },
    },
  ],
  diagnose: ({ args, got }): LocalizedText | undefined => {
    const [prior, L, obs] = args as [number[], number[][], number[]];
    if (!isNumberArray(got)) return undefined;
    if (got.length > 0 && got.every((x) => Number.isNaN(x))) {
      const linear = linearPosterior(prior, L, obs, false);
      if (linear.some((x) => Number.isNaN(x))) {
        return text(
          `With ${obs.length} observations, the product P(k) · Π P(o | k) underflows to 0 for every hypothesis, and normalising gives 0/0 = NaN. Add log-probabilities instead, then normalise with log-sum-exp: subtract the largest log-score before exponentiating.`,
          `観測が ${obs.length} 個あると、積 P(k) · Π P(o | k) はすべての仮説で 0 にアンダーフローし、正規化すると 0/0 = NaN になります。代わりに対数確率を足し合わせ、log-sum-exp で正規化しましょう。指数をとる前に最大の対数スコアを引きます。`,
        );
      }
      return undefined;
    }
    if (got.some((x) => !Number.isFinite(x))) return undefined;
    const sum = got.reduce((a, b) => a + b, 0);
    if (Math.abs(sum - 1) > 1e-6) {
      return text(
        `Your posterior sums to ${Number(sum.toPrecision(6))}, not 1: divide every P(k) · Π P(o | k) by their sum over k (the evidence P(observations)).`,
        `事後分布の合計が 1 ではなく ${Number(sum.toPrecision(6))} です。各 P(k) · Π P(o | k) を、k についての総和（エビデンス P(観測)）で割りましょう。`,
      );
    }
    if (L.length === L[0]!.length && near(got, linearPosterior(prior, L, obs, true))) {
      return text(
        "You read likelihood[o][k]. The table is indexed likelihood[k][o] = P(o | k): one row per hypothesis, one column per outcome.",
        "likelihood[o][k] を読んでいます。表の添字は likelihood[k][o] = P(o | k) で、行が仮説、列が観測結果です。",
      );
    }
    return undefined;
  },
});
