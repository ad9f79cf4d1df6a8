import { centralDiff, defineCases, text, type LocalizedText, type Rng } from "../../../graders/content";

/*
 * Forward passes for the central differences. Far from 0, σ(x) and tanh(x) round to ±1 and a difference of two
 * nearby values would keep no digits, so there we differentiate the function minus its limit (same derivative),
 * computed without cancellation. The branch is chosen once per point, so x ± h always use the same formula.
 */
function sigmoidBranch(x0: number): (x: number) => number {
  if (x0 >= 1) return (x) => -1 / (1 + Math.exp(x)); // σ(x) − 1
  if (x0 <= -1) return (x) => Math.exp(x) / (1 + Math.exp(x)); // σ(x)
  return (x) => 1 / (1 + Math.exp(-x));
}

function tanhBranch(x0: number): (x: number) => number {
  if (x0 >= 1) return (x) => -2 / (Math.exp(2 * x) + 1); // tanh(x) − 1
  if (x0 <= -1) return (x) => 2 / (1 + Math.exp(-2 * x)); // tanh(x) + 1
  return Math.tanh;
}

function numeric(branch: (x0: number) => (x: number) => number, x: readonly number[], h: number): number[] {
  return x.map((x0) => {
    const f = branch(x0);
    return centralDiff((v) => f(v[0]!), [x0], h)[0]!;
  });
}

/**
 * Saturated inputs: |x| from 5 to 40, and ±1000 where exp(|x|) itself overflows. One entry has |x| ≤ 8, so the
 * gradient's norm is not made of values below 1e-13 only: there the textbook σ(1 − σ) and 1 − tanh² are fine,
 * and what this class catches is overflow, not the last digits of 1e-17.
 */
function saturated(rng: Rng): number[] {
  const x = rng.vector(rng.int(4, 20), (r) => r.pick([-1, 1]) * r.uniform(5, 40));
  x.push(rng.pick([-1, 1]) * rng.uniform(5, 8), 1000, -1000);
  return x;
}

const overflowHint = text(
  "If only the saturated inputs fail: at |x| = 1000, exp(|x|) is Infinity and Infinity/Infinity is NaN; write the formula so that exp only sees −|x|.",
  "飽和領域だけが失敗する場合：|x| = 1000 では exp(|x|) が Infinity になり、Infinity/Infinity は NaN です。exp に −|x| だけが渡る形に式を変形しましょう。",
);

export default defineCases({
  visible: [
    { name: "sigmoid: small inputs", labelJa: "sigmoid：小さな入力", call: "sigmoidGrad", args: [[0, 1, -2]], expected: [0.25, 0.19661193324148185, 0.10499358540350652] },
    { name: "tanh: small inputs", labelJa: "tanh：小さな入力", call: "tanhGrad", args: [[0, 0.5, -1]], expected: [1, 0.7864477329659274, 0.4199743416140261] },
    {
      name: "sigmoid: saturating inputs",
      labelJa: "sigmoid：飽和する入力",
      call: "sigmoidGrad",
      args: [[10, -10, 40]],
      expected: [4.5395807735951673e-5, 4.5395807735951673e-5, 4.248354255291589e-18],
    },
    { name: "tanh: mixed inputs", labelJa: "tanh：さまざまな入力", call: "tanhGrad", args: [[3, -20, 0.1]], expected: [0.00986603716544019, 1.6993417021166355e-17, 0.9900662908474398] },
  ],
  hidden: [
    { name: "sigmoid: random inputs", labelJa: "sigmoid：ランダムな入力", call: "sigmoidGrad", count: 2, generate: (rng) => [rng.vector(rng.int(1, 50), (r) => r.normal(0, 3))] },
    { name: "tanh: random inputs", labelJa: "tanh：ランダムな入力", call: "tanhGrad", count: 2, generate: (rng) => [rng.vector(rng.int(1, 50), (r) => r.normal(0, 2))] },
    { name: "sigmoid: saturation", labelJa: "sigmoid：飽和領域", call: "sigmoidGrad", count: 2, generate: (rng) => [saturated(rng)], hint: overflowHint },
    { name: "tanh: saturation", labelJa: "tanh：飽和領域", call: "tanhGrad", count: 2, generate: (rng) => [saturated(rng)], hint: overflowHint },
    { name: "sigmoid: around zero", labelJa: "sigmoid：0 の近く", call: "sigmoidGrad", count: 1, generate: (rng) => [[0, ...rng.vector(5, (r) => r.normal(0, 1e-3))]] },
    { name: "tanh: around zero", labelJa: "tanh：0 の近く", call: "tanhGrad", count: 1, generate: (rng) => [[0, ...rng.vector(5, (r) => r.normal(0, 1e-3))]] },
  ],
  numericGradient: (args, h, call) => {
    const [x] = args as [number[]];
    return { "": numeric(call === "tanhGrad" ? tanhBranch : sigmoidBranch, x, h) };
  },
  diagnose: (ctx): LocalizedText | undefined => {
    const got = ctx.got as number[];
    const [x] = ctx.args as [number[]];
    const max = ctx.call === "tanhGrad" ? 1 : 0.25;
    const bad = got.findIndex((v) => !(v >= 0 && v <= max * (1 + 1e-12)));
    if (bad >= 0) {
      return ctx.call === "tanhGrad"
        ? text(
            `tanh'(x) lies in [0, 1] for every x, but yours is ${got[bad]!.toPrecision(4)} at index ${bad}. tanh is increasing with slope at most 1 (at x = 0): is a square missing?`,
            `tanh'(x) はどの x でも [0, 1] に収まるはずですが、インデックス ${bad} で ${got[bad]!.toPrecision(4)} になっています。tanh は単調増加で、傾きは x = 0 での 1 が最大です。二乗が抜けていませんか？`,
          )
        : text(
            `σ'(x) lies in [0, 1/4] for every x, but yours is ${got[bad]!.toPrecision(4)} at index ${bad}${ctx.visibility === "visible" ? ` (x = ${x[bad]!.toPrecision(4)})` : ""}. Did you write 1 − x where you meant 1 − σ(x)?`,
            `σ'(x) はどの x でも [0, 1/4] に収まるはずですが、インデックス ${bad}${ctx.visibility === "visible" ? `（x = ${x[bad]!.toPrecision(4)}）` : ""} で ${got[bad]!.toPrecision(4)} になっています。1 − σ(x) のつもりで 1 − x と書いていませんか？`,
          );
    }
    return undefined;
  },
});
