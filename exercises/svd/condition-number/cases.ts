import { qr, svd } from "linalg";
import { defineCases, text, type LocalizedText, type Rng } from "../../../graders/content";

const hilbertMatrix = (n: number): number[][] =>
  Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => 1 / (i + j + 1)));

/** Q₁ diag(s) Q₂ᵀ with random orthogonal factors: a matrix whose condition number is max(s)/min(s). */
function withSingularValues(rng: Rng, m: number, n: number, s: number[]): number[][] {
  const U = qr(rng.matrix(m, m)).Q;
  const V = qr(rng.matrix(n, n)).Q;
  return Array.from({ length: m }, (_, i) =>
    Array.from({ length: n }, (_, j) => s.reduce((acc, sk, k) => acc + U[i]![k]! * sk * V[j]![k]!, 0)),
  );
}

const near = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-6 * Math.abs(b);

function diagnoseCond(A: number[][], got: number, want: number): LocalizedText | undefined {
  if (near(got * want, 1)) {
    return text("Your value is 1/κ: divide the largest singular value by the smallest, not the other way round.",
      "値が 1/κ になっています。最小の特異値で最大の特異値を割りましょう（逆ではありません）。");
  }
  if (near(got, want * want)) {
    return text("Your value is κ², the condition number of AᵀA: take square roots of its eigenvalues, or better, use svd(A) directly.",
      "値が κ²、つまり AᵀA の条件数になっています。固有値の平方根を取るか、素直に svd(A) を使いましょう。");
  }
  const S = svd(A).S;
  if (S.length > 2 && near(got, S[0]! / S[1]!)) {
    return text("You divided by the second singular value; σ_min is the last one, S[S.length − 1].",
      "2 番目の特異値で割っています。σ_min は最後の特異値 S[S.length − 1] です。");
  }
  return undefined;
}

function diagnoseHilbert(got: number[][]): LocalizedText | undefined {
  const h00 = got[0]?.[0];
  if (h00 === 1) return undefined;
  return text(`H[0][0] is ${h00}, but it must be 1: with 0-based indices the entry is 1/(i + j + 1).`,
    `H[0][0] が ${h00} ですが、1 でなければなりません。0 始まりの添字では成分は 1/(i + j + 1) です。`);
}

export default defineCases({
  visible: [
    {
      name: "hilbert(3)",
      labelJa: "hilbert(3)",
      call: "hilbert",
      args: [3],
      expected: [[1, 0.5, 1 / 3], [0.5, 1 / 3, 0.25], [1 / 3, 0.25, 0.2]],
      tolerance: { rtol: 1e-15 },
    },
    { name: "κ(H₅)", labelJa: "κ(H₅)", call: "cond", args: [hilbertMatrix(5)], expected: 476607.2502425608 },
    { name: "3×2 worked example", labelJa: "3×2 の計算例", call: "cond", args: [[[4, 0], [3, -5], [0, 3]]], expected: 1.806418390534633 },
    { name: "diagonal", labelJa: "対角行列", call: "cond", args: [[[2, 0], [0, -0.5]]], expected: 4 },
  ],
  hidden: [
    {
      name: "Hilbert matrices",
      labelJa: "ヒルベルト行列",
      call: "hilbert",
      count: 2,
      generate: (rng) => [rng.int(1, 12)],
      tolerance: { rtol: 1e-15 },
      hint: text("Entry (i, j) with 0-based indices is 1/(i + j + 1).", "0 始まりの添字で (i, j) 成分は 1/(i + j + 1) です。"),
    },
    {
      name: "condition of Hilbert matrices",
      labelJa: "ヒルベルト行列の条件数",
      call: "cond",
      count: 2,
      generate: (rng) => [hilbertMatrix(rng.int(2, 6))],
    },
    {
      name: "random square",
      labelJa: "ランダムな正方行列",
      call: "cond",
      count: 2,
      generate: (rng) => {
        const n = rng.int(2, 8);
        return [rng.matrix(n, n)];
      },
    },
    {
      name: "known spectrum",
      labelJa: "特異値を指定した行列",
      call: "cond",
      count: 2,
      generate: (rng) => {
        const n = rng.int(3, 6);
        const s = rng.vector(n, (r) => 10 ** r.uniform(-4, 2));
        return [withSingularValues(rng, n, n, s)];
      },
    },
    {
      name: "tall and wide",
      labelJa: "縦長・横長の行列",
      call: "cond",
      count: 2,
      generate: (rng, i) => {
        const k = rng.int(2, 4);
        const long = rng.int(k + 1, 8);
        return [i % 2 === 0 ? rng.matrix(long, k) : rng.matrix(k, long)];
      },
      hintsWhen: [{
        // Only when the output is what counting the wrong singular values gives: a ratio to a singular value that is
        // not the last, or an infinite κ from the zeros a padded square matrix would add.
        when: ({ args, got, expected }) => {
          if (typeof got !== "number" || typeof expected !== "number") return false;
          const S = svd(args[0] as number[][]).S;
          return got === Infinity || S.some((s, j) => j < S.length - 1 && near(got, S[0]! / s) && !near(expected, S[0]! / s));
        },
        text: text("For a non-square matrix, σ_min is the smallest of the min(m, n) singular values.",
          "正方でない行列では、σ_min は min(m, n) 個の特異値のうち最小のものです。"),
      }],
    },
    {
      name: "orthogonal",
      labelJa: "直交行列",
      call: "cond",
      count: 1,
      generate: (rng) => [qr(rng.matrix(5, 5)).Q],
    },
    {
      name: "scaled by 1e±100",
      labelJa: "1e±100 倍した行列",
      call: "cond",
      count: 2,
      generate: (rng, i) => [rng.matrix(4, 4).map((row) => row.map((x) => x * (i % 2 === 0 ? 1e100 : 1e-100)))],
      hint: text("κ does not depend on the scale of A.", "κ は A の大きさ（定数倍）に依存しません。"),
    },
    {
      name: "1×1",
      labelJa: "1×1",
      call: "cond",
      count: 1,
      generate: (rng) => [[[-rng.uniform(0.1, 10)]]],
    },
  ],
  diagnose: (ctx) => {
    if (ctx.call === "hilbert") return Array.isArray(ctx.got) ? diagnoseHilbert(ctx.got as number[][]) : undefined;
    if (typeof ctx.got !== "number" || typeof ctx.expected !== "number") return undefined;
    return diagnoseCond(ctx.args[0] as number[][], ctx.got, ctx.expected);
  },
});
