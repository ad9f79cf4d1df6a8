import { defineCases, text } from "../../../graders/content";
import type { LocalizedText } from "../../../graders/content";


const overflowHint = text(
  "exp overflowed (or every exp underflowed to 0): compute m + log Σ exp(z − m) with m = max(z).",
  "exp がオーバーフロー（またはすべて 0 にアンダーフロー）しました。m = max(z) として m + log Σ exp(z − m) を計算しましょう。",
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

export default defineCases({
  visible: [
    { name: "three logits", labelJa: "3 つのロジット", args: [[1, 2, 3]], expected: 3.40760596444438 },
    { name: "two zeros give log 2", labelJa: "0 が 2 つなら log 2", args: [[0, 0]], expected: 0.6931471805599453 },
    {
      name: "large logits",
      labelJa: "大きなロジット",
      args: [[1000, 1001, 1002]],
      expected: 1002.4076059644444,
      hint: text(
        "Logits near 1000: e^1000 is Infinity in float64, yet the answer is just above 1002.",
        "1000 付近のロジットです。float64 では e^1000 は Infinity ですが、答えは 1002 を少し超える値です。",
      ),
    },
    {
      name: "very negative logits",
      labelJa: "非常に小さい（負の）ロジット",
      args: [[-1000, -1001, -1002]],
      expected: -999.5923940355556,
      hint: text(
        "Logits near −1000: every e^z is 0 in float64, yet the answer is just above −1000.",
        "−1000 付近のロジットです。float64 では e^z はすべて 0 ですが、答えは −1000 を少し超える値です。",
      ),
    },
  ],
  hidden: [
    {
      name: "random logits",
      labelJa: "ランダムなロジット",
      count: 3,
      generate: (rng, i) => [rng.vector([rng.int(2, 10), rng.int(10, 100), rng.int(100, 1000)][i] ?? 10, (r) => r.normal(0, 3))],
    },
    {
      name: "large logits",
      labelJa: "大きなロジット", count: 2, generate: (rng) => [rng.vector(rng.int(2, 30), (r) => r.normal(1000, 3))],
      hint: text(
        "The logits here are near 1000: e^z overflows to Infinity in float64 beyond z ≈ 709.78.",
        "このケースのロジットは 1000 付近です。float64 では z ≈ 709.78 を超えると e^z は Infinity にオーバーフローします。",
      ),
    },
    {
      name: "very negative logits",
      labelJa: "非常に小さい（負の）ロジット",
      count: 2,
      generate: (rng) => [rng.vector(rng.int(2, 30), (r) => r.normal(-1000, 3))],
      hint: text(
        "The logits here are near −1000: every e^z underflows to 0 in float64 below z ≈ −745.",
        "このケースのロジットは −1000 付近です。float64 では z ≈ −745 を下回ると e^z はすべて 0 にアンダーフローします。",
      ),
    },
    {
      name: "wide range",
      labelJa: "値の範囲が広い",
      count: 1,
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
      name: "maximum anywhere",
      labelJa: "最大値がどこにでもある",
      count: 3,
      // The maximum sits at a random position (never first), ≥ 710 above the first entry: only a shift by max(z)
      // is safe. The first case is [−1000, 0, 1000] in a random order with the largest entry not first.
      generate: (rng, i) => {
        if (i === 0) return [rng.pick([[-1000, 0, 1000], [0, -1000, 1000], [-1000, 1000, 0], [0, 1000, -1000]])];
        const z = rng.vector(rng.int(3, 40), (r) => r.uniform(-1000, 200));
        z[0] = rng.uniform(-1000, 0);
        z[rng.int(1, z.length - 1)] = z[0]! + rng.uniform(720, 1500);
        return [z];
      },
    },
    {
      name: "many equal logits",
      labelJa: "多数の等しいロジット",
      count: 1,
      // LSE of n copies of c is exactly c + log n: the upper bound of the smooth maximum.
      generate: (rng) => [new Array<number>(rng.int(2, 500)).fill(rng.uniform(-50, 50))],
    },
    { name: "length 1", labelJa: "要素が 1 つ", count: 2, generate: (rng) => [[rng.uniform(-1000, 1000)]] },
  ],
  diagnose: ({ args, got, expected, visibility }): LocalizedText | undefined => {
    const z = args[0];
    if (!isNumberArray(z) || typeof got !== "number" || typeof expected !== "number") return undefined;
    const m = Math.max(...z);
    // Hidden inputs stay hidden: name max(z) by value only where the learner can see the case anyway.
    const mEn = visibility === "visible" ? `max(z) = ${m}` : "max(z)";
    if (!Number.isFinite(got)) {
      if (!extreme(z)) return divisionHint;
      // exp(z − z₀) overflows although exp(z − max) cannot: a shift by some entry other than the maximum.
      if (got === Infinity && m - z[0]! > 709.78 && m - Math.min(...z) > 709.78) {
        return text(
          "exp overflowed: here the largest logit is more than 709.78 above the first one (and above the smallest), so e^(z − c) is still Infinity for any shift c other than max(z). Shift by max(z), not by the first or the smallest logit: m + log Σ exp(z − m) with m = max(z).",
          "exp がオーバーフローしました。このケースでは最大のロジットが先頭（および最小）のロジットより 709.78 以上大きいので、max(z) 以外の値 c でシフトしても e^(z − c) は Infinity です。先頭や最小のロジットではなく max(z) でシフトし、m = max(z) として m + log Σ exp(z − m) を計算しましょう。",
        );
      }
      return overflowHint;
    }
    if (got === m && expected !== m) {
      return text(
        `You returned ${mEn}. Log-sum-exp is a smooth maximum: add log Σ exp(z − max), which lies between 0 and log n.`,
        `${mEn} をそのまま返しています。log-sum-exp はなめらかな最大値です。0 以上 log n 以下の値 log Σ exp(z − max) を足しましょう。`,
      );
    }
    if (m !== 0 && Math.abs(got - (expected - m)) <= 1e-9 * Math.max(1, Math.abs(expected))) {
      return text(
        `Your result is exactly ${mEn} too small: after computing log Σ exp(z − m), add max(z) back.`,
        `結果がちょうど ${mEn} だけ小さくなっています。log Σ exp(z − m) を計算したら、max(z) を足し戻しましょう。`,
      );
    }
    return undefined;
  },
});
