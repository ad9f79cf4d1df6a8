import { matmul, norm, svd, transpose } from "linalg";
import { defineCases, text, type Rng } from "../../../graders/content";

function lowRank(rng: Rng, m: number, n: number, r: number): number[][] {
  return matmul(rng.matrix(m, r), rng.matrix(r, n));
}

function matvec(A: number[][], x: number[]): number[] {
  return A.map((row) => row.reduce((s, a, j) => s + a * x[j]!, 0));
}

const NORMAL_EQUATIONS = text(
  "If you used the normal equations (AᵀA)⁻¹Aᵀb: AᵀA is singular for this kind of system, so they break down. Use the SVD and treat σ ≤ 1e-12·σ₁ as zero.",
  "正規方程式 (AᵀA)⁻¹Aᵀb を使った場合:この種の問題では AᵀA が特異になるため破綻します。SVD を使い、σ ≤ 1e-12·σ₁ の特異値は 0 とみなしましょう。",
);

export default defineCases({
  visible: [
    { name: "line fit (overdetermined)", labelJa: "直線のあてはめ(式が多い)", args: [[[1, 0], [1, 1], [1, 2]], [1, 2, 2]], expected: [1.1666666666666667, 0.5] },
    {
      name: "one equation, two unknowns",
      labelJa: "式 1 本・未知数 2 つ",
      args: [[[1, 1]], [2]],
      expected: [1, 1],
      hint: NORMAL_EQUATIONS,
    },
    {
      name: "dependent columns",
      labelJa: "列が従属",
      args: [[[1, 2], [2, 4]], [1, 1]],
      expected: [0.12, 0.24],
      hint: NORMAL_EQUATIONS,
    },
    { name: "worked matrix", labelJa: "例題の行列", args: [[[4, 0], [3, -5], [0, 3]], [1, 2, 3]], expected: [0.52, 0.2] },
    { name: "square invertible", labelJa: "可逆な正方行列", args: [[[2, 1], [1, 3]], [3, 5]], expected: [0.8, 1.4] },
  ],
  hidden: [
    { name: "square invertible", labelJa: "可逆な正方行列", count: 1, generate: (rng) => { const n = rng.int(2, 6); return [rng.matrix(n, n), rng.vector(n)]; } },
    {
      name: "overdetermined",
      labelJa: "式が多い(縦長)",
      count: 2,
      generate: (rng) => { const n = rng.int(1, 5); const m = rng.int(n + 1, 12); return [rng.matrix(m, n), rng.vector(m)]; },
    },
    {
      name: "consistent overdetermined",
      labelJa: "厳密解のある縦長",
      count: 1,
      generate: (rng) => { const n = rng.int(1, 4); const A = rng.matrix(rng.int(n + 1, 8), n); return [A, matvec(A, rng.vector(n))]; },
    },
    {
      name: "underdetermined",
      labelJa: "式が少ない(横長)",
      count: 2,
      generate: (rng) => { const m = rng.int(1, 5); return [rng.matrix(m, rng.int(m + 1, 10)), rng.vector(m)]; },
      hint: NORMAL_EQUATIONS,
    },
    {
      name: "rank-deficient",
      labelJa: "ランク落ち",
      count: 2,
      generate: (rng) => {
        const r = rng.int(1, 3);
        const m = rng.int(r + 1, 8);
        return [lowRank(rng, m, rng.int(r + 1, 7), r), rng.vector(m)];
      },
      hint: NORMAL_EQUATIONS,
    },
    {
      name: "zero right-hand side",
      labelJa: "右辺がゼロ",
      count: 1,
      generate: (rng) => { const m = rng.int(2, 6); return [rng.matrix(m, rng.int(2, 6)), new Array<number>(m).fill(0)]; },
    },
    {
      name: "zero matrix",
      labelJa: "ゼロ行列",
      count: 1,
      generate: (rng) => {
        const m = rng.int(1, 5);
        const n = rng.int(1, 5);
        return [Array.from({ length: m }, () => new Array<number>(n).fill(0)), rng.vector(m)];
      },
      hint: text(
        "For A = 0 every singular value is ≤ 1e-12·σ₁ = 0, so nothing is divided and x = 0.",
        "A = 0 ではすべての特異値が 1e-12·σ₁ = 0 以下なので、何も割らずに x = 0 となります。",
      ),
    },
    { name: "1×1 system", labelJa: "1×1 の方程式", count: 1, generate: (rng) => [[[rng.pick([0, rng.uniform(-5, 5)])]], [rng.normal()]] },
  ],

  diagnose: ({ args, got, expected, visibility }) => {
    const [A, b] = args as [number[][], number[]];
    const x = got as number[];
    const xs = expected as number[];
    if (!x.every(Number.isFinite)) return undefined;
    const scale = Math.max(norm(xs), 1);
    // Σ (uᵢᵀb / σᵢ²) vᵢ: the normal-equations filter 1/σ² applied to the SVD.
    const { U, S, Vt } = svd(A);
    const alt = new Array<number>(x.length).fill(0);
    S.forEach((s, i) => {
      if (s <= 1e-12 * S[0]!) return;
      const c = U.reduce((acc, row, r) => acc + row[i]! * b[r]!, 0) / (s * s);
      Vt[i]!.forEach((v, j) => (alt[j]! += c * v));
    });
    const altDiffers = alt.some((v, j) => Math.abs(v - xs[j]!) > 1e-6 * scale);
    if (altDiffers && alt.length === x.length && x.every((v, j) => Math.abs(v - alt[j]!) <= 1e-9 * Math.max(1, norm(alt)))) {
      return text("x = Σ (uᵢᵀb/σᵢ²) vᵢ: you divided by σᵢ², the filter of the normal equations; the pseudo-inverse divides by σᵢ.", "x = Σ (uᵢᵀb/σᵢ²) vᵢ になっています。σᵢ² で割るのは正規方程式のフィルタで、擬似逆行列では σᵢ で割ります。");
    }
    if (norm(x) > 1e6 * scale) {
      return text(
        "x has huge entries: something divided by a (numerically) zero singular value or inverted a singular AᵀA. Treat σ ≤ 1e-12·σ₁ as zero.",
        "x に巨大な成分があります。数値的にゼロの特異値で割ったか、特異な AᵀA を逆行列にしています。σ ≤ 1e-12·σ₁ は 0 とみなしましょう。",
      );
    }
    // A least-squares solution satisfies Aᵀ(Ax − b) = 0; then only its length can be wrong.
    const At = transpose(A);
    const grad = matvec(At, matvec(A, x).map((v, i) => v - b[i]!));
    const sigma1 = svd(A).S[0] ?? 0;
    if (sigma1 > 0 && norm(grad) <= 1e-8 * sigma1 * sigma1 * scale && norm(x) > norm(xs) * (1 + 1e-8)) {
      // Norms are data: show them for visible cases only.
      const sizes = visibility === "visible" ? `‖x‖ = ${norm(x).toPrecision(6)} > ${norm(xs).toPrecision(6)}` : "";
      return text(
        `Your x solves the least-squares problem, but it is not the minimum-norm solution${sizes ? ` (${sizes})` : ""}: remove its component in the null space of A.`,
        `この x は最小二乗問題の解ですが、最小ノルム解ではありません${sizes ? `(${sizes})` : ""}。A の零空間方向の成分を取り除きましょう。`,
      );
    }
    return undefined;
  },
});
