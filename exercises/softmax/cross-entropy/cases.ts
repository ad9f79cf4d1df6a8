import { defineCases, text } from "../../../graders/content";
import type { LocalizedText, Rng } from "../../../graders/content";

const overflowHint = text(
  "exp overflowed: compute log Σ exp(z) as m + log Σ exp(z − m) with m = max(z) in each row.",
  "exp がオーバーフローしました。各行で m = max(z) とし、log Σ exp(z) を m + log Σ exp(z − m) として計算しましょう。",
);

const divisionHint = text(
  "NaN or Infinity although these inputs cannot overflow exp: look for a division by zero or a log(0). After the max shift, the denominator Σ exp(z_j − max) is at least 1.",
  "この入力では exp はオーバーフローしないのに NaN や Infinity が出ています。0 での割り算や log(0) を探しましょう。最大値でシフトすれば、分母 Σ exp(z_j − max) は 1 以上です。",
);

/** Whether exp of some of these numbers, unshifted, would overflow or underflow in float64. */
const extreme = (xs: number[]): boolean => xs.some((x) => Math.abs(x) > 700);
const confidentHint = text(
  "On a confidently wrong answer softmax(z)[t] underflows to 0 and −log 0 = Infinity. Compute −log softmax(z)[t] = max + log Σ exp(z − max) − z[t] directly, without forming the probability.",
  "自信満々に間違えた事例では softmax(z)[t] が 0 にアンダーフローし、−log 0 = Infinity になります。確率を作らずに −log softmax(z)[t] = max + log Σ exp(z − max) − z[t] を直接計算しましょう。",
);

/** For logits where both mistakes give the same Infinity. */
const eitherHint = text(
  "These logits allow two causes of Infinity. Either exp overflowed (a logit above 709: use m + log Σ exp(z − m) with m = max(z) in each row), or the example is confidently wrong and softmax(z)[t] underflowed to 0 before the log (compute −log softmax(z)[t] = max + log Σ exp(z − max) − z[t] directly).",
  "このロジットでは Infinity の原因が 2 つ考えられます。exp がオーバーフローしたか（709 を超えるロジットがある。各行で m = max(z) とし m + log Σ exp(z − m) を使う）、自信満々に間違えた事例で softmax(z)[t] が対数の前に 0 にアンダーフローしたか（−log softmax(z)[t] = max + log Σ exp(z − max) − z[t] を直接計算する）のどちらかです。",
);

const fmt = (x: number): string => Number(x.toPrecision(6)).toString();

function isMatrix(x: unknown): x is number[][] {
  return Array.isArray(x) && x.every((r) => Array.isArray(r) && r.every((v) => typeof v === "number"));
}

/** A batch of B rows of C logits N(mean, sd²) and uniformly random targets. */
function batch(rng: Rng, B: number, C: number, mean = 0, sd = 3): [number[][], number[]] {
  return [rng.matrix(B, C, (r) => r.normal(mean, sd)), Array.from({ length: B }, () => rng.int(0, C - 1))];
}

const close = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

export default defineCases({
  visible: [
    { name: "one example", labelJa: "事例 1 つ", args: [[[2, 1, 0.1]], [0]], expected: 0.4170300162778335 },
    { name: "batch of two", labelJa: "2 事例のバッチ", args: [[[2, 1, 0.1], [0.5, 2.5, -1]], [0, 1]], expected: 0.2851041117000608 },
    {
      name: "uniform guess costs log C",
      labelJa: "一様な当て推量の損失は log C",
      args: [[[0, 0, 0, 0]], [2]],
      expected: 1.3862943611198906,
    },
    {
      name: "confidently wrong",
      labelJa: "自信満々の誤り",
      args: [[[0, 1000]], [0]],
      expected: 1000,
      hint: text(
        "The target's logit is 1000 below the other one: the true loss is 1000, but p_target = e^−1000 is 0 in float64.",
        "正解のロジットがもう一方より 1000 小さいケースです。正しい損失は 1000 ですが、float64 では p_target = e^−1000 は 0 です。",
      ),
    },
    {
      name: "large logits",
      labelJa: "大きなロジット",
      args: [[[1000, 1001, 1002], [-3, 900, 2]], [2, 0]],
      expected: 451.7038029822222,
      hint: text(
        "Logits near 1000, and a second example whose target logit is 898 below its maximum: its p_target is 0 in float64.",
        "1000 付近のロジットに加え、2 つ目の事例では正解のロジットが最大値より 898 小さく、float64 では p_target が 0 になります。",
      ),
    },
  ],
  hidden: [
    {
      name: "random batch",
      labelJa: "ランダムなバッチ",
      count: 3,
      generate: (rng, i) => batch(rng, i === 0 ? rng.int(2, 8) : rng.int(8, 64), i === 2 ? rng.int(20, 50) : rng.int(2, 20)),
    },
    { name: "batch of 1", labelJa: "事例 1 つのバッチ", count: 1, generate: (rng) => batch(rng, 1, rng.int(2, 50)) },
    { name: "two classes", labelJa: "2 クラス", count: 1, generate: (rng) => batch(rng, rng.int(2, 32), 2) },
    {
      name: "large logits",
      labelJa: "大きなロジット",
      count: 2,
      generate: (rng) => batch(rng, rng.int(2, 16), rng.int(2, 20), 1000, 3),
      hint: text(
        "The logits here are near 1000: e^z overflows to Infinity in float64 beyond z ≈ 709.78.",
        "このケースのロジットは 1000 付近です。float64 では z ≈ 709.78 を超えると e^z は Infinity にオーバーフローします。",
      ),
    },
    {
      name: "confidently wrong",
      labelJa: "自信満々の誤り",
      count: 2,
      // Each example puts a logit ~1000 on a class other than its target: p_target ≈ e^−1000 underflows to 0.
      generate: (rng) => {
        const B = rng.int(2, 16);
        const C = rng.int(2, 20);
        const [logits, targets] = batch(rng, B, C);
        logits.forEach((row, i) => {
          const wrong = (targets[i]! + rng.int(1, C - 1)) % C;
          row[wrong] = rng.uniform(800, 1000);
        });
        return [logits, targets];
      },
      hint: text(
        "Each example puts a logit of 800 to 1000 on a wrong class: p_target underflows to 0 in float64.",
        "各事例で、誤ったクラスに 800〜1000 のロジットがあります。float64 では p_target が 0 にアンダーフローします。",
      ),
    },
  ],
  diagnose: ({ args, got, expected }): LocalizedText | undefined => {
    const [logits] = args;
    if (!isMatrix(logits) || typeof got !== "number" || typeof expected !== "number") return undefined;
    const B = logits.length;
    const C = logits[0]?.length ?? 1;
    if (!Number.isFinite(got)) {
      // The same Infinity comes from exp(1000) = Infinity and from −log 0 after p_target underflowed; say which of
      // the two these logits make possible.
      const targets = args[1] as number[];
      const canOverflow = extreme(logits.flat());
      const canUnderflow = logits.some((z, i) => Math.max(...z) - z[targets[i]!]! > 745);
      if (canOverflow && canUnderflow) return eitherHint;
      if (canUnderflow) return confidentHint;
      return canOverflow ? overflowHint : divisionHint;
    }
    if (got < 0) {
      return text(
        `Your loss is ${fmt(got)}, but cross-entropy is −log p with p ≤ 1, so it is never negative: check the sign.`,
        `損失が ${fmt(got)} になっています。交差エントロピーは p ≤ 1 に対する −log p なので、負になることはありません。符号を確認しましょう。`,
      );
    }
    if (B > 1 && close(got, B * expected)) {
      return text(
        `Your loss is ${B} times too large: you summed over the batch. Take the mean: divide by the batch size B = ${B}.`,
        `損失がちょうど ${B} 倍になっています。バッチで和を取っています。平均を取りましょう（バッチサイズ B = ${B} で割る）。`,
      );
    }
    if (C > 1 && close(got, expected / C)) {
      return text(
        `Your loss is ${C} times too small: you divided by B·C. Average over the batch only (divide by B = ${B}).`,
        `損失がちょうど 1/${C} になっています。B·C で割っています。平均はバッチについてだけ取りましょう（B = ${B} で割る）。`,
      );
    }
    return undefined;
  },
});
