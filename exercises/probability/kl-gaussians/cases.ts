import { qr } from "linalg";
import { defineCases, text, type LocalizedText, type Rng } from "../../../graders/content";
import { klGaussians } from "./reference";

/** Q diag(λ) Qᵀ with a random orthogonal Q and eigenvalues log-spaced from `scale` to `scale`·κ. */
function spd(rng: Rng, d: number, kappa: number, scale = 1): number[][] {
  const Q = qr(rng.matrix(d, d)).Q;
  const lam = Array.from({ length: d }, (_, i) => scale * kappa ** (d === 1 ? rng.next() : i / (d - 1)));
  return Q.map((qi) => Q.map((qj) => qi.reduce((s, v, k) => s + v * lam[k]! * qj[k]!, 0)));
}

function pair(rng: Rng, d: number, kappa: number, scale = 1): [number[], number[][], number[], number[][]] {
  return [rng.vector(d), spd(rng, d, kappa, scale), rng.vector(d), spd(rng, d, kappa, scale)];
}

function logDet(S: number[][]): number {
  const n = S.length;
  const L = S.map(() => new Array<number>(n).fill(0));
  let sum = 0;
  for (let j = 0; j < n; j++) {
    let d = S[j]![j]!;
    for (let k = 0; k < j; k++) d -= L[j]![k]! ** 2;
    L[j]![j] = Math.sqrt(d);
    sum += 2 * Math.log(L[j]![j]!);
    for (let i = j + 1; i < n; i++) {
      let s = S[i]![j]!;
      for (let k = 0; k < j; k++) s -= L[i]![k]! * L[j]![k]!;
      L[i]![j] = s / L[j]![j]!;
    }
  }
  return sum;
}

const near = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-6 * Math.abs(b) + 1e-9;

export default defineCases({
  visible: [
    {
      name: "1-D: N(0,1) against N(1,2)",
      labelJa: "1 次元：N(0,1) と N(1,2)",
      args: [[0], [[1]], [1], [[2]]],
      // ½ [1/2 + 1/2 − 1 + ln 2]
      expected: 0.5 * Math.log(2),
    },
    {
      name: "2-D diagonal",
      labelJa: "2 次元の対角共分散",
      args: [[0, 0], [[1, 0], [0, 4]], [1, -1], [[2, 0], [0, 1]]],
      // ½ [(1/2 + 4) + (1/2 + 1) − 2 + ln 2 − ln 4]
      expected: 0.5 * (4.5 + 1.5 - 2 + Math.log(2) - Math.log(4)),
    },
    {
      name: "identical Gaussians",
      labelJa: "同じガウス分布",
      args: [[1, 2], [[2, 1], [1, 2]], [1, 2], [[2, 1], [1, 2]]],
      expected: 0,
      hint: text("KL(N‖N) = 0: tr(I) = d cancels −d, and the log-determinants cancel.", "KL(N‖N) = 0 です。tr(I) = d が −d と打ち消し合い、対数行列式どうしも打ち消し合います。"),
    },
  ],
  hidden: [
    { name: "small d", labelJa: "小さな d", count: 3, generate: (rng) => pair(rng, rng.int(1, 5), 10 ** rng.uniform(0, 2)) },
    {
      name: "d = 50, det overflows",
      labelJa: "d = 50（行列式がオーバーフロー）",
      count: 2,
      // Eigenvalues from 10³ to 10⁷: det Σ ≥ 10¹⁵⁰ and up to about 10³⁵⁰, beyond float64.
      generate: (rng) => pair(rng, 50, 1e4, 1e3),
    },
    {
      name: "identical Gaussians",
      labelJa: "同じガウス分布",
      count: 2,
      generate: (rng, i) => {
        const d = i === 0 ? rng.int(2, 10) : 50;
        const mu = rng.vector(d);
        const S = spd(rng, d, i === 0 ? 100 : 1e6);
        return [mu, S, mu.slice(), S.map((r) => r.slice())];
      },
    },
    {
      name: "ill-conditioned, κ up to 1e6",
      labelJa: "悪条件（κ は最大 1e6）",
      count: 2,
      generate: (rng) => pair(rng, rng.int(5, 20), 10 ** rng.uniform(4, 6)),
    },
  ],
  diagnose: ({ args, got, expected }): LocalizedText | undefined => {
    if (typeof got !== "number" || typeof expected !== "number") return undefined;
    const [mu0, S0, mu1, S1] = args as [number[], number[][], number[], number[][]];
    const d = mu0.length;
    const ld0 = logDet(S0);
    const ld1 = logDet(S1);
    if (!Number.isFinite(got)) {
      if (Math.max(Math.abs(ld0), Math.abs(ld1)) > 700) {
        return text(
          `Here ln det Σ is about ${Math.round(Math.max(Math.abs(ld0), Math.abs(ld1)))}, so det Σ itself is beyond float64 (about e^709). Never form the determinant: from a Cholesky factor Σ = L Lᵀ, ln det Σ = 2 Σᵢ ln Lᵢᵢ.`,
          `このケースの ln det Σ は約 ${Math.round(Math.max(Math.abs(ld0), Math.abs(ld1)))} なので、det Σ そのものは float64 の範囲（約 e^709）を超えます。行列式は作らずに、コレスキー分解 Σ = L Lᵀ から ln det Σ = 2 Σᵢ ln Lᵢᵢ と計算しましょう。`,
        );
      }
      return undefined;
    }
    if (d > 0 && near(got - expected, d / 2)) {
      return text(
        `Your value is d/2 = ${d / 2} too large: the formula subtracts d inside the bracket (it makes KL(N‖N) = 0, since tr(Σ⁻¹Σ) = d).`,
        `あなたの値は d/2 = ${d / 2} だけ大きすぎます。括弧の中で d を引く項を忘れています（tr(Σ⁻¹Σ) = d なので、この項のおかげで KL(N‖N) = 0 になります）。`,
      );
    }
    if (Math.abs(ld1 - ld0) > 1e-3 && near(got, expected - (ld1 - ld0))) {
      return text(
        "The log-determinant term has the wrong sign: it is + ln det Σ₁ − ln det Σ₀ = ln(det Σ₁ / det Σ₀), with the covariance of the second argument on top.",
        "対数行列式の項の符号が逆です。正しくは + ln det Σ₁ − ln det Σ₀ = ln(det Σ₁ / det Σ₀) で、第 2 引数の共分散が分子に来ます。",
      );
    }
    const reverse = klGaussians(mu1, S1, mu0, S0);
    if (!near(reverse, expected) && near(got, reverse)) {
      return text(
        "You returned KL(N₁‖N₀). KL is not symmetric: in KL(N₀‖N₁) the expectation is under N₀, so Σ₀ appears inside the trace as Σ₁⁻¹Σ₀, and the Mahalanobis term uses Σ₁⁻¹.",
        "返した値は KL(N₁‖N₀) です。KL は対称ではありません。KL(N₀‖N₁) では期待値を N₀ のもとでとるので、トレースの中は Σ₁⁻¹Σ₀ になり、マハラノビス項は Σ₁⁻¹ を使います。",
      );
    }
    return undefined;
  },
});
