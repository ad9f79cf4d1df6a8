import { defineCases, text, type Rng } from "../../../graders/content";

/** A descending spectrum of n non-negative values of order `scale`, the first one positive. */
function spectrum(rng: Rng, n: number, scale = 1): number[] {
  return Array.from({ length: n }, () => (Math.abs(rng.normal(0, 3)) + 1e-3) * scale).sort((a, b) => b - a);
}

function ratio(S: number[], k: number, f: (s: number) => number): number {
  const big = Math.max(...S);
  const parts = S.map((s) => f(s / big));
  return parts.slice(0, k).reduce((a, b) => a + b, 0) / parts.reduce((a, b) => a + b, 0);
}

function near(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.abs(b) + 1e-12;
}

const SCALE = text(
  "The squares overflowed or underflowed (∞/∞ or 0/0 gives NaN): divide every σ by the largest one first; the ratio does not change.",
  "2 乗がオーバーフローまたはアンダーフローしました(∞/∞ や 0/0 は NaN)。先にすべての σ を最大値で割りましょう。比は変わりません。",
);

export default defineCases({
  visible: [
    { name: "worked example, k = 1", labelJa: "例題(k = 1)", args: [[6.720153254455275, 3.720153254455275], 1], expected: 0.7654315214129801 },
    { name: "S = [3, 2, 1], k = 2", labelJa: "S = [3, 2, 1]、k = 2", args: [[3, 2, 1], 2], expected: 0.9285714285714286 },
    { name: "k = 0", labelJa: "k = 0", args: [[3, 2, 1], 0], expected: 0 },
    { name: "all kept", labelJa: "すべて残す場合", args: [[2, 1, 0], 3], expected: 1 },
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
      name: "all kept",
      labelJa: "すべて残す場合",
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
        const S = [...spectrum(rng, rng.int(1, 5)), ...new Array<number>(rng.int(1, 4)).fill(0)];
        return [S, rng.int(1, S.length)];
      },
    },
    {
      name: "one dominant value",
      labelJa: "1 つだけ突出した値",
      count: 1,
      generate: (rng) => {
        const S = [rng.uniform(10, 100), ...spectrum(rng, rng.int(2, 6), 0.1)];
        return [S, 1];
      },
      hint: text(
        "Most of the energy sits in σ₁ because the ratio uses σᵢ², not σᵢ.",
        "比には σᵢ ではなく σᵢ² を使うので、エネルギーのほとんどは σ₁ に集中します。",
      ),
    },
    {
      name: "huge singular values",
      labelJa: "非常に大きな特異値",
      count: 1,
      generate: (rng) => {
        const n = rng.int(2, 8);
        return [spectrum(rng, n, 10 ** rng.int(160, 300)), rng.int(1, n - 1)];
      },
      hint: SCALE,
    },
    {
      name: "tiny singular values",
      labelJa: "非常に小さな特異値",
      count: 1,
      generate: (rng) => {
        const n = rng.int(2, 8);
        return [spectrum(rng, n, 10 ** -rng.int(170, 290)), rng.int(1, n - 1)];
      },
      hint: SCALE,
    },
    {
      name: "single singular value",
      labelJa: "特異値が 1 つ",
      count: 1,
      generate: (rng) => [[rng.uniform(0.1, 5)], rng.int(0, 1)],
    },
    {
      name: "long spectrum",
      labelJa: "長いスペクトル",
      count: 1,
      generate: (rng) => [Array.from({ length: 1000 }, (_, i) => 1 / Math.sqrt(i + 1)), rng.int(1, 999)],
    },
  ],

  diagnose: ({ args, got }) => {
    const [S, k] = args as [number[], number];
    if (typeof got !== "number" || !Number.isFinite(got)) return undefined;
    if (k > 0 && near(got, ratio(S, k, (s) => s))) {
      return text(
        "You added σᵢ, not σᵢ²: energy is ‖A‖²_F = Σ σᵢ², so square each singular value before summing.",
        "σᵢ² ではなく σᵢ を足しています。エネルギーは ‖A‖²_F = Σ σᵢ² なので、足す前に各特異値を 2 乗しましょう。",
      );
    }
    if (near(got, 100 * ratio(S, k, (s) => s * s))) {
      return text("That is a percentage; return a fraction in [0, 1].", "パーセントになっています。[0, 1] の割合で返してください。");
    }
    if (k < S.length && near(got, ratio(S, k + 1, (s) => s * s))) {
      return text(
        "You kept k + 1 values: with 0-based arrays σ_1 … σ_k are S[0] … S[k − 1].",
        "k + 1 個の値を数えています。0 始まりの配列では σ_1 … σ_k は S[0] … S[k − 1] です。",
      );
    }
    return undefined;
  },
});
