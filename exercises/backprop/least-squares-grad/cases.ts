import { centralDiff, defineCases, text, type LocalizedText, type Rng } from "../../../graders/content";

/** The forward pass the gradient is checked against: f(θ) = ½‖Aθ − b‖². */
function objective(A: number[][], theta: readonly number[], b: readonly number[]): number {
  return 0.5 * A.reduce((s, row, i) => s + (row.reduce((t, a, j) => t + a * theta[j]!, 0) - b[i]!) ** 2, 0);
}

function problem(rng: Rng, m: number, n: number): unknown[] {
  return [rng.matrix(m, n), rng.vector(n), rng.vector(m, (r) => r.normal(0, 2))];
}

/**
 * Central differences of f for a system too large to evaluate f twice per parameter: f(θ ± h·e_j) changes only in
 * the terms ½(r_i ± h·a_ij)², so those are differenced and the rest, equal on both sides, left out. Same value as
 * (f(θ + h·e_j) − f(θ − h·e_j)) / 2h up to the rounding of the dropped terms.
 */
function incrementalDiff(A: number[][], theta: readonly number[], b: readonly number[], h: number): number[] {
  const r = A.map((row, i) => row.reduce((t, a, j) => t + a * theta[j]!, 0) - b[i]!);
  return theta.map((_, j) => {
    let plus = 0;
    let minus = 0;
    for (let i = 0; i < A.length; i++) {
      const a = A[i]![j]!;
      plus += 0.5 * (r[i]! + h * a) ** 2;
      minus += 0.5 * (r[i]! - h * a) ** 2;
    }
    return (plus - minus) / (2 * h);
  });
}

/**
 * The wide system: 4 equations in 32,000 parameters (128,000 entries, cheap to copy into the sandbox). f costs
 * 128,000 multiply-adds, so differences of f need 2 · 32,000 of them, ~8·10⁹, against ~2.6·10⁵ for Aᵀ(Aθ − b).
 */
const ROWS = 4;
const PARAMS = 32000;

function ratio(got: readonly number[], expected: readonly number[]): number | undefined {
  const ee = expected.reduce((s, v) => s + v * v, 0);
  if (ee === 0) return undefined;
  const c = got.reduce((s, v, j) => s + v * expected[j]!, 0) / ee;
  const rest = got.reduce((s, v, j) => s + (v - c * expected[j]!) ** 2, 0);
  return rest <= 1e-16 * ee ? c : undefined;
}

const lengthHint = text(
  "Check the length first: the gradient has one entry per parameter θⱼ (length n, the number of columns of A), not one per row of A.",
  "まず長さを確認しましょう。勾配はパラメータ θⱼ ごとに 1 つ（長さ n、A の列数）で、A の行ごとに 1 つではありません。",
);

export default defineCases({
  visible: [
    {
      name: "3×2 system",
      labelJa: "3×2 の系",
      args: [[[1, 2], [3, 4], [5, 6]], [0.5, -1], [1, 0, 2]],
      expected: [-37.5, -48],
      hint: lengthHint,
    },
    {
      name: "square, non-symmetric",
      labelJa: "正方・非対称",
      args: [[[2, 1], [0, 3]], [1, 1], [0, 1]],
      expected: [6, 9],
    },
    {
      name: "one parameter",
      labelJa: "パラメータ 1 つ",
      args: [[[1], [2], [3]], [2], [1, 1, 1]],
      expected: [22],
    },
  ],
  hidden: [
    { name: "overdetermined", labelJa: "優決定（m > n）", count: 2, generate: (rng) => problem(rng, rng.int(5, 30), rng.int(1, 5)), hint: lengthHint },
    { name: "underdetermined", labelJa: "劣決定（m < n）", count: 2, generate: (rng) => problem(rng, rng.int(1, 4), rng.int(5, 20)), hint: lengthHint },
    { name: "square", labelJa: "正方行列", count: 2, generate: (rng) => { const n = rng.int(2, 10); return problem(rng, n, n); } },
    {
      name: "badly scaled columns",
      labelJa: "列のスケールがばらばら",
      count: 1,
      generate: (rng) => {
        const m = rng.int(5, 15);
        const n = rng.int(2, 5);
        const scales = rng.vector(n, (r) => 10 ** r.uniform(-2, 2));
        return [rng.matrix(m, n).map((row) => row.map((v, j) => v * scales[j]!)), rng.vector(n), rng.vector(m)];
      },
    },
    {
      name: `wide system (${ROWS} × ${PARAMS})`,
      labelJa: `幅の広い系（${ROWS} × ${PARAMS}）`,
      count: 1,
      // f is quadratic in θ, so central differences of it are exact up to rounding and no tolerance can tell them
      // from a formula; their cost can (see PARAMS).
      generate: (rng) => problem(rng, ROWS, PARAMS),
      hint: text(
        `If this case ran past its time limit: A is ${ROWS} × ${PARAMS} here, and a gradient by finite differences of your own f needs two evaluations of f per parameter (about 8·10⁹ operations). Compute Aᵀ(Aθ − b) directly.`,
        `このケースが時間制限を超えた場合：ここでは A は ${ROWS} × ${PARAMS} で、自分の f の差分で勾配を求めるとパラメータ 1 つにつき f の評価が 2 回（合計約 8·10⁹ 回の演算）必要です。Aᵀ(Aθ − b) を直接計算しましょう。`,
      ),
    },
  ],
  numericGradient: (args, h) => {
    const [A, theta, b] = args as [number[][], number[], number[]];
    if (theta.length * A.length > 10_000) return { "": incrementalDiff(A, theta, b, h) };
    return { "": centralDiff((t) => objective(A, t, b), theta, h) };
  },
  diagnose: (ctx): LocalizedText | undefined => {
    // Aᵀ(Aθ) without b: the residual lost its − b.
    const [A, theta, b] = ctx.args as [number[][], number[], number[]];
    const got = ctx.got as number[];
    if (b.some((v) => v !== 0) && got.length === theta.length) {
      const At = (v: number[]) => theta.map((_, j) => A.reduce((s, row, i) => s + row[j]! * v[i]!, 0));
      const noB = At(A.map((row) => row.reduce((s, a, j) => s + a * theta[j]!, 0)));
      const scale = Math.max(1e-300, ...noB.map(Math.abs));
      if (got.every((g, j) => Math.abs(g - noB[j]!) <= 1e-9 * scale)) {
        return text("Your gradient is Aᵀ(Aθ): the − b of the residual Aθ − b is missing.", "勾配が Aᵀ(Aθ) になっています。残差 Aθ − b の − b が抜けています。");
      }
    }
    const c = ratio(ctx.got as number[], ctx.expected as number[]);
    if (c !== undefined && Math.abs(c - 2) < 1e-6) {
      return text(
        "Your gradient is exactly twice the right one: the ½ in f = ½‖Aθ − b‖² cancels the 2 from differentiating the square.",
        "勾配がちょうど 2 倍になっています。f = ½‖Aθ − b‖² の ½ が、二乗を微分して出る 2 と打ち消し合います。",
      );
    }
    if (c !== undefined && Math.abs(c + 1) < 1e-6) {
      return text(
        "Your gradient has the wrong sign: the residual is r = Aθ − b, and the gradient points uphill (the direction in which f grows).",
        "勾配の符号が逆です。残差は r = Aθ − b で、勾配は f が増える向きを指します（降下は −∇f の向きです）。",
      );
    }
    return undefined;
  },
});
