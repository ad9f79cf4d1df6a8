import { det, matmul, qr, solve, transpose } from "linalg";
import { defineCases, text, type LocalizedText, type Rng } from "../../../graders/content";

/**
 * A covariance Q·diag(λ)·Qᵀ with a random orthogonal Q and eigenvalues spread log-evenly over `logKappa` decades
 * (so κ(Σ) = 10^logKappa), together with n samples x = μ + Q·diag(√λ)·w, w ~ N(0, I), drawn from that Gaussian.
 * Samples from the distribution keep the quadratic forms of order d, as real data would.
 */
function gaussianData(rng: Rng, d: number, n: number, logKappa: number, diagonal = false): [number[][], number[], number[][]] {
  const scale = 10 ** rng.uniform(-1, 1);
  const lambda = Array.from({ length: d }, (_, j) => scale * 10 ** (d === 1 ? 0 : (-logKappa * j) / (d - 1)));
  const Q = diagonal ? Array.from({ length: d }, (_, i) => Array.from({ length: d }, (__, j) => (i === j ? 1 : 0))) : qr(rng.matrix(d, d)).Q;
  const S = matmul(Q.map((row) => row.map((q, j) => q * lambda[j]!)), transpose(Q));
  const Sigma = S.map((row, i) => row.map((_, j) => (S[i]![j]! + S[j]![i]!) / 2));
  const mu = rng.vector(d, (r) => Math.round(r.normal(0, 2) * 1e4) / 1e4);
  const B = Q.map((row) => row.map((q, j) => q * Math.sqrt(lambda[j]!)));
  const X = Array.from({ length: n }, () => {
    const w = rng.vector(d);
    return mu.map((m, i) => m + B[i]!.reduce((s, b, j) => s + b * w[j]!, 0));
  });
  return [X, mu, Sigma];
}

/** The parts of the formula, for naming a learner's mistake (host-side, accuracy only needs to tell them apart). */
function parts(X: number[][], mu: number[], Sigma: number[][]) {
  const d = mu.length;
  const n = X.length;
  let quad = 0;
  let quadSigma = 0;
  for (const x of X) {
    const r = x.map((xi, i) => xi - mu[i]!);
    const s = solve(Sigma, r);
    quad += r.reduce((acc, ri, i) => acc + ri * s[i]!, 0);
    quadSigma += r.reduce((acc, ri, i) => acc + ri * Sigma[i]!.reduce((t, sij, j) => t + sij * r[j]!, 0), 0);
  }
  return { n, d, log2pi: Math.log(2 * Math.PI), logDet: Math.log(det(Sigma)), quad, quadSigma };
}

const formulaHint = text(
  "log N(x; μ, Σ) = −½[d·log 2π + log det Σ + (x − μ)ᵀΣ⁻¹(x − μ)], summed over the rows of X.",
  "log N(x; μ, Σ) = −½[d·log 2π + log det Σ + (x − μ)ᵀΣ⁻¹(x − μ)] を X の全行について足し合わせます。",
);

const stableHint = text(
  "Σ is nearly singular here. Factor Σ = L·Lᵀ (Cholesky) and use log det Σ = 2·Σ log Lⱼⱼ and (x − μ)ᵀΣ⁻¹(x − μ) = ‖z‖² with L·z = x − μ; an explicit inverse or det(Σ) loses accuracy.",
  "ここでは Σ がほぼ特異です。Σ = L·Lᵀ とコレスキー分解し、log det Σ = 2·Σ log Lⱼⱼ と、L·z = x − μ を解いた ‖z‖² = (x − μ)ᵀΣ⁻¹(x − μ) を使いましょう。逆行列や det(Σ) を直接計算すると精度が落ちます。",
);

function near(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-7 * (1 + Math.abs(b));
}

export default defineCases({
  visible: [
    { name: "standard normal at 0", labelJa: "標準正規分布の 0 での値", args: [[[0]], [0], [[1]]], expected: -0.9189385332046727, hint: formulaHint },
    {
      name: "correlated 2-D Gaussian, one point",
      labelJa: "相関のある 2 次元ガウス分布、1 点",
      args: [[[1, 2]], [0, 0], [[2, 1], [1, 2]]],
      // det Σ = 3, (x − μ)ᵀΣ⁻¹(x − μ) = 2: −log 2π − ½ log 3 − 1
      expected: -3.3871832107434003,
      hint: formulaHint,
    },
    {
      name: "three points, Σ = diag(1, 4)",
      labelJa: "3 点、Σ = diag(1, 4)",
      args: [[[1, 0], [0, 1], [-1, -1]], [0, 0], [[1, 0], [0, 4]]],
      // Σ quadratic forms = 1 + ¼ + 5/4 = 2.5: −3·log 2π − 1.5·log 4 − 1.25
      expected: -8.843072740907871,
      hint: formulaHint,
    },
  ],
  hidden: [
    {
      name: "one dimension",
      labelJa: "1 次元",
      count: 1,
      generate: (rng) => gaussianData(rng, 1, rng.int(1, 20), 0),
      hint: formulaHint,
    },
    {
      name: "diagonal covariance",
      labelJa: "対角共分散行列",
      count: 1,
      generate: (rng) => gaussianData(rng, rng.int(2, 6), rng.int(1, 20), rng.uniform(0, 3), true),
      hint: formulaHint,
    },
    {
      name: "correlated covariance",
      labelJa: "相関のある共分散行列",
      count: 3,
      generate: (rng) => gaussianData(rng, rng.int(2, 6), rng.int(1, 30), rng.uniform(0, 3)),
      hint: formulaHint,
    },
    {
      name: "single data point",
      labelJa: "データ点が 1 つ",
      count: 1,
      generate: (rng) => gaussianData(rng, rng.int(2, 5), 1, rng.uniform(0, 2)),
      hint: formulaHint,
    },
    {
      name: "near-singular covariance (κ up to 1e8)",
      labelJa: "ほぼ特異な共分散行列（κ は最大 1e8）",
      count: 2,
      generate: (rng) => gaussianData(rng, rng.int(3, 6), rng.int(5, 30), rng.uniform(6, 8)),
      hint: stableHint,
    },
    {
      name: "20 dimensions, 50 points",
      labelJa: "20 次元、50 点",
      count: 1,
      generate: (rng) => gaussianData(rng, 20, 50, rng.uniform(1, 4)),
      hint: formulaHint,
    },
  ],
  diagnose: (ctx): LocalizedText | undefined => {
    const [X, mu, Sigma] = ctx.args as [number[][], number[], number[][]];
    const got = ctx.got as number;
    const p = parts(X, mu, Sigma);
    const right = -0.5 * (p.n * (p.d * p.log2pi + p.logDet) + p.quad);
    if (near(got, right + 0.5 * p.n * p.d * p.log2pi)) {
      return text(
        "The normalising constant is missing: each point contributes −(d/2)·log 2π, from the (2π)^(d/2) in the density.",
        "正規化定数が抜けています。密度の (2π)^(d/2) から、各点に −(d/2)·log 2π の寄与があります。",
      );
    }
    if (near(got, -0.5 * (p.n * (p.d * p.log2pi + p.logDet) + p.quadSigma))) {
      return text(
        "Your quadratic form uses Σ instead of Σ⁻¹: it must be (x − μ)ᵀΣ⁻¹(x − μ), e.g. ‖z‖² with L·z = x − μ.",
        "2 次形式に Σ⁻¹ ではなく Σ を使っています。正しくは (x − μ)ᵀΣ⁻¹(x − μ) で、たとえば L·z = x − μ を解いた ‖z‖² として計算できます。",
      );
    }
    if (p.logDet !== 0 && near(got, right + 0.5 * p.n * p.logDet)) {
      return text(
        "The log-determinant term is missing: each point contributes −½·log det Σ.",
        "対数行列式の項が抜けています。各点に −½·log det Σ の寄与があります。",
      );
    }
    if (p.logDet !== 0 && near(got, right - 0.5 * p.n * p.logDet)) {
      return text(
        "log det Σ must be halved: each point contributes −½·log det Σ (from det(Σ)^(−1/2) in the density).",
        "log det Σ には ½ が掛かります。密度の det(Σ)^(−1/2) から、各点の寄与は −½·log det Σ です。",
      );
    }
    if (p.n > 1 && near(got, right / p.n)) {
      return text(
        "You returned the mean over the rows; the log-likelihood of a data set is the sum over its rows.",
        "行についての平均を返しています。データ全体の対数尤度は各行の和です。",
      );
    }
    return undefined;
  },
});

export { gaussianData };
