import { defineCases, text, type Rng } from "../../../graders/content";

/** A descending spectrum of n non-negative values of order `scale`. */
function spectrum(rng: Rng, n: number, scale = 1): number[] {
  return Array.from({ length: n }, () => Math.abs(rng.normal(0, 3)) * scale).sort((a, b) => b - a);
}

function norm2(xs: number[]): number {
  return Math.hypot(...xs);
}

function near(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.abs(b);
}

const OVERFLOW = text(
  "σ² overflowed to Infinity: divide by the largest discarded σ before squaring (or use Math.hypot), then multiply back.",
  "σ² が Infinity にオーバーフローしました。2 乗する前に捨てた σ の最大値で割り(または Math.hypot を使い)、最後に掛け戻しましょう。",
);
const UNDERFLOW = text(
  "σ² underflowed to 0: divide by the largest discarded σ before squaring (or use Math.hypot), then multiply back.",
  "σ² が 0 にアンダーフローしました。2 乗する前に捨てた σ の最大値で割り(または Math.hypot を使い)、最後に掛け戻しましょう。",
);

const S_WORKED = [6.720153254455275, 3.720153254455275];

export default defineCases({
  visible: [
    { name: "worked example, k = 1", labelJa: "例題(k = 1)", args: [S_WORKED, 1], expected: 3.720153254455275 },
    { name: "S = [3, 2, 1], k = 1", labelJa: "S = [3, 2, 1]、k = 1", args: [[3, 2, 1], 1], expected: 2.23606797749979 },
    {
      name: "nothing discarded",
      labelJa: "何も捨てない場合",
      args: [[3, 2, 1], 3],
      expected: 0,
      hint: text("With k = p no singular value is discarded, so the error is exactly 0.", "k = p ではどの特異値も捨てないので、誤差はちょうど 0 です。"),
    },
    { name: "k = 0", labelJa: "k = 0", args: [[5, 4, 0, 0], 0], expected: 6.4031242374328485 },
  ],
  hidden: [
    {
      name: "random spectrum",
      labelJa: "ランダムなスペクトル",
      count: 2,
      generate: (rng) => {
        const n = rng.int(2, 20);
        return [spectrum(rng, n), rng.int(1, n - 1)];
      },
    },
    { name: "k = 0", labelJa: "k = 0", count: 1, generate: (rng) => [spectrum(rng, rng.int(1, 10)), 0] },
    {
      name: "nothing discarded",
      labelJa: "何も捨てない場合",
      count: 1,
      generate: (rng) => {
        const n = rng.int(1, 10);
        return [spectrum(rng, n), n];
      },
    },
    {
      name: "zeros in the tail",
      labelJa: "末尾にゼロを含む",
      count: 1,
      generate: (rng) => {
        const r = rng.int(1, 5);
        const S = [...spectrum(rng, r), ...new Array<number>(rng.int(1, 4)).fill(0)];
        return [S, rng.int(0, S.length)];
      },
    },
    {
      name: "small tail",
      labelJa: "捨てる部分が小さい",
      count: 1,
      generate: (rng) => {
        const k = rng.int(1, 4);
        const head = spectrum(rng, k, 10).map((s) => s + 1);
        const tail = spectrum(rng, rng.int(1, 4), 1e-7);
        return [[...head, ...tail], k];
      },
      hint: text(
        "When the tail is small, computing total − kept cancels almost every digit: add up the squares of the discarded values directly.",
        "捨てる部分が小さいとき、「全体 − 残した分」で計算すると桁落ちでほとんどの桁が失われます。捨てた値の 2 乗を直接足し合わせましょう。",
      ),
    },
    {
      name: "huge singular values",
      labelJa: "非常に大きな特異値",
      count: 1,
      generate: (rng) => {
        const n = rng.int(2, 8);
        return [spectrum(rng, n, 10 ** rng.int(160, 300)), rng.int(0, n - 1)];
      },
      hint: OVERFLOW,
    },
    {
      name: "tiny singular values",
      labelJa: "非常に小さな特異値",
      count: 1,
      generate: (rng) => {
        const n = rng.int(2, 8);
        return [spectrum(rng, n, 10 ** -rng.int(170, 290)), rng.int(0, n - 1)];
      },
      hint: UNDERFLOW,
    },
    {
      name: "single singular value",
      labelJa: "特異値が 1 つ",
      count: 1,
      generate: (rng) => [[Math.abs(rng.normal(0, 5))], rng.int(0, 1)],
    },
    {
      name: "long spectrum",
      labelJa: "長いスペクトル",
      count: 1,
      generate: (rng) => [Array.from({ length: 1000 }, (_, i) => 1 / (i + 1)), rng.int(1, 999)],
    },
  ],

  diagnose: ({ args, got }) => {
    const [S, k] = args as [number[], number];
    // 0 and non-finite results are underflow/overflow, which the class hints explain; the comparisons below would
    // underflow the same way and name the wrong slip.
    if (typeof got !== "number" || !Number.isFinite(got) || got === 0) return undefined;
    const tail = S.slice(k);
    const tailSquares = tail.reduce((s, x) => s + x * x, 0);
    if (tail.length > 0 && Number.isFinite(tailSquares) && near(got, tailSquares)) {
      return text("You returned Σ σᵢ² of the tail without the square root.", "捨てた部分の Σ σᵢ² を返していて、平方根を取り忘れています。");
    }
    if (k > 0 && near(got, norm2(S.slice(k - 1)))) {
      return text(
        "The sum starts one index too early: it includes σ_k, which is kept. With 0-based arrays the discarded values are S[k], S[k+1], ….",
        "和が 1 つ手前から始まっていて、残すはずの σ_k まで含めています。0 始まりの配列では、捨てる値は S[k], S[k+1], … です。",
      );
    }
    if (k > 0 && near(got, norm2(S.slice(0, k)))) {
      return text("You summed the kept singular values; the error comes from the discarded ones, S[k], S[k+1], ….",
        "残した特異値を足しています。誤差は捨てた値 S[k], S[k+1], … から求めます。");
    }
    return undefined;
  },
});
