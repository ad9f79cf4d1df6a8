import { defineCases, text } from "../../../graders/content";
import type { LocalizedText, Rng } from "../../../graders/content";

// The lesson of the exercise: the statement leaves the shift out, so this is where the learner meets it.
const overflowHint = text(
  "The exponentials overflowed or underflowed: in float64, e^x is Infinity for x > 709.78 and 0 for x < −745, so the formula gave Infinity/Infinity or 0/0 = NaN. Hint: adding the same constant c to every logit does not change softmax (e^c cancels between numerator and denominator). Choose c = −max(z), that is, subtract max(z) first: then the largest exponent is 0, nothing overflows, and the denominator is at least 1.",
  "exp がオーバーフロー（またはアンダーフロー）しました。float64 では x > 709.78 で e^x は Infinity、x < −745 で 0 になるので、式は Infinity/Infinity や 0/0 = NaN になりました。ヒント：すべてのロジットに同じ定数 c を足してもソフトマックスは変わりません（e^c が分子と分母で打ち消し合います）。c = −max(z) を選び、先に max(z) を引きましょう。そうすれば最大の指数が 0 になってオーバーフローは起こらず、分母も 1 以上になります。",
);

const divisionHint = text(
  "NaN or Infinity although these inputs cannot overflow exp: look for a division by zero or a log(0). After the max shift, the denominator Σ exp(z_j − max) is at least 1.",
  "この入力では exp はオーバーフローしないのに NaN や Infinity が出ています。0 での割り算や log(0) を探しましょう。最大値でシフトすれば、分母 Σ exp(z_j − max) は 1 以上です。",
);

/** Whether exp of some of these numbers, unshifted, would overflow or underflow in float64. */
const extreme = (xs: number[]): boolean => xs.some((x) => Math.abs(x) > 700);

function isNumberArray(x: unknown): x is number[] {
  return Array.isArray(x) && x.every((v) => typeof v === "number");
}

const fmt = (x: number): string => Number(x.toPrecision(6)).toString();

function normals(rng: Rng, n: number, mean: number, sd: number): number[] {
  return rng.vector(n, (r) => r.normal(mean, sd));
}

export default defineCases({
  visible: [
    {
      name: "three logits",
      labelJa: "3 つのロジット",
      args: [[1, 2, 3]],
      expected: [0.09003057317038046, 0.24472847105479764, 0.6652409557748219],
    },
    {
      name: "logits [2, 1, 0.1]",
      labelJa: "ロジット [2, 1, 0.1]",
      args: [[2, 1, 0.1]],
      expected: [0.6590011388859679, 0.24243297070471392, 0.09856589040931817],
    },
    {
      name: "all equal",
      labelJa: "すべて等しい",
      args: [[0, 0, 0, 0]],
      expected: [0.25, 0.25, 0.25, 0.25],
      hint: text("Equal logits give the uniform distribution 1/n.", "ロジットがすべて等しければ、結果は一様分布 1/n です。"),
    },
    {
      name: "large logits",
      labelJa: "大きなロジット",
      args: [[1000, 1001, 1002]],
      // softmax is shift-invariant: the same as softmax([0, 1, 2]) and softmax([1, 2, 3]).
      expected: [0.09003057317038046, 0.24472847105479764, 0.6652409557748219],
      hint: text(
        "Logits near 1000: e^1000 is Infinity in float64, yet the answer is the same as for [0, 1, 2].",
        "1000 付近のロジットです。float64 では e^1000 は Infinity ですが、答えは [0, 1, 2] の場合と同じです。",
      ),
    },
  ],
  hidden: [
    {
      name: "random logits",
      labelJa: "ランダムなロジット",
      count: 3,
      // One short, one medium and one long vector: lengths 1..1000 overall.
      generate: (rng, i) => [normals(rng, [rng.int(1, 10), rng.int(10, 100), rng.int(100, 1000)][i] ?? 10, 0, 3)],
    },
    {
      name: "large logits",
      labelJa: "大きなロジット",
      count: 2,
      generate: (rng, i) =>
        i === 0 ? [[1000, 1001, 1002].map((x) => x + rng.int(0, 5))] : [normals(rng, rng.int(2, 20), 1000, 3)],
      hint: text(
        "The logits here are near 1000: e^z overflows to Infinity in float64 beyond z ≈ 709.78.",
        "このケースのロジットは 1000 付近です。float64 では z ≈ 709.78 を超えると e^z は Infinity にオーバーフローします。",
      ),
    },
    {
      name: "very negative logits",
      labelJa: "非常に小さい（負の）ロジット",
      count: 2,
      generate: (rng, i) =>
        i === 0 ? [[-1000, -1001, -1002].map((x) => x - rng.int(0, 5))] : [normals(rng, rng.int(2, 20), -1000, 3)],
      hint: text(
        "The logits here are near −1000: every e^z underflows to 0 in float64 below z ≈ −745.",
        "このケースのロジットは −1000 付近です。float64 では z ≈ −745 を下回ると e^z はすべて 0 にアンダーフローします。",
      ),
    },
    {
      name: "wide range",
      labelJa: "値の範囲が広い",
      count: 1,
      // Both ends far apart: shifting by anything but the maximum still overflows.
      generate: (rng) => {
        const z = rng.vector(rng.int(5, 20), (r) => r.uniform(-1000, 1000));
        z[0] = rng.uniform(800, 1000);
        z[1] = rng.uniform(-1000, -800);
        return [z];
      },
      hint: text(
        "The logits here spread from about −1000 to 1000: both overflow and underflow are possible.",
        "このケースのロジットは約 −1000 から 1000 まで広がっていて、オーバーフローもアンダーフローも起こりえます。",
      ),
    },
    {
      name: "all equal",
      labelJa: "すべて等しい",
      count: 2,
      generate: (rng, i) => [new Array<number>(rng.int(2, 50)).fill(i === 0 ? rng.normal(0, 3) : rng.uniform(-1000, 1000))],
    },
    {
      name: "length 1",
      labelJa: "要素が 1 つ",
      count: 2,
      generate: (rng, i) => [[i === 0 ? rng.normal(0, 3) : rng.uniform(-1000, 1000)]],
      hint: text("A single logit always gets probability 1.", "ロジットが 1 つだけなら、その確率は常に 1 です。"),
    },
  ],
  diagnose: ({ args, got }): LocalizedText | undefined => {
    const z = args[0];
    if (!isNumberArray(z) || !isNumberArray(got)) return undefined;
    if (got.some((p) => !Number.isFinite(p))) return extreme(z) ? overflowHint : divisionHint;
    const sum = got.reduce((s, p) => s + p, 0);
    if (Math.abs(sum - 1) > 1e-6) {
      return text(
        `Your outputs sum to ${fmt(sum)}, not 1: divide each exp(z_i − max) by the sum of the exponentials Σ_j exp(z_j − max).`,
        `出力の合計が 1 ではなく ${fmt(sum)} です。各 exp(z_i − max) を、指数関数の値の和 Σ_j exp(z_j − max) で割りましょう。`,
      );
    }
    return undefined;
  },
});
