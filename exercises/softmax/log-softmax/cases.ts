import { defineCases, text } from "../../../graders/content";
import type { LocalizedText, Rng } from "../../../graders/content";

const logOfSoftmaxHint = text(
  "log(softmax(z)) underflowed to −Infinity: a probability below 5e−324 is stored as 0. Never take the log of the probabilities; compute z − max − log Σ exp(z − max) directly.",
  "log(softmax(z)) が −Infinity になりました。5e−324 より小さい確率は 0 として記録されるからです。確率の対数を取らずに、z − max − log Σ exp(z − max) を直接計算しましょう。",
);
const overflowHint = text(
  "exp overflowed (or every exp underflowed to 0): write log Σ exp(z) as m + log Σ exp(z − m) with m = max(z).",
  "exp がオーバーフロー（またはすべて 0 にアンダーフロー）しました。m = max(z) として、log Σ exp(z) を m + log Σ exp(z − m) と書き直しましょう。",
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

/** Logits 800 apart, in random order, around a random offset: log(softmax) underflows on all but the largest. */
function gaps(rng: Rng): number[] {
  const n = rng.int(2, 5);
  const offset = rng.uniform(-100, 100);
  const z = Array.from({ length: n }, (_, k) => offset + 800 * k + rng.uniform(-1, 1));
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [z[i], z[j]] = [z[j]!, z[i]!];
  }
  return z;
}

export default defineCases({
  visible: [
    { name: "three logits", labelJa: "3 つのロジット", args: [[1, 2, 3]], expected: [-2.40760596444438, -1.4076059644443804, -0.4076059644443803] },
    { name: "logits [2, 1, 0.1]", labelJa: "ロジット [2, 1, 0.1]", args: [[2, 1, 0.1]], expected: [-0.4170300162778335, -1.4170300162778335, -2.3170300162778337] },
    {
      name: "gaps of 800",
      labelJa: "間隔 800 のロジット",
      args: [[0, 800, 1600]],
      expected: [-1600, -800, 0],
      hint: text(
        "Logits 800 apart: every probability but the largest is below 5e−324 and is stored as 0, yet its log is an ordinary number such as −800.",
        "ロジットの間隔が 800 あります。最大のもの以外の確率は 5e−324 未満で 0 として記録されますが、その対数は −800 のような普通の数です。",
      ),
    },
    {
      name: "large logits",
      labelJa: "大きなロジット",
      args: [[1000, 1001, 1002]],
      expected: [-2.40760596444438, -1.4076059644443804, -0.4076059644443803],
      hint: text(
        "Logits near 1000: e^1000 is Infinity in float64, yet the answer is the same as for [1, 2, 3].",
        "1000 付近のロジットです。float64 では e^1000 は Infinity ですが、答えは [1, 2, 3] の場合と同じです。",
      ),
    },
  ],
  hidden: [
    {
      name: "random logits",
      labelJa: "ランダムなロジット",
      count: 3,
      generate: (rng, i) => [rng.vector([rng.int(1, 10), rng.int(10, 50), rng.int(50, 300)][i] ?? 10, (r) => r.normal(0, 3))],
    },
    {
      name: "gaps of 800",
      labelJa: "間隔 800 のロジット", count: 3, generate: (rng) => [gaps(rng)],
      hint: text(
        "Logits 800 apart: every probability but the largest is below 5e−324 and is stored as 0, yet its log is an ordinary number such as −800.",
        "ロジットの間隔が 800 あります。最大のもの以外の確率は 5e−324 未満で 0 として記録されますが、その対数は −800 のような普通の数です。",
      ),
    },
    {
      name: "large logits",
      labelJa: "大きなロジット",
      count: 2,
      generate: (rng) => [rng.vector(rng.int(2, 20), (r) => r.normal(1000, 3))],
      hint: text(
        "The logits here are near 1000: e^z overflows to Infinity in float64 beyond z ≈ 709.78.",
        "このケースのロジットは 1000 付近です。float64 では z ≈ 709.78 を超えると e^z は Infinity にオーバーフローします。",
      ),
    },
    {
      name: "very negative logits",
      labelJa: "非常に小さい（負の）ロジット",
      count: 2,
      generate: (rng) => [rng.vector(rng.int(2, 20), (r) => r.normal(-1000, 3))],
      hint: text(
        "The logits here are near −1000: every e^z underflows to 0 in float64 below z ≈ −745.",
        "このケースのロジットは −1000 付近です。float64 では z ≈ −745 を下回ると e^z はすべて 0 にアンダーフローします。",
      ),
    },
    {
      name: "length 1",
      labelJa: "要素が 1 つ",
      count: 1,
      generate: (rng) => [[rng.uniform(-1000, 1000)]],
      hint: text("A single logit has probability 1, so its log-probability is 0.", "ロジットが 1 つなら確率は 1、その対数は 0 です。"),
    },
  ],
  diagnose: ({ args, got }): LocalizedText | undefined => {
    const z = args[0];
    if (!isNumberArray(z) || !isNumberArray(got)) return undefined;
    if (got.some((y) => !Number.isFinite(y))) {
      // log(softmax) keeps the largest entry finite (log 1 = 0) and sends the underflowed ones to −Infinity;
      // an overflowed normaliser spoils every entry at once.
      const top = z.indexOf(Math.max(...z));
      if (Number.isFinite(got[top]!)) return logOfSoftmaxHint;
      return extreme(z) ? overflowHint : divisionHint;
    }
    const total = got.reduce((s, y) => s + Math.exp(y), 0);
    if (Math.abs(total - 1) > 1e-6) {
      return text(
        `exp of your outputs sums to ${fmt(total)}, not 1: subtract the whole log Σ exp(z) = max + log Σ exp(z − max) from every logit.`,
        `出力の exp の合計が 1 ではなく ${fmt(total)} です。各ロジットから log Σ exp(z) = max + log Σ exp(z − max) 全体を引きましょう。`,
      );
    }
    return undefined;
  },
});
