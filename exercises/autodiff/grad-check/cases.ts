import { defineCases, text, type Rng } from "../../../graders/content";

const formulaHint = text(
  "rel = ‖ga − gn‖ / (‖ga‖ + ‖gn‖ + 1e-12): Euclidean norms (square root of the sum of squares), and the sum of both norms in the denominator.",
  "rel = ‖ga − gn‖ / (‖ga‖ + ‖gn‖ + 1e-12) です。ノルムはユークリッドノルム（二乗和の平方根）で、分母は両方のノルムの和です。",
);

const zeroHint = text(
  "When both gradients are zero the formula is 0/0. The + 1e-12 in the denominator keeps 0/0 from becoming NaN: the answer is 0.",
  "両方の勾配がゼロだと式は 0/0 になります。分母の + 1e-12 が 0/0 を NaN にしないための工夫で、答えは 0 です。",
);

const bandHint = text(
  "The bands are: rel < 1e-5 pass, 1e-5 ≤ rel ≤ 1e-3 suspicious, rel > 1e-3 fail. Check the boundaries: 1e-5 and 1e-3 are both suspicious.",
  "判定の区切りは rel < 1e-5 が pass、1e-5 ≤ rel ≤ 1e-3 が suspicious、rel > 1e-3 が fail です。境界に注意してください。1e-5 と 1e-3 はどちらも suspicious です。",
);

const nanHint = text(
  "A NaN relative error must fail: every comparison with NaN is false, so test for the pass band explicitly (rel < 1e-5) and let anything else fall through to \"fail\".",
  "相対誤差が NaN なら fail にしなければなりません。NaN との比較はすべて false になるので、pass の範囲 (rel < 1e-5) を明示的に判定し、それ以外は \"fail\" に落ちるように書きましょう。",
);

/** A gradient and a copy perturbed at relative size `level` in a random direction. */
function pair(rng: Rng, n: number, level: number): [number[], number[]] {
  const scale = 10 ** rng.uniform(-3, 3);
  const ga = rng.vector(n, (r) => r.normal(0, scale));
  const gn = ga.map((g) => g * (1 + level * rng.normal()));
  return [ga, gn];
}

export default defineCases({
  visible: [
    { name: "identical gradients", labelJa: "同じ勾配", call: "relativeError", args: [[1, 2, 3], [1, 2, 3]], expected: 0, hint: formulaHint },
    { name: "orthogonal unit gradients", labelJa: "直交する単位ベクトル", call: "relativeError", args: [[1, 0], [0, 1]], expected: 0.707106781186194, hint: formulaHint },
    { name: "(3, 4) against (3, 4.001)", labelJa: "(3, 4) と (3, 4.001)", call: "relativeError", args: [[3, 4], [3, 4.001]], expected: 9.999200028008736e-5, hint: formulaHint },
    { name: "both gradients zero", labelJa: "両方ともゼロの勾配", call: "relativeError", args: [[0, 0], [0, 0]], expected: 0, hint: zeroHint },
    { name: "verdict of 1e-7", labelJa: "1e-7 の判定", call: "gradCheckVerdict", args: [1e-7], expected: "pass", hint: bandHint },
    { name: "verdict of 1e-4", labelJa: "1e-4 の判定", call: "gradCheckVerdict", args: [1e-4], expected: "suspicious", hint: bandHint },
    { name: "verdict of 0.5", labelJa: "0.5 の判定", call: "gradCheckVerdict", args: [0.5], expected: "fail", hint: bandHint },
  ],
  hidden: [
    {
      name: "gradient pairs at every error level",
      labelJa: "さまざまな誤差の勾配の組",
      call: "relativeError",
      count: 3,
      generate: (rng) => pair(rng, rng.int(1, 200), 10 ** rng.uniform(-10, 0)),
      hint: formulaHint,
    },
    {
      name: "opposite signs",
      labelJa: "符号が逆の勾配",
      call: "relativeError",
      count: 1,
      generate: (rng) => {
        const g = rng.vector(rng.int(2, 10));
        return [g, g.map((x) => -x)];
      },
      hint: formulaHint,
    },
    {
      name: "one gradient zero",
      labelJa: "片方がゼロの勾配",
      call: "relativeError",
      count: 1,
      generate: (rng) => {
        const n = rng.int(2, 10);
        const g = rng.vector(n);
        return rng.next() < 0.5 ? [g, new Array<number>(n).fill(0)] : [new Array<number>(n).fill(0), g];
      },
      hint: formulaHint,
    },
    {
      name: "both gradients zero",
      labelJa: "両方ともゼロの勾配",
      call: "relativeError",
      count: 1,
      generate: (rng) => {
        const n = rng.int(1, 20);
        return [new Array<number>(n).fill(0), new Array<number>(n).fill(0)];
      },
      hint: zeroHint,
    },
    {
      name: "errors inside the bands",
      labelJa: "各区間の内側の誤差",
      call: "gradCheckVerdict",
      count: 3,
      generate: (rng, i) => [10 ** ([rng.uniform(-16, -5.01), rng.uniform(-4.99, -3.01), rng.uniform(-2.99, 0.5)][i % 3]!)],
      hint: bandHint,
    },
    {
      name: "band boundaries",
      labelJa: "区間の境界",
      call: "gradCheckVerdict",
      count: 4,
      generate: (rng, i) => [[1e-5, 1e-3, rng.pick([0, 0.99999e-5]), rng.pick([1.00001e-3, 1])][i % 4]!],
      hint: bandHint,
    },
    {
      name: "NaN or infinite error",
      labelJa: "NaN や無限大の誤差",
      call: "gradCheckVerdict",
      count: 2,
      generate: (_rng, i) => [i % 2 === 0 ? Number.NaN : Number.POSITIVE_INFINITY],
      hint: nanHint,
    },
  ],
});
