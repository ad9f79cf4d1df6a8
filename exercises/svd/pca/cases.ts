import { qr, svd } from "linalg";
import { defineCases, text, type CheckContext, type PropertyResult, type Rng } from "../../../graders/content";

interface PcaOutput {
  components: number[][];
  explainedVariance: number[];
}

/**
 * n samples in d dimensions whose spread along a random orthonormal basis falls by `ratio` per direction,
 * shifted by `offset`: well separated variances, so every principal direction is unique up to sign.
 */
function cloud(rng: Rng, n: number, d: number, offset: number, ratio = 2): number[][] {
  const { Q } = qr(rng.matrix(d, d));
  const scales = Array.from({ length: d }, (_, j) => 3 / ratio ** j);
  const mean = rng.vector(d, (r) => offset * r.uniform(0.5, 1.5));
  return Array.from({ length: n }, () => {
    const z = scales.map((s) => s * rng.normal());
    return mean.map((m, c) => m + z.reduce((acc, zj, j) => acc + zj * Q[c]![j]!, 0));
  });
}

function variancesOf(X: number[][], center: boolean, divisor: number): number[] {
  const d = X[0]!.length;
  const mean = new Array<number>(d).fill(0);
  if (center) {
    for (const row of X) for (let j = 0; j < d; j++) mean[j]! += row[j]! / X.length;
  }
  return svd(X.map((row) => row.map((x, j) => x - mean[j]!))).S.map((s) => (s * s) / divisor);
}

const close = (a: number, b: number, rtol: number, atol: number): boolean => Math.abs(a - b) <= atol + rtol * Math.abs(b);
const allClose = (a: number[], b: number[], rtol: number, atol: number): boolean =>
  a.length === b.length && a.every((x, i) => close(x, b[i]!, rtol, atol));

function checkVariances(ctx: CheckContext, got: number[], want: number[]): PropertyResult {
  const { rtol, atol } = ctx.tolerance;
  if (allClose(got, want, rtol, atol)) {
    return { ok: true, message: text("explainedVariance matches σᵢ²/(n − 1)", "explainedVariance は σᵢ²/(n − 1) と一致しています") };
  }
  const X = ctx.args[0] as number[][];
  const n = X.length;
  const k = want.length;
  const i = got.findIndex((x, j) => !close(x, want[j]!, rtol, atol));
  // The ratio localises the error without printing the expected value, which a hidden case must not reveal.
  const ratio = (got[i]! / want[i]!).toPrecision(6);
  const at = `explainedVariance[${i}] is ${ratio} times the right value`;
  const atJa = `explainedVariance[${i}] が正しい値の ${ratio} 倍です`;
  if (allClose(got, variancesOf(X, false, n - 1).slice(0, k), 1e-6, atol) || allClose(got, variancesOf(X, false, n).slice(0, k), 1e-6, atol)) {
    return { ok: false, kind: "wrong-value", message: text(
      `${at}: these are the variances of the uncentered data. Subtract the column means (center X) before the SVD.`,
      `${atJa}。中心化していないデータの値になっています。SVD の前に各列の平均を引いて X を中心化しましょう。`) };
  }
  if (allClose(got.map((x) => (x * n) / (n - 1)), want, 1e-6, atol)) {
    return { ok: false, kind: "wrong-value", message: text(
      `${at}: off by the factor (n − 1)/n. The sample variance divides σᵢ² by n − 1, not by n.`,
      `${atJa}。(n − 1)/n 倍ずれています。標本分散は σᵢ² を n ではなく n − 1 で割ります。`) };
  }
  if (allClose(got, want.map((x) => Math.sqrt(x * (n - 1))), 1e-6, atol)) {
    return { ok: false, kind: "wrong-value", message: text(
      `${at}: these are the singular values σᵢ. The variance is σᵢ²/(n − 1).`,
      `${atJa}。特異値 σᵢ そのものになっています。分散は σᵢ²/(n − 1) です。`) };
  }
  return { ok: false, kind: "wrong-value", message: text(
    `${at}. The variance along component i is σᵢ²/(n − 1), from the SVD of the centered data.`,
    `${atJa}。第 i 主成分方向の分散は、中心化したデータの SVD から σᵢ²/(n − 1) で求まります。`) };
}

function checkComponents(got: number[][], want: number[][]): PropertyResult[] {
  const out: PropertyResult[] = [];
  for (let i = 0; i < got.length; i++) {
    const norm = Math.hypot(...got[i]!);
    if (!(Math.abs(norm - 1) <= 1e-8)) {
      out.push({ ok: false, kind: "property", message: text(
        `components[${i}] has length ${norm}; each component must be a unit vector (a row of Vt is).`,
        `components[${i}] の長さが ${norm} です。各主成分は単位ベクトル（Vt の行）でなければなりません。`) });
      return out;
    }
  }
  out.push({ ok: true, message: text("every component is a unit vector", "どの主成分も単位ベクトルです") });
  for (let i = 0; i < got.length; i++) {
    const g = got[i]!;
    const w = want[i]!;
    const plus = Math.max(...g.map((x, j) => Math.abs(x - w[j]!)));
    const minus = Math.max(...g.map((x, j) => Math.abs(x + w[j]!)));
    if (!(Math.min(plus, minus) <= 1e-6)) {
      out.push({ ok: false, kind: "property", message: text(
        `components[${i}] is not the principal direction #${i + 1} (ordered by variance) (compared up to sign; largest entry difference ${Math.min(plus, minus).toExponential(2)}). ` +
          "Take rows of Vt of the centered data, in the order of descending σ.",
        `components[${i}] が分散の大きい順で ${i + 1} 番目の方向になっていません（符号を無視して比較、最大の差 ${Math.min(plus, minus).toExponential(2)}）。` +
          "中心化したデータの Vt の行を、σ の大きい順に取りましょう。") });
      return out;
    }
  }
  out.push({ ok: true, message: text("components match the principal directions up to sign", "主成分は符号を除いて正しい方向です") });
  return out;
}

export default defineCases({
  visible: [
    {
      name: "axis-aligned spread",
      labelJa: "軸に沿ったばらつき",
      args: [[[0, 0], [4, 0], [0, 1], [4, 1]], 2],
    },
    {
      name: "points on a line",
      labelJa: "直線上の点",
      args: [[[1, 2], [2, 4], [3, 6], [4, 8]], 1],
    },
    {
      name: "three features, far from the origin",
      labelJa: "原点から離れた 3 特徴量",
      args: [[[10, 20, 30], [12, 19, 30.5], [9, 22, 29], [11, 21, 31], [13, 18, 30]], 2],
    },
  ],
  hidden: [
    {
      name: "random clouds",
      labelJa: "ランダムな点群",
      count: 3,
      generate: (rng) => {
        const d = rng.int(2, 6);
        return [cloud(rng, rng.int(d + 5, 40), d, 5), rng.int(1, d)];
      },
    },
    {
      name: "one component",
      labelJa: "主成分 1 つ",
      count: 1,
      generate: (rng) => [cloud(rng, 30, 4, 5), 1],
    },
    {
      name: "all components (k = d)",
      labelJa: "すべての主成分 (k = d)",
      count: 1,
      generate: (rng) => {
        const d = rng.int(3, 6);
        return [cloud(rng, 25, d, 2), d];
      },
    },
    {
      name: "scaled by 1e±100",
      labelJa: "1e±100 倍したデータ",
      count: 2,
      // Variances near 1e−200 sit far below the default atol: compare them relatively.
      tolerance: { atol: 0 },
      generate: (rng, i) => {
        const f = i % 2 === 0 ? 1e100 : 1e-100;
        return [cloud(rng, 25, 3, 2).map((row) => row.map((x) => x * f)), 2];
      },
    },
    {
      name: "large mean offset",
      labelJa: "平均が非常に大きい",
      count: 2,
      generate: (rng) => [cloud(rng, 30, 3, 1e6), 2],
      hint: text(
        "The features have means near 10⁶ and a spread near 1: subtract the mean from the data first; E[x²] − E[x]² cancels catastrophically here.",
        "特徴量の平均は 10⁶ 程度でばらつきは 1 程度です。先にデータから平均を引きましょう。E[x²] − E[x]² ではここで桁落ちが起きます。",
      ),
    },
    {
      name: "fewer samples than features",
      labelJa: "サンプル数 < 特徴量数",
      count: 1,
      generate: (rng) => {
        const d = rng.int(6, 9);
        const n = rng.int(4, d - 1);
        return [cloud(rng, n, d, 3), n - 2];
      },
      hint: text(
        "With n < d the thin SVD has only n singular values; take the first k of them.",
        "n < d のとき薄い SVD の特異値は n 個だけです。その先頭 k 個を使いましょう。",
      ),
    },
  ],
  check: (ctx) => {
    const got = ctx.got as PcaOutput;
    const want = ctx.expected as PcaOutput;
    const variance = checkVariances(ctx, got.explainedVariance, want.explainedVariance);
    return [variance, ...(variance.ok ? checkComponents(got.components, want.components) : [])];
  },
});
