import { inv, qr } from "linalg";
import { centralDiffMatrix, defineCases, text, type LocalizedText, type Rng } from "../../../graders/content";

type M = number[][];

const mul = (A: M, B: M): M => A.map((a) => B[0]!.map((_, j) => a.reduce((s, v, k) => s + v * B[k]![j]!, 0)));
const tr = (A: M): M => A[0]!.map((_, j) => A.map((r) => r[j]!));
const neg = (A: M): M => A.map((r) => r.map((v) => -v));

/** U diag(s) Vᵀ with random orthogonal U, V: a non-symmetric X with chosen singular values. */
function withSpectrum(rng: Rng, s: number[]): M {
  const n = s.length;
  const U = qr(rng.matrix(n, n)).Q;
  const V = qr(rng.matrix(n, n)).Q;
  return U.map((ui) => V.map((vj) => ui.reduce((a, u, k) => a + u * s[k]! * vj[k]!, 0)));
}

/**
 * [X, G] with G scaled so that the largest entry of the gradient −X⁻ᵀGX⁻ᵀ is 1 in magnitude: the case's absolute
 * tolerance 1e−12 is then relative to the gradient's size.
 */
function problem(rng: Rng, X: M): [M, M] {
  const G = rng.matrix(X.length, X.length);
  const Xit = tr(inv(X));
  const big = Math.max(...mul(mul(Xit, G), Xit).flat().map(Math.abs));
  return [X, G.map((r) => r.map((v) => v / big))];
}

/** ⟨G, X⁻¹⟩, the forward pass whose central differences the gradient is checked against. */
function loss(X: M, G: M): number {
  const Y = inv(X);
  return G.reduce((s, g, i) => s + g.reduce((t, v, j) => t + v * Y[i]![j]!, 0), 0);
}

function relDiff(a: M, b: M): number {
  let d = 0;
  let n = 0;
  a.forEach((r, i) => r.forEach((v, j) => {
    d += (v - b[i]![j]!) ** 2;
    n += b[i]![j]! ** 2;
  }));
  return n === 0 ? Infinity : Math.sqrt(d / n);
}

export default defineCases({
  visible: [
    { name: "1×1", labelJa: "1×1", args: [[[2]], [[1]]], expected: [[-0.25]] },
    {
      name: "diagonal 2×2",
      labelJa: "2×2 の対角行列",
      args: [[[2, 0], [0, 4]], [[1, 1], [1, 1]]],
      expected: [[-0.25, -0.125], [-0.125, -0.0625]],
    },
    {
      name: "upper triangular 2×2",
      labelJa: "2×2 の上三角行列",
      args: [[[1, 2], [0, 1]], [[1, 0], [0, 0]]],
      // X⁻¹ = [[1, −2], [0, 1]], X⁻ᵀ = [[1, 0], [−2, 1]]; −X⁻ᵀ E₁₁ X⁻ᵀ = −[[1, 0], [−2, 0]]
      expected: [[-1, 0], [2, 0]],
      hint: text(
        "X is not symmetric here, so X⁻¹ and X⁻ᵀ differ: which of them multiplies G on each side decides the answer.",
        "この X は対称ではないので、X⁻¹ と X⁻ᵀ は異なります。G の両側にどちらが掛かるかで答えが変わります。",
      ),
    },
  ],
  hidden: [
    {
      name: "non-symmetric, well conditioned",
      labelJa: "非対称・良条件",
      count: 3,
      generate: (rng) => {
        const n = rng.int(2, 8);
        return problem(rng, withSpectrum(rng, rng.vector(n, (r) => r.uniform(0.5, 2))));
      },
    },
    {
      name: "moderately conditioned (σ_min ≥ 1e−2·σ_max)",
      labelJa: "やや悪条件（σ_min ≥ 1e−2·σ_max）",
      count: 2,
      generate: (rng) => {
        const n = rng.int(3, 8);
        return problem(rng, withSpectrum(rng, Array.from({ length: n }, (_, i) => 10 ** (-2 * i / (n - 1)))));
      },
    },
    {
      name: "symmetric X",
      labelJa: "対称な X",
      count: 1,
      generate: (rng) => {
        const n = rng.int(2, 6);
        const B = rng.matrix(n, n);
        return problem(rng, B.map((r, i) => r.map((v, j) => v + B[j]![i]! + (i === j ? 2 * n : 0))));
      },
    },
  ],
  numericGradient: (args, h) => {
    const [X, G] = args as [M, M];
    return { "": centralDiffMatrix((Y) => loss(Y, G), X, h) };
  },
  diagnose: ({ args, got, expected }): LocalizedText | undefined => {
    const [X, G] = args as [M, M];
    const g = got as M;
    const e = expected as M;
    if (!g.flat().every(Number.isFinite)) return undefined;
    if (relDiff(g, neg(e)) < 1e-9) {
      return text(
        "Your gradient has the wrong sign. Differentiating X X⁻¹ = I gives d(X⁻¹) = −X⁻¹ dX X⁻¹: the minus sign carries through to −X⁻ᵀ G X⁻ᵀ.",
        "勾配の符号が逆です。X X⁻¹ = I を微分すると d(X⁻¹) = −X⁻¹ dX X⁻¹ となり、このマイナスが −X⁻ᵀ G X⁻ᵀ まで残ります。",
      );
    }
    const Xi = inv(X);
    for (const [cand, en, ja] of [
      [neg(mul(mul(Xi, G), Xi)), "−X⁻¹ G X⁻¹", "−X⁻¹ G X⁻¹"],
      [neg(tr(mul(mul(Xi, G), Xi))), "−(X⁻¹ G X⁻¹)ᵀ = −X⁻ᵀ Gᵀ X⁻ᵀ", "−(X⁻¹ G X⁻¹)ᵀ = −X⁻ᵀ Gᵀ X⁻ᵀ"],
    ] as const) {
      if (relDiff(e, cand) > 1e-6 && relDiff(g, cand) < 1e-9) {
        return text(
          `You returned ${en}. It agrees only when X and G are symmetric. Write dL = ⟨G, −X⁻¹ dX X⁻¹⟩ = tr(−Gᵀ X⁻¹ dX X⁻¹), move the factors around the trace to get tr(M dX), and the gradient is Mᵀ: −X⁻ᵀ G X⁻ᵀ.`,
          `返した値は ${ja} です。X と G が対称なときしか一致しません。dL = ⟨G, −X⁻¹ dX X⁻¹⟩ = tr(−Gᵀ X⁻¹ dX X⁻¹) と書き、トレースの中で因子を巡回させて tr(M dX) の形にすると、勾配は Mᵀ、つまり −X⁻ᵀ G X⁻ᵀ です。`,
        );
      }
    }
    const r = relDiff(g, e);
    if (r > 1e-13 && r < 1e-5) {
      return text(
        `Your gradient matches −X⁻ᵀ G X⁻ᵀ only to a relative ${r.toExponential(1)}: the accuracy of a finite difference, not of a formula. This exercise compares with the analytic gradient at 1e−12, which central differences cannot reach (measured: 1e−11 at best); derive it from d(X⁻¹) = −X⁻¹ dX X⁻¹.`,
        `あなたの勾配は −X⁻ᵀ G X⁻ᵀ と相対誤差 ${r.toExponential(1)} でしか一致しません。これは式ではなく差分近似の精度です。この課題では解析的な勾配と 1e−12 で比較するので、中心差分では届きません（実測で最良でも 1e−11）。d(X⁻¹) = −X⁻¹ dX X⁻¹ から導きましょう。`,
      );
    }
    return undefined;
  },
});
