import { defineCases, text, type Rng } from "../../../graders/content";

interface Tensor {
  shape: number[];
  data: number[];
}

function tensor(rng: Rng, shape: number[], sd = 1): Tensor {
  return { shape, data: rng.vector(shape.reduce((a, b) => a * b, 1), (r) => r.normal(0, sd)) };
}

/** Q and K for the given sizes. */
function qk(rng: Rng, B: number, H: number, Nq: number, Nk: number, D: number, sd = 1): [Tensor, Tensor] {
  return [tensor(rng, [B, H, Nq, D], sd), tensor(rng, [B, H, Nk, D], sd)];
}

const near = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-6 * Math.abs(b) + 1e-12;

export default defineCases({
  visible: [
    {
      name: "one query, two keys, d = 4",
      labelJa: "クエリ 1 つ・キー 2 つ、d = 4",
      args: [{ shape: [1, 1, 1, 4], data: [1, 1, 1, 1] }, { shape: [1, 1, 2, 4], data: [1, 0, 1, 0, 2, 2, 2, 2] }],
      expected: { shape: [1, 1, 1, 2], data: [1, 4] },
    },
    {
      name: "two heads, d = 1",
      labelJa: "ヘッド 2 つ、d = 1",
      args: [{ shape: [1, 2, 2, 1], data: [1, 2, 3, 4] }, { shape: [1, 2, 2, 1], data: [5, 6, 7, 8] }],
      expected: { shape: [1, 2, 2, 2], data: [5, 6, 10, 12, 21, 24, 28, 32] },
    },
    {
      name: "two queries, three keys, d = 4",
      labelJa: "クエリ 2 つ・キー 3 つ、d = 4",
      args: [
        { shape: [1, 1, 2, 4], data: [1, 0, 0, 0, 0, 2, 0, 0] },
        { shape: [1, 1, 3, 4], data: [2, 0, 0, 0, 0, 1, 0, 0, 1, 1, 1, 1] },
      ],
      expected: { shape: [1, 1, 2, 3], data: [1, 0, 0.5, 0, 1, 1] },
    },
  ],
  hidden: [
    { name: "random", labelJa: "ランダム", count: 2, generate: (rng) => qk(rng, rng.int(1, 3), rng.int(1, 3), rng.int(1, 5), rng.int(1, 5), rng.int(1, 8)) },
    {
      name: "n_q ≠ n_k",
      labelJa: "n_q ≠ n_k",
      count: 2,
      generate: (rng) => {
        const Nq = rng.int(1, 4);
        return qk(rng, 2, 2, Nq, Nq + rng.int(1, 4), 4);
      },
      hint: text("The output is [B, H, N_q, N_k]: one row per query, one column per key.", "出力は [B, H, N_q, N_k] です。クエリごとに 1 行、キーごとに 1 列です。"),
    },
    {
      name: "d ∈ {1, 8, 64}",
      labelJa: "d ∈ {1, 8, 64}",
      count: 3,
      generate: (rng, i) => qk(rng, 1, 2, 3, 3, [1, 8, 64][i % 3]!),
      hint: text("Divide by √d, where d is the last axis of Q and K.", "Q と K の最後の軸の長さ d について、√d で割りましょう。"),
    },
    { name: "many heads", labelJa: "ヘッドが多い", count: 1, generate: (rng) => qk(rng, 2, 8, 4, 4, 8) },
    { name: "large values", labelJa: "大きな値", count: 1, generate: (rng) => qk(rng, 1, 2, 3, 4, 16, 1e3) },
  ],
  diagnose: (ctx) => {
    const [Q] = ctx.args as [Tensor, Tensor];
    const got = ctx.got as Tensor;
    const want = ctx.expected as Tensor;
    const d = Q.shape[3]!;
    const i = want.data.findIndex((w, j) => Math.abs(w) > 1e-9 && !near(got.data[j]!, w));
    if (i < 0 || d === 1) return undefined;
    const ratio = got.data[i]! / want.data[i]!;
    if (near(ratio, Math.sqrt(d))) {
      return text(`Your scores are √d = ${Math.sqrt(d)} times too large: divide the dot products by √d.`,
        `スコアが √d = ${Math.sqrt(d)} 倍大きすぎます。内積を √d で割りましょう。`);
    }
    if (near(ratio, 1 / Math.sqrt(d))) {
      return text(`Your scores are √d times too small: divide by √d = ${Math.sqrt(d)}, not by d = ${d}.`,
        `スコアが √d 倍小さすぎます。d = ${d} ではなく √d = ${Math.sqrt(d)} で割りましょう。`);
    }
    return undefined;
  },
});
