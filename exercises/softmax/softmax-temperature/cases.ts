import { defineCases, text } from "../../../graders/content";
import type { HiddenClass, LocalizedText, Rng } from "../../../graders/content";


const overflowHint = text(
  "exp overflowed: at a small temperature z/T is huge, so subtract max(z/T) from the scaled logits before exp.",
  "exp がオーバーフローしました。温度が小さいと z/T が巨大になります。exp の前に、スケール後のロジットから max(z/T) を引きましょう。",
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

/** Plain, stable softmax: the yardstick for recognising typical mistakes in diagnose. */
function softmax(s: number[]): number[] {
  const m = Math.max(...s);
  const e = s.map((x) => Math.exp(x - m));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / sum);
}

/** softmax(z)^(1/T), renormalised: the probabilities "sharpened" after the fact, as a plausible mistake does it. */
function sharpened(z: number[], T: number): number[] {
  const q = softmax(z).map((p) => p ** (1 / T));
  const sum = q.reduce((a, b) => a + b, 0);
  return q.map((x) => x / sum);
}

function near(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((x, i) => Math.abs(x - b[i]!) <= 1e-9 + 1e-6 * Math.abs(b[i]!));
}

const fmt = (x: number): string => Number(x.toPrecision(6)).toString();

/** Logits N(0, 3²) with one entry of size 8..12, so that z/T overflows exp when T = 0.01 and nothing is shifted. */
function logits(rng: Rng): number[] {
  const z = rng.vector(rng.int(2, 20), (r) => r.normal(0, 3));
  z[rng.int(0, z.length - 1)] = rng.uniform(8, 12) * (rng.next() < 0.5 ? 1 : -1);
  z[0] = Math.max(z[0]!, rng.uniform(8, 12));
  return z;
}

const temperatureClass = (T: number, ja: string, hint?: LocalizedText): HiddenClass => ({
  name: `T = ${T}`,
  labelJa: ja,
  count: 2,
  generate: (rng) => [logits(rng), T],
  ...(hint ? { hint } : {}),
});

export default defineCases({
  visible: [
    { name: "T = 1 is plain softmax", labelJa: "T = 1 は通常のソフトマックス", args: [[2, 1, 0.1], 1], expected: [0.6590011388859679, 0.24243297070471392, 0.09856589040931817] },
    { name: "T = 0.5 sharpens", labelJa: "T = 0.5 で鋭くなる", args: [[2, 1, 0.1], 0.5], expected: [0.8637771182080068, 0.11689952094598569, 0.0193233608460075] },
    { name: "T = 10 flattens", labelJa: "T = 10 で平らになる", args: [[2, 1, 0.1], 10], expected: [0.36605947074479267, 0.33122430635632805, 0.3027162228988793] },
    {
      name: "T = 0.01 is nearly one-hot",
      labelJa: "T = 0.01 ではほぼ one-hot",
      args: [[1, 2, 3], 0.01],
      expected: [1.3838965267367434e-87, 3.7200759760208436e-44, 1],
    },
    { name: "T = 1000 is nearly uniform", labelJa: "T = 1000 ではほぼ一様", args: [[2, 1, 0.1], 1000], expected: [0.33365561087739987, 0.33332212203873257, 0.33302226708386756] },
  ],
  hidden: [
    temperatureClass(0.01, "T = 0.01（とても鋭い）", text("At T = 0.01 the scaled logits z/T reach about ±1200, far beyond the range of exp.", "T = 0.01 では、スケール後のロジット z/T が ±1200 程度に達し、exp の範囲を大きく超えます。")),
    temperatureClass(0.5, "T = 0.5"),
    temperatureClass(1, "T = 1"),
    temperatureClass(10, "T = 10"),
    temperatureClass(1000, "T = 1000（ほぼ一様）"),
    {
      name: "spread over 745 at a large T",
      labelJa: "大きな T で差が 745 を超えるロジット",
      count: 2,
      // softmax(z) underflows to exact zeros here, but softmax(z/T) does not: applying T to probabilities fails.
      generate: (rng, i) => {
        const T = i === 0 ? 1000 : rng.pick([100, 1000]);
        if (i === 0) return [rng.pick([[1000, 0], [0, 1000]]), T];
        const z = rng.vector(rng.int(3, 20), (r) => r.uniform(-500, 500));
        z[rng.int(0, z.length - 1)] = rng.uniform(800, 1200);
        return [z, T];
      },
    },
    {
      name: "large logits",
      labelJa: "大きなロジット",
      count: 2,
      generate: (rng) => [rng.vector(rng.int(2, 20), (r) => r.normal(1000, 3)), rng.pick([0.5, 1, 2])],
      hint: text(
        "Logits near 1000 with T between 0.5 and 2: z/T is far beyond the range of exp.",
        "T が 0.5〜2 で、ロジットは 1000 付近です。z/T は exp の範囲を大きく超えます。",
      ),
    },
  ],
  diagnose: ({ args, got, expected }): LocalizedText | undefined => {
    const [z, T] = args;
    if (!isNumberArray(z) || typeof T !== "number" || !isNumberArray(got) || !isNumberArray(expected)) return undefined;
    // A typical mistake explains this output only if it really changes the answer for this input.
    const looksLike = (alt: number[]): boolean => near(got, alt) && !near(expected, alt);
    if (got.some((p) => !Number.isFinite(p))) return extreme(z.map((x) => x / T)) ? overflowHint : divisionHint;
    const alsoTimesT = T !== 1 && looksLike(softmax(z.map((x) => x * T)));
    if (T > 1 && looksLike(sharpened(z, T))) {
      return text(
        `This is softmax(z) raised to the power 1/T and renormalised: equal to softmax(z/T) in exact arithmetic, but softmax(z) has already underflowed to 0 for logits more than 745 below the maximum, and 0^(1/T) stays 0. Apply the temperature to the logits (z/T) before the exponential.${alsoTimesT ? " (Multiplying the logits by T instead gives the same output on this case; divide by T.)" : ""}`,
        `これは softmax(z) を 1/T 乗して正規化し直したものです。厳密な計算では softmax(z/T) と等しいのですが、最大値より 745 以上小さいロジットでは softmax(z) がすでに 0 にアンダーフローしていて、0^(1/T) は 0 のままです。指数関数の前にロジットに温度を適用しましょう（z/T）。${alsoTimesT ? "（ロジットに T を掛けても、このケースでは同じ出力になります。T で割りましょう。）" : ""}`,
      );
    }
    if (T !== 1 && looksLike(softmax(z.map((x) => x * T)))) {
      return text(
        `This is softmax(z · T): divide the logits by T instead, so that T = ${T} ${T < 1 ? "sharpens" : "flattens"} the distribution.`,
        `これは softmax(z · T) です。ロジットは T で割りましょう。そうすれば T = ${T} で分布が${T < 1 ? "鋭く" : "平らに"}なります。`,
      );
    }
    if (T !== 1 && looksLike(softmax(z))) {
      return text(
        `This is softmax(z) without the temperature: divide the logits by T = ${T} before the softmax.`,
        `これは温度を使っていない softmax(z) です。ソフトマックスの前にロジットを T = ${T} で割りましょう。`,
      );
    }
    const sum = got.reduce((a, b) => a + b, 0);
    if (Math.abs(sum - 1) > 1e-6) {
      return text(
        `Your outputs sum to ${fmt(sum)}, not 1: apply T to the logits (z/T) and normalize by the sum of the exponentials.`,
        `出力の合計が 1 ではなく ${fmt(sum)} です。T はロジットに適用し（z/T）、指数関数の値の和で正規化しましょう。`,
      );
    }
    return undefined;
  },
});
