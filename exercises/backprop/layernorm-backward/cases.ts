import { centralDiff, defineCases, text, withAnalyticGradient, type LocalizedText, type Rng } from "../../../graders/content";

type Grads = { dx: number[][]; dgamma: number[]; dbeta: number[] };
type Variance = "biased" | "unbiased" | "one-pass";

/** x̂ of one row, with the variance computed the right way (two-pass, biased) or one of the usual wrong ways. */
function normalizeRow(row: readonly number[], eps: number, variance: Variance = "biased"): number[] {
  const d = row.length;
  const mean = row.reduce((s, v) => s + v, 0) / d;
  let v: number;
  if (variance === "one-pass") v = row.reduce((s, x) => s + x * x, 0) / d - mean * mean;
  else v = row.reduce((s, x) => s + (x - mean) ** 2, 0) / (variance === "unbiased" ? d - 1 : d);
  const s = Math.sqrt(v + eps);
  return row.map((x) => (x - mean) / s);
}

/** The forward pass the gradients are checked against: L = Σ dy ⊙ (γ ⊙ x̂ + β). */
function rowLoss(row: readonly number[], gamma: readonly number[], beta: readonly number[], dyRow: readonly number[], eps: number): number {
  const xhat = normalizeRow(row, eps);
  return xhat.reduce((s, v, j) => s + dyRow[j]! * (gamma[j]! * v + beta[j]!), 0);
}

function loss(x: number[][], gamma: readonly number[], beta: readonly number[], dy: number[][], eps: number): number {
  return x.reduce((s, row, i) => s + rowLoss(row, gamma, beta, dy[i]!, eps), 0);
}

function rowStd(row: readonly number[], eps: number): number {
  const d = row.length;
  const mean = row.reduce((s, v) => s + v, 0) / d;
  return Math.sqrt(row.reduce((s, v) => s + (v - mean) ** 2, 0) / d + eps);
}

/**
 * Rows whose spread is at least 1% of their largest entry: there x − μ keeps its digits and any right formula agrees
 * with the reference to rounding (about 1e−15), so the finite-difference bound applies. On the near-constant rows
 * right formulas differ by up to 1e−10 (measured), and those classes keep their own tolerances.
 */
function wellScaled(args: unknown[]): boolean {
  const [x, , , eps] = args as [number[][], number[], number[][], number];
  return x.every((row) => row.length > 1 && rowStd(row, eps) >= 1e-2 * Math.max(...row.map(Math.abs)));
}

function isGrads(v: unknown): v is Grads {
  if (typeof v !== "object" || v === null) return false;
  const o = v as Record<string, unknown>;
  return Array.isArray(o.dx) && Array.isArray(o.dgamma) && Array.isArray(o.dbeta);
}

function dgammaWith(x: number[][], dy: number[][], eps: number, variance: Variance): number[] {
  const d = x[0]!.length;
  const out = new Array<number>(d).fill(0);
  x.forEach((row, i) => normalizeRow(row, eps, variance).forEach((v, j) => (out[j]! += dy[i]![j]! * v)));
  return out;
}

function close(a: readonly number[], b: readonly number[], rtol: number): boolean {
  const scale = Math.max(1e-300, ...b.map(Math.abs));
  return a.length === b.length && a.every((v, j) => Math.abs(v - b[j]!) <= rtol * scale);
}

/** True when r is a clear, non-zero multiple of the direction u: the error lies along u and nowhere else. */
function isAlong(r: readonly number[], u: readonly number[]): boolean {
  const uu = u.reduce((s, v) => s + v * v, 0);
  const rr = r.reduce((s, v) => s + v * v, 0);
  if (uu === 0 || rr === 0) return false;
  const c = r.reduce((s, v, j) => s + v * u[j]!, 0) / uu;
  const rest = r.reduce((s, v, j) => s + (v - c * u[j]!) ** 2, 0);
  return rest <= 1e-12 * rr;
}

const randomRows = (rng: Rng, n: number, d: number, sd: number): number[][] => rng.matrix(n, d, (r) => r.normal(0, sd));

/** Rows that are a constant plus noise of size 1e-4: σ² ≈ 1e-8, far below ε = 1e-5 but far above ε = 1e-12. */
function tinyVarianceCase(rng: Rng, eps: number): unknown[] {
  const n = rng.int(1, 4);
  const d = rng.int(3, 12);
  const x = Array.from({ length: n }, () => {
    // An offset of 20..60 makes E[x²] − μ² lose about 4 of its 8 digits, while two passes stay exact.
    const c = rng.pick([-1, 1]) * rng.uniform(20, 60);
    return rng.vector(d, (r) => c + 1e-4 * r.normal());
  });
  return [x, rng.vector(d, (r) => r.uniform(0.5, 2)), randomRows(rng, n, d, 1), eps];
}

const varianceHint = text(
  "If only the near-constant rows fail: compute the variance in two passes, Σ(x − μ)²/d, not E[x²] − μ², which cancels catastrophically; and keep ε exactly where the forward pass has it, since it matters when σ² is tiny.",
  "ほぼ定数の行だけが失敗する場合：分散は E[x²] − μ² ではなく、平均を引いてから Σ(x − μ)²/d の 2 パスで計算しましょう（前者は桁落ちします）。σ² が小さいときは ε が効いてくるので、順伝播と同じ位置に入れてください。",
);

export default withAnalyticGradient(defineCases({
  visible: [
    {
      name: "curriculum example",
      labelJa: "カリキュラムの例",
      args: [[[1, 2, 3, 4]], [1, 1, 1, 1], [[0.1, -0.2, 0.3, 0]], 1e-5],
      expected: {
        dx: [[0.07155367440505954, -0.21466173874834496, 0.21466173874834496, -0.07155367440505953]],
        dgamma: [-0.1341635419968927, 0.08944236133126181, 0.1341635419968927, 0],
        dbeta: [0.1, -0.2, 0.3, 0],
      },
    },
    {
      name: "two rows, non-unit gamma",
      labelJa: "2 行、γ ≠ 1",
      args: [[[0.5, -1, 2], [3, 3.5, 1]], [2, 0.5, -1], [[1, 0, -1], [0.2, 0.4, -0.3]], 1e-5],
      hint: text(
        "If this case fails but the γ = 1 example passes: dx̂ = γ ⊙ dy, so the scale γ enters dx, not only dγ.",
        "γ = 1 の例は通るのにこのケースが失敗する場合：dx̂ = γ ⊙ dy なので、γ は dγ だけでなく dx にも効きます。",
      ),
    },
    {
      name: "three rows, large eps",
      labelJa: "3 行、大きな ε",
      args: [[[2, -1, 0.5, 4, 1], [0, 0.1, 0.2, 0.3, 0.4], [-3, 3, -3, 3, 0]], [1, -1, 0.5, 2, 1], [[1, 1, 1, 1, 1], [0.5, -0.5, 0, 1, -1], [0.3, 0.1, -0.2, 0, 0.4]], 0.01],
      hint: text(
        "If this case alone fails, check ε: it sits inside the square root, next to σ² (√(σ² + ε)), in the forward pass and so in every term of the backward pass.",
        "このケースだけが失敗する場合は ε を確認しましょう。ε は平方根の中で σ² と並んでいます（√(σ² + ε)）。順伝播と同じく、逆伝播のすべての項でもその位置のままです。",
      ),
    },
  ],
  hidden: [
    {
      name: "random rows",
      labelJa: "ランダムな行",
      count: 3,
      generate: (rng) => {
        const n = rng.int(1, 6);
        const d = rng.int(3, 16);
        return [randomRows(rng, n, d, 2), rng.vector(d, (r) => r.normal(1, 0.5)), randomRows(rng, n, d, 1), 1e-5];
      },
    },
    {
      name: "tiny variance rows, eps 1e-5",
      labelJa: "分散がごく小さい行（ε = 1e-5）",
      count: 2,
      generate: (rng) => tinyVarianceCase(rng, 1e-5),
      tolerance: { rtol: 1e-7, atol: 1e-6 },
      hint: varianceHint,
    },
    {
      name: "tiny variance rows, eps 1e-12",
      labelJa: "分散がごく小さい行（ε = 1e-12）",
      count: 2,
      generate: (rng) => tinyVarianceCase(rng, 1e-12),
      // dx is of size γ/σ ≈ 1e4 here, and x − μ carries rounding of about 1e-14: allow 1e-8 of that scale.
      tolerance: { rtol: 1e-7, atol: 1e-4 },
      hint: varianceHint,
    },
    {
      name: "one feature per row",
      labelJa: "1 行に特徴量が 1 つ",
      count: 1,
      generate: (rng) => {
        const n = rng.int(1, 4);
        return [randomRows(rng, n, 1, 3), [rng.uniform(0.5, 2)], randomRows(rng, n, 1, 1), 1e-5];
      },
      hint: text(
        "With d = 1, x̂ = 0 and dx = 0. The variance is Σ(x − μ)²/d: dividing by d − 1 gives 0/0 here.",
        "d = 1 では x̂ = 0、dx = 0 です。分散は d で割る Σ(x − μ)²/d です。d − 1 で割るとここで 0/0 になります。",
      ),
    },
    {
      name: "large batch",
      labelJa: "大きなバッチ",
      count: 1,
      generate: (rng) => {
        const d = rng.int(16, 32);
        return [randomRows(rng, 64, d, 1), rng.vector(d, (r) => r.normal(1, 0.5)), randomRows(rng, 64, d, 1), 1e-5];
      },
      hint: text("If only this case fails: dγ and dβ sum over every row of the batch.", "このケースだけが失敗する場合：dγ と dβ はバッチのすべての行について和をとります。"),
    },
  ],
  numericGradient: (args, h) => {
    const [x, gamma, dy, eps] = args as [number[][], number[], number[][], number];
    const beta = new Array<number>(gamma.length).fill(0);
    // Rows are independent, so differentiate row by row; on a row of spread σ the step must stay well below σ,
    // or the central difference measures curvature instead of slope (σ ≈ 1e-4 in the tiny-variance classes).
    const dx = x.map((row, i) => {
      const step = Math.min(h, 1e-3 * rowStd(row, eps));
      return centralDiff((r) => rowLoss(r, gamma, beta, dy[i]!, eps), row, step);
    });
    return {
      dx,
      dgamma: centralDiff((g) => loss(x, g, beta, dy, eps), gamma, h),
      dbeta: centralDiff((b) => loss(x, gamma, b, dy, eps), beta, h),
    };
  },
  diagnose: (ctx): LocalizedText | undefined => {
    if (!isGrads(ctx.got)) return undefined;
    const [x, , dy, eps] = ctx.args as [number[][], number[], number[][], number];
    const got = ctx.got;
    const columnSums = dy[0]!.map((_, j) => dy.reduce((s, row) => s + row[j]!, 0));
    if (!close(got.dbeta, columnSums, 1e-9)) {
      return text(
        "dbeta should be the sum of dy over every row (β is shared by all rows); the same holds for dgamma, with dy ⊙ x̂.",
        "dbeta は dy をすべての行について足し合わせたものです（β はすべての行で共有されています）。dgamma も同様に dy ⊙ x̂ の行方向の和です。",
      );
    }
    if (x[0]!.length > 1 && close(got.dgamma, dgammaWith(x, dy, eps, "unbiased"), 1e-9)) {
      return text(
        "Your x̂ uses the unbiased variance (divided by d − 1); LayerNorm uses the biased variance Σ(x − μ)²/d.",
        "x̂ が不偏分散（d − 1 で割ったもの）で計算されています。LayerNorm の分散は d で割る Σ(x − μ)²/d です。",
      );
    }
    if (close(got.dgamma, dgammaWith(x, dy, eps, "one-pass"), 1e-12) && !close(got.dgamma, dgammaWith(x, dy, eps, "biased"), 1e-7)) {
      return text(
        "Your variance looks like E[x²] − μ², which loses all its digits on near-constant rows: subtract the mean first.",
        "分散を E[x²] − μ² で計算しているようです。ほぼ定数の行では桁落ちで精度が失われます。先に平均を引きましょう。",
      );
    }
    for (let i = 0; i < got.dx.length; i++) {
      const row = got.dx[i] ?? [];
      const sum = row.reduce((s, v) => s + v, 0);
      const size = row.reduce((s, v) => s + Math.abs(v), 0);
      if (Math.abs(sum) > 1e-7 * size + 1e-12) {
        return text(
          `Row ${i} of dx sums to ${sum.toPrecision(4)}, not 0. Adding a constant to a row does not change LayerNorm's output, so each row of dx must sum to 0: did you forget the gradient through the mean μ (the −mean(dx̂) term)?`,
          `dx の ${i} 行目の和が 0 ではなく ${sum.toPrecision(4)} です。行に定数を足しても LayerNorm の出力は変わらないので、dx の各行の和は 0 になるはずです。平均 μ を通る勾配（−mean(dx̂) の項）を忘れていませんか？`,
        );
      }
    }
    const expected = ctx.expected as Grads;
    for (let i = 0; i < got.dx.length; i++) {
      const r = (got.dx[i] ?? []).map((v, j) => v - expected.dx[i]![j]!);
      if (isAlong(r, normalizeRow(x[i]!, eps))) {
        return text(
          `Row ${i} of dx is off only along x̂: did you forget the gradient through the variance σ² (the −x̂·mean(dx̂ ⊙ x̂) term)?`,
          `dx の ${i} 行目は x̂ の方向だけがずれています。分散 σ² を通る勾配（−x̂·mean(dx̂ ⊙ x̂) の項）を忘れていませんか？`,
        );
      }
    }
    return undefined;
  },
}), {
  // graders/bench/finite-difference-error.ts: central differences of the forward reach 8e-11 at best per submission (10 seeds, well-scaled rows).
  fields: ["dx", "dgamma", "dbeta"],
  bound: 1e-12,
  measured: "8e−11",
  applies: wellScaled,
});
