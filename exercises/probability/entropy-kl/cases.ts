import { defineCases, text, type LocalizedText, type Rng } from "../../../graders/content";

/** A random distribution of length n; `zeros` entries set to 0 (never all of them). */
function distribution(rng: Rng, n: number, zeros = 0): number[] {
  const w = rng.vector(n, (r) => -Math.log(1 - r.next()));
  for (let z = 0; z < Math.min(zeros, n - 1); z++) w[rng.int(0, n - 1)] = 0;
  if (!w.some((x) => x > 0)) w[0] = 1;
  const s = w.reduce((a, b) => a + b, 0);
  return w.map((x) => x / s);
}

/**
 * q = p with every entry moved by a relative 1e−5·N(0,1), renormalised: KL(p‖q) ≈ ½·Σ pᵢδᵢ² ≈ 5e−11. At length 1000,
 * H(p, q) and H(p) are about 6.5 and their difference keeps only ~1e−15 of absolute accuracy: a relative error
 * near 1e−5 on KL, far outside the class's rtol 1e−6; Σ pᵢ log(pᵢ/qᵢ) stays within about 1e−7.
 */
function nearby(rng: Rng, p: number[]): number[] {
  const q = p.map((pi) => pi * (1 + 1e-5 * rng.normal()));
  const s = q.reduce((a, b) => a + b, 0);
  return q.map((x) => x / s);
}

/**
 * p and q of length 3..30, both with zeros. Case 0: q is 0 only where p is 0 (a finite answer); case 1: q is 0 where
 * p > 0 (Infinity).
 */
function zerosInBoth(rng: Rng, i: number): [number[], number[]] {
  const n = rng.int(3, 30);
  const p = distribution(rng, n, 2);
  const q = distribution(rng, n);
  const zeroAt = i === 0 ? p.findIndex((x) => x === 0) : p.findIndex((x) => x > 0);
  q[Math.max(zeroAt, 0)] = 0;
  const s = q.reduce((a, b) => a + b, 0);
  return [p, q.map((x) => x / s)];
}

function isNumberArray(x: unknown): x is number[] {
  return Array.isArray(x) && x.every((v) => typeof v === "number");
}

const close = (a: number, b: number, rel = 1e-6): boolean => Math.abs(a - b) <= rel * Math.abs(b) + 1e-300;

function naturalKl(p: number[], q: number[]): number {
  let s = 0;
  for (let i = 0; i < p.length; i++) if (p[i]! > 0) s += p[i]! * Math.log1p((p[i]! - q[i]!) / q[i]!);
  return s;
}

const zeroHint = text(
  "In floating point 0 · log 0 is 0 · (−Infinity) = NaN. A term with pᵢ = 0 contributes 0 (the limit of x log x as x → 0⁺): skip it, also when qᵢ = 0.",
  "浮動小数点では 0 · log 0 = 0 · (−Infinity) = NaN になります。pᵢ = 0 の項の寄与は 0 です（x → 0⁺ での x log x の極限）。qᵢ = 0 のときも含めて、その項は飛ばしましょう。",
);

export default defineCases({
  visible: [
    { name: "entropy of a fair coin", labelJa: "公平なコインのエントロピー", call: "entropy", args: [[0.5, 0.5]], expected: 0.6931471805599453 },
    {
      name: "entropy with a zero",
      labelJa: "ゼロを含むエントロピー",
      call: "entropy",
      args: [[0.5, 0.5, 0]],
      expected: 0.6931471805599453,
    },
    { name: "cross-entropy", labelJa: "交差エントロピー", call: "crossEntropyPQ", args: [[0.5, 0.5], [0.9, 0.1]], expected: 1.203972804325936 },
    { name: "KL(p‖q)", labelJa: "KL(p‖q)", call: "klDivergence", args: [[0.5, 0.5], [0.9, 0.1]], expected: 0.5108256237659907 },
    {
      name: "KL(q‖p), the other direction",
      labelJa: "逆向きの KL(q‖p)",
      call: "klDivergence",
      args: [[0.9, 0.1], [0.5, 0.5]],
      expected: 0.3680642071684971,
    },
    {
      name: "q gives 0 to a possible outcome",
      labelJa: "起こりうる結果に q が 0 を与える",
      call: "klDivergence",
      args: [[0.5, 0.5], [1, 0]],
      expected: Infinity,
      hint: text(
        "p puts mass on an outcome that q calls impossible: pᵢ log(pᵢ/0) = +Infinity, so KL(p‖q) = Infinity.",
        "q が不可能とする結果に p は確率を置いています。pᵢ log(pᵢ/0) = +Infinity なので KL(p‖q) = Infinity です。",
      ),
    },
  ],
  hidden: [
    {
      name: "entropy, random lengths",
      labelJa: "エントロピー（ランダムな長さ）",
      call: "entropy",
      count: 3,
      generate: (rng, i) => [distribution(rng, [rng.int(1, 5), rng.int(10, 100), rng.int(500, 1000)][i] ?? 10)],
    },
    { name: "entropy, p with zeros", labelJa: "エントロピー（p にゼロ）", call: "entropy", count: 2, generate: (rng) => [distribution(rng, rng.int(3, 50), rng.int(1, 5))] },
    {
      name: "cross-entropy, random",
      labelJa: "交差エントロピー（ランダム）",
      call: "crossEntropyPQ",
      count: 2,
      generate: (rng) => {
        const n = rng.int(2, 200);
        return [distribution(rng, n), distribution(rng, n)];
      },
    },
    {
      name: "cross-entropy, zeros in p and q",
      labelJa: "交差エントロピー（p と q にゼロ）",
      call: "crossEntropyPQ",
      count: 2,
      generate: zerosInBoth,
    },
    {
      name: "KL, random",
      labelJa: "KL（ランダム）",
      call: "klDivergence",
      count: 3,
      generate: (rng, i) => {
        const n = [rng.int(1, 3), rng.int(5, 50), rng.int(200, 1000)][i] ?? 5;
        return [distribution(rng, n), distribution(rng, n)];
      },
    },
    {
      name: "KL, zeros in p and q",
      labelJa: "KL（p と q にゼロ）",
      call: "klDivergence",
      count: 2,
      generate: zerosInBoth,
    },
    {
      name: "KL, q very close to p (length 1000)",
      labelJa: "KL（q が p にごく近い、長さ 1000）",
      call: "klDivergence",
      count: 3,
      generate: (rng) => {
        const p = distribution(rng, 1000);
        return [p, nearby(rng, p)];
      },
      tolerance: { rtol: 1e-6, atol: 1e-20 },
    },
  ],
  diagnose: ({ call, args, got, expected, caseName }): LocalizedText | undefined => {
    if (typeof got !== "number" || typeof expected !== "number") return undefined;
    const [p, q] = args as [number[], number[] | undefined];
    if (!isNumberArray(p)) return undefined;
    if (Number.isNaN(got) && p.some((x) => x === 0)) return zeroHint;
    if (Number.isFinite(expected) && expected !== 0 && close(got, expected / Math.LN2)) {
      return text(
        "Your value is the answer divided by ln 2: you computed it in bits (log base 2). This exercise uses nats: Math.log, the natural logarithm.",
        "あなたの値は正解を ln 2 で割ったものです。ビット（底 2 の対数）で計算しています。この課題はナット、つまり自然対数 Math.log を使います。",
      );
    }
    if (call === "klDivergence" && isNumberArray(q) && p.every((x) => x > 0) && q.every((x) => x > 0)) {
      const reverse = naturalKl(q, p);
      if (!close(reverse, expected, 1e-3) && close(got, reverse)) {
        return text(
          "You returned KL(q‖p). The KL divergence is not symmetric: KL(p‖q) = Σ pᵢ log(pᵢ/qᵢ) weights the log-ratio by p, the first argument.",
          "返した値は KL(q‖p) です。KL ダイバージェンスは対称ではありません。KL(p‖q) = Σ pᵢ log(pᵢ/qᵢ) では、対数比を第 1 引数の p で重み付けします。",
        );
      }
      // Within the rounding noise of the two sums (measured: H(p, q) − H(p) is off by at most 17.4·ε·H(p) on this
      // class over 1000 draws): an output this close is numerically what the subtraction leaves.
      const noise = 24 * Number.EPSILON * Math.log(p.length);
      if (caseName.startsWith("KL, q very close") && expected < 1e-9 && Math.abs(got - expected) <= noise && !close(got, expected)) {
        return text(
          `KL here is below 1e−9 while H(p, q) and H(p) are about ${Math.log(p.length).toFixed(1)}: your value is off by ${Math.abs(got - expected).toExponential(1)}, within the rounding noise of those two sums (about ${noise.toExponential(0)}). Computing H(p, q) − H(p) cancels almost every digit; sum pᵢ log(pᵢ/qᵢ) term by term instead.`,
          `このケースの KL は 1e−9 未満ですが、H(p, q) と H(p) はどちらも約 ${Math.log(p.length).toFixed(1)} です。あなたの値のずれ ${Math.abs(got - expected).toExponential(1)} は、この 2 つの和の丸め誤差（約 ${noise.toExponential(0)}）の範囲に収まっています。H(p, q) − H(p) と引き算すると桁がほとんど消えてしまいます（桁落ち）。pᵢ log(pᵢ/qᵢ) を項ごとに足し合わせましょう。`,
        );
      }
    }
    return undefined;
  },
});
