import { centralDiff, defineCases, text, withAnalyticGradient, type LocalizedText, type Rng } from "../../../graders/content";

/** The forward pass the Jacobian is checked against: a max-shifted softmax. */
function softmax(z: readonly number[]): number[] {
  const max = Math.max(...z);
  const e = z.map((v) => Math.exp(v - max));
  const total = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / total);
}

const logits = (rng: Rng, n: number, sd: number): number[] => rng.vector(n, (r) => r.normal(0, sd));

/**
 * Logits of moderate size and no near-certain class: there every right formula (a shift by max(z) or by
 * logsumexp(z), p(1 − p) or p·(1 − p) in any order) agrees with the reference to about 1e−14. With logits near 1000
 * a shift by logsumexp(z) keeps only ε·|z| ≈ 2e−13 of p, and with one p near 1 the term 1 − p keeps only ε/(1 − p)
 * (measured: up to 3e−12): those cases are left to the gradient check and the entry-wise comparison.
 */
function moderateLogits(z: readonly number[]): boolean {
  const m = Math.max(...z);
  const total = z.reduce((s, v) => s + Math.exp(v - m), 0);
  return z.every((v) => Math.abs(v) <= 50) && 1 / total <= 0.99;
}

export default withAnalyticGradient(defineCases({
  visible: [
    {
      name: "three logits",
      labelJa: "3 つのロジット",
      args: [[1, 2, 3]],
      // exact to the last digit (computed with 40-digit arithmetic)
      expected: [
        [0.08192506906499322, -0.022033044520174298, -0.059892024544818935],
        [-0.022033044520174298, 0.1848364465099787, -0.16280340198980442],
        [-0.059892024544818935, -0.16280340198980442, 0.22269542653462335],
      ],
    },
    {
      name: "two equal logits",
      labelJa: "等しい 2 つのロジット",
      args: [[0, 0]],
      expected: [[0.25, -0.25], [-0.25, 0.25]],
    },
    {
      name: "four logits with a negative one",
      labelJa: "負の値を含む 4 つのロジット",
      args: [[0.5, -1, 2, 0]],
    },
  ],
  hidden: [
    { name: "random logits", labelJa: "ランダムなロジット", count: 3, generate: (rng) => [logits(rng, rng.int(2, 30), 3)] },
    {
      name: "large logits",
      labelJa: "大きなロジット",
      count: 2,
      generate: (rng) => [logits(rng, rng.int(3, 10), 2).map((v) => v + 1000)],
      hint: text(
        "If only the large logits fail: exp(1000) overflows to Infinity; subtract max(z) before exponentiating.",
        "大きなロジットだけが失敗する場合：exp(1000) は Infinity にオーバーフローします。指数をとる前に max(z) を引きましょう。",
      ),
    },
    {
      name: "very negative logits",
      labelJa: "大きく負のロジット",
      count: 1,
      generate: (rng) => [logits(rng, rng.int(3, 10), 2).map((v) => v - 1000)],
      hint: text(
        "If only the very negative logits fail: exp(−1000) underflows to 0, and 0/0 is NaN; subtract max(z) first.",
        "大きく負のロジットだけが失敗する場合：exp(−1000) は 0 にアンダーフローし、0/0 で NaN になります。先に max(z) を引きましょう。",
      ),
    },
    {
      name: "one confident logit",
      labelJa: "1 つだけ突出したロジット",
      count: 1,
      generate: (rng) => {
        const z = logits(rng, rng.int(3, 12), 1);
        z[rng.int(0, z.length - 1)]! += rng.uniform(6, 9);
        return [z];
      },
    },
    { name: "all equal", labelJa: "すべて等しい", count: 1, generate: (rng) => { const c = rng.normal(0, 5); return [new Array<number>(rng.int(2, 8)).fill(c)]; } },
    { name: "length 1", labelJa: "長さ 1", count: 1, generate: (rng) => [[rng.normal(0, 5)]] },
  ],
  numericGradient: (args, h) => {
    const [z] = args as [number[]];
    // Row i is the gradient of s_i, so column j holds the central difference along e_j.
    return { "": z.map((_, i) => centralDiff((v) => softmax(v)[i]!, z, h)) };
  },
  diagnose: (ctx): LocalizedText | undefined => {
    const J = ctx.got as number[][];
    const n = J.length;
    if (n > 1 && J.every((row, i) => row.every((v, j) => i === j || v === 0))) {
      return text(
        "Your Jacobian is diagonal, but every s_i depends on every z_j through the normaliser Σₖ exp(zₖ): the off-diagonal entries are not zero.",
        "ヤコビアンが対角行列になっています。しかし正規化項 Σₖ exp(zₖ) を通して、どの s_i もすべての z_j に依存しているので、非対角成分は 0 ではありません。",
      );
    }
    const E = ctx.expected as number[][];
    const flipped = J.every((row, i) => row.every((v, j) => Math.abs(v + E[i]![j]!) <= 1e-9 * (Math.abs(E[i]![j]!) + 1e-12)));
    if (n > 1 && flipped) {
      return text(
        "Your Jacobian has the wrong sign everywhere: raising z_i raises s_i, so the diagonal entries are positive.",
        "ヤコビアンの符号がすべて逆になっています。z_i を大きくすると s_i も大きくなるので、対角成分は正になるはずです。",
      );
    }
    for (let j = 0; j < n; j++) {
      const col = J.reduce((s, row) => s + row[j]!, 0);
      const size = J.reduce((s, row) => s + Math.abs(row[j]!), 0);
      if (Math.abs(col) > 1e-9 * size + 1e-15) {
        return text(
          `Column ${j} of your Jacobian sums to ${col.toPrecision(4)}, not 0. Softmax always sums to 1, so Σᵢ ∂sᵢ/∂zⱼ = 0 for every j.`,
          `ヤコビアンの ${j} 列目の和が 0 ではなく ${col.toPrecision(4)} です。softmax の和は常に 1 なので、どの j についても Σᵢ ∂sᵢ/∂zⱼ = 0 になるはずです。`,
        );
      }
    }
    return undefined;
  },
}), {
  // graders/bench/finite-difference-error.ts: central differences of the forward reach 5e-11 at best per submission (10 seeds).
  fields: [""],
  bound: 1e-12,
  applies: ([z]) => moderateLogits(z as number[]),
  measured: "5e−11",
});
