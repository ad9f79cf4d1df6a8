import { matmul, norm, svd } from "linalg";
import { defineCases, text, type LocalizedText, type Rng } from "../../../graders/content";

function lowRank(rng: Rng, m: number, n: number, r: number): number[][] {
  return matmul(rng.matrix(m, r), rng.matrix(r, n));
}

/** Full column rank and comfortably conditioned, so that λ = 0 and λ = 1e-8 are well posed. */
function wellConditioned(rng: Rng, m: number, n: number): number[][] {
  return rng.matrix(m, n).map((row, i) => row.map((x, j) => (i === j ? x + 4 : x)));
}

/** V diag(f(σ)) Uᵀb for a candidate filter f, to recognise common slips in a wrong answer. */
function filtered(A: number[][], b: number[], f: (s: number) => number): number[] {
  const { U, S, Vt } = svd(A);
  const n = A[0]?.length ?? 0;
  const x = new Array<number>(n).fill(0);
  S.forEach((s, l) => {
    const w = f(s);
    if (!Number.isFinite(w) || w === 0) return;
    const ub = b.reduce((acc, bi, i) => acc + U[i]![l]! * bi, 0);
    for (let j = 0; j < n; j++) x[j]! += w * ub * Vt[l]![j]!;
  });
  return x;
}

function close(x: number[], y: number[]): boolean {
  const d = norm(x.map((v, i) => v - y[i]!));
  return d <= 1e-7 * Math.max(norm(y), 1e-300);
}

const FILTER = text(
  "Check the filter factor: each direction is weighted by σ/(σ² + λ), which is 1/σ at λ = 0 and shrinks to 0 as λ grows.",
  "フィルタ係数を確かめましょう。各方向の重みは σ/(σ² + λ) で、λ = 0 では 1/σ、λ が大きくなると 0 に近づきます。",
);

export default defineCases({
  visible: [
    { name: "λ = 0 is least squares", labelJa: "λ = 0 は最小二乗法", args: [[[1, 0], [1, 1], [1, 2]], [1, 2, 2], 0], expected: [1.1666666666666667, 0.5] },
    { name: "diagonal, λ = 1", labelJa: "対角行列、λ = 1", args: [[[2, 0], [0, 1]], [1, 1], 1], expected: [0.4, 0.5], hint: FILTER },
    { name: "worked matrix, λ = 1", labelJa: "例題の行列、λ = 1", args: [[[4, 0], [3, -5], [0, 3]], [1, 2, 3], 1], expected: [0.48905109489051096, 0.181021897810219], hint: FILTER },
    { name: "λ = 1e4 shrinks towards 0", labelJa: "λ = 1e4 で 0 に近づく", args: [[[3, 0], [0, 4]], [1, 1], 1e4], expected: [0.0002997302427814966, 0.00039936102236421724], hint: FILTER },
    {
      name: "zero matrix, λ = 0",
      labelJa: "ゼロ行列、λ = 0",
      args: [[[0, 0], [0, 0]], [1, 2], 0],
      expected: [0, 0],
      hint: text(
        "σ = 0 with λ = 0 gives 0/0 = NaN: skip that term (its limit is 0).",
        "σ = 0 かつ λ = 0 だと 0/0 = NaN になります。その項は飛ばしましょう(極限値は 0 です)。",
      ),
    },
  ],
  hidden: [
    { name: "λ = 0", labelJa: "λ = 0", count: 1, generate: (rng) => { const n = rng.int(1, 5); const m = rng.int(n, 9); return [wellConditioned(rng, m, n), rng.vector(m), 0]; } },
    { name: "λ = 1e-8", labelJa: "λ = 1e-8", count: 1, generate: (rng) => { const n = rng.int(1, 5); const m = rng.int(n, 9); return [wellConditioned(rng, m, n), rng.vector(m), 1e-8]; }, hint: FILTER },
    { name: "λ = 1", labelJa: "λ = 1", count: 2, generate: (rng) => { const m = rng.int(1, 8); const n = rng.int(1, 8); return [rng.matrix(m, n), rng.vector(m), 1]; }, hint: FILTER },
    { name: "λ = 1e4", labelJa: "λ = 1e4", count: 1, generate: (rng) => { const m = rng.int(1, 8); const n = rng.int(1, 8); return [rng.matrix(m, n), rng.vector(m), 1e4]; }, hint: FILTER },
    {
      name: "wide matrix",
      labelJa: "横長の行列",
      count: 1,
      generate: (rng) => { const m = rng.int(1, 4); return [rng.matrix(m, rng.int(m + 1, 9)), rng.vector(m), rng.pick([0.1, 1, 10])]; },
    },
    {
      name: "rank-deficient",
      labelJa: "ランク落ち",
      count: 1,
      generate: (rng) => { const m = rng.int(3, 7); return [lowRank(rng, m, rng.int(3, 7), rng.int(1, 2)), rng.vector(m), rng.pick([0.5, 1, 5])]; },
    },
    {
      name: "zero matrix, λ = 0",
      labelJa: "ゼロ行列、λ = 0",
      count: 1,
      generate: (rng) => {
        const m = rng.int(1, 5);
        const n = rng.int(1, 5);
        return [Array.from({ length: m }, () => new Array<number>(n).fill(0)), rng.vector(m), 0];
      },
      hint: text(
        "σ = 0 with λ = 0 gives 0/0 = NaN: skip that term (its limit is 0).",
        "σ = 0 かつ λ = 0 だと 0/0 = NaN になります。その項は飛ばしましょう(極限値は 0 です)。",
      ),
    },
  ],

  diagnose: ({ args, got }) => {
    const [A, b, lambda] = args as [number[][], number[], number];
    const x = got as number[];
    if (!x.every(Number.isFinite) || lambda === 0) return undefined;
    const slips: [(s: number) => number, LocalizedText][] = [
      [(s) => 1 / (s + lambda), text("Your result matches the filter 1/(σ + λ); ridge uses σ/(σ² + λ).", "結果がフィルタ 1/(σ + λ) と一致しています。リッジ回帰のフィルタは σ/(σ² + λ) です。")],
      [(s) => s / (s * s + lambda * lambda), text("Your result matches σ/(σ² + λ²): λ enters once, not squared.", "結果が σ/(σ² + λ²) と一致しています。λ は 2 乗せずにそのまま足します。")],
      [(s) => 1 / (s * s + lambda), text("Your result matches 1/(σ² + λ): the numerator σ is missing.", "結果が 1/(σ² + λ) と一致しています。分子の σ が抜けています。")],
      [(s) => (s > 0 ? 1 / s : 0), text("Your result ignores λ: it is the least-squares solution.", "結果が λ を無視した最小二乗解になっています。")],
    ];
    for (const [f, message] of slips) if (close(x, filtered(A, b, f))) return message;
    return undefined;
  },
});
