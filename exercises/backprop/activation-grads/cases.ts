import { centralDiff, defineCases, text, withAnalyticGradient, type LocalizedText, type Rng } from "../../../graders/content";

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

export default withAnalyticGradient(defineCases({
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
    // NaN and Infinity have their own message (and the overflow hint); the range says something only about numbers.
    const bad = got.findIndex((v) => Number.isFinite(v) && !(v >= 0 && v <= max * (1 + 1e-12)));
    if (bad < 0) return undefined;
    const sig = (t: number) => (t >= 0 ? 1 / (1 + Math.exp(-t)) : Math.exp(t) / (1 + Math.exp(t)));
    const matches = (f: (t: number) => number) => got.every((v, i) => !Number.isFinite(v) || Math.abs(v - f(x[i]!)) <= 1e-9 * (1 + Math.abs(v)));
    const where = `${bad}${ctx.visibility === "visible" ? ` (x = ${x[bad]!.toPrecision(4)})` : ""}`;
    const whereJa = `${bad}${ctx.visibility === "visible" ? `（x = ${x[bad]!.toPrecision(4)}）` : ""}`;
    if (ctx.call === "tanhGrad") {
      const cause = matches((t) => 1 - Math.tanh(t))
        ? { en: " Yours is 1 − tanh(x): the square is missing, tanh'(x) = 1 − tanh²(x).", ja: "1 − tanh(x) になっています。二乗が抜けています。tanh'(x) = 1 − tanh²(x) です。" }
        : { en: "", ja: "" };
      return text(
        `tanh'(x) lies in [0, 1] for every x, but yours is ${got[bad]!.toPrecision(4)} at index ${where}.${cause.en}`,
        `tanh'(x) はどの x でも [0, 1] に収まるはずですが、インデックス ${whereJa} で ${got[bad]!.toPrecision(4)} になっています。${cause.ja}`,
      );
    }
    const cause = matches((t) => sig(t) * (1 - t))
      ? { en: " Yours is σ(x)(1 − x): write 1 − σ(x), not 1 − x.", ja: "σ(x)(1 − x) になっています。1 − x ではなく 1 − σ(x) です。" }
      : matches((t) => sig(t) ** 2)
        ? { en: " Yours is σ(x)²: the derivative is σ(x)(1 − σ(x)).", ja: "σ(x)² になっています。微分は σ(x)(1 − σ(x)) です。" }
        : { en: "", ja: "" };
    return text(
      `σ'(x) lies in [0, 1/4] for every x, but yours is ${got[bad]!.toPrecision(4)} at index ${where}.${cause.en}`,
      `σ'(x) はどの x でも [0, 1/4] に収まるはずですが、インデックス ${whereJa} で ${got[bad]!.toPrecision(4)} になっています。${cause.ja}`,
    );
  },
}), {
  // Central differences reach 1.5e-11 at best per submission. Only where every |x| ≤ 2: there σ(1 − σ) and 1 − tanh² keep all but a few digits, while in saturation the
  // textbook formulas lose more digits than a finite difference does (1 − tanh²(8) keeps about 7), so no bound
  // separates them there (graders/bench/finite-difference-error.ts).
  fields: [""],
  bound: 1e-14,
  measured: "1e−11",
  applies: ([x]) => (x as number[]).every((v) => Math.abs(v) <= 2),
});
