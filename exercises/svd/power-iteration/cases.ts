import { norm, qr, svd } from "linalg";
import { defineCases, text, type PropertyResult, type Rng } from "../../../graders/content";

interface Triple {
  sigma: number;
  u: number[];
  v: number[];
}

/**
 * U diag(s) Vᵀ with random orthonormal U, V: singular values exactly s (descending, σ₂/σ₁ in `gap`, ≤ 0.6 by
 * default), times `scale`.
 */
function gapped(rng: Rng, m: number, n: number, scale = 1, gap: [number, number] = [0.1, 0.6]): number[][] {
  const k = Math.min(m, n);
  const s = [rng.uniform(1, 10)];
  s.push(s[0]! * rng.uniform(gap[0], gap[1]));
  while (s.length < k) s.push(s[s.length - 1]! * rng.uniform(0.2, 0.95));
  const U = qr(rng.matrix(m, k)).Q;
  const V = qr(rng.matrix(n, k)).Q;
  return Array.from({ length: m }, (_, i) =>
    Array.from({ length: n }, (_, j) => scale * s.reduce((acc, sk, c) => acc + U[i]![c]! * sk * V[j]![c]!, 0)),
  );
}

const fail = (en: string, ja: string): PropertyResult => ({ ok: false, kind: "property", message: text(en, ja) });

function checkTriple(A: number[][], got: Triple, rtol: number): PropertyResult[] {
  const { sigma, u, v } = got;
  if (![sigma, ...u, ...v].every(Number.isFinite)) {
    return [fail(
      "sigma, u or v is not finite (NaN or Infinity at some entry). Normalize after every multiplication, use a scaled norm, and multiply by A and Aᵀ in turn instead of forming AᵀA.",
      "sigma・u・v のどこかが有限ではありません（NaN または Infinity）。掛け算のたびに正規化し、あふれないノルムを使い、AᵀA を作らずに A と Aᵀ を交互に掛けましょう。",
    )];
  }
  // Work on A / max|a|, so that the check itself cannot overflow on matrices with entries near 1e160.
  const scale = Math.max(...A.flat().map(Math.abs));
  const As = A.map((row) => row.map((x) => x / scale));
  const S = svd(As).S;
  const sigma1 = S[0]! * scale;
  const sigma2 = (S[1] ?? 0) * scale;
  const out: PropertyResult[] = [];
  // Ratios, not values: the check runs on hidden cases too, whose σ₁ the learner must not read.
  const ratio = (sigma / sigma1).toPrecision(8);
  if (!(Math.abs(sigma - sigma1) <= rtol * sigma1)) {
    if (Math.abs(sigma - sigma1 * sigma1) <= 1e-6 * sigma1 * sigma1) {
      return [fail(
        "sigma equals σ₁², the top eigenvalue of AᵀA. The singular value is its square root, ‖Av‖ for a unit v.",
        "sigma が σ₁²、つまり AᵀA の最大固有値になっています。特異値はその平方根、つまり単位ベクトル v に対する ‖Av‖ です。",
      )];
    }
    if (sigma < sigma1 && sigma > sigma2) {
      const gap = (sigma2 / sigma1).toFixed(3);
      return [fail(
        `sigma is ${ratio} × σ₁: between σ₂ and σ₁, so the iteration has not converged. Here σ₂/σ₁ = ${gap}, and the error shrinks like (σ₂/σ₁)^(2k): run all \`iters\` rounds you are given (a fixed number of rounds is not enough for a small gap).`,
        `sigma が σ₁ の ${ratio} 倍で、σ₂ と σ₁ の間にあります。反復が収束していません。ここでは σ₂/σ₁ = ${gap} で、誤差は (σ₂/σ₁)^(2k) でしか減りません。与えられた \`iters\` 回をすべて反復しましょう（差が小さいと、決め打ちの回数では足りません）。`,
      )];
    }
    return [fail(`sigma is ${ratio} times the largest singular value σ₁.`, `sigma が最大特異値 σ₁ の ${ratio} 倍です。`)];
  }
  out.push({ ok: true, message: text("sigma is the largest singular value", "sigma は最大特異値です") });
  for (const [name, w] of [["u", u], ["v", v]] as const) {
    const len = norm(w);
    if (!(Math.abs(len - 1) <= 1e-8)) {
      return [...out, fail(`${name} has length ${len}; return unit vectors (divide by the norm).`,
        `${name} の長さが ${len} です。単位ベクトル（ノルムで割ったもの）を返しましょう。`)];
    }
  }
  out.push({ ok: true, message: text("u and v are unit vectors", "u と v は単位ベクトルです") });
  const s = sigma / scale;
  const rU = norm(As.map((row, i) => row.reduce((acc, a, j) => acc + a * v[j]!, 0) - s * u[i]!));
  const rV = norm(v.map((vj, j) => As.reduce((acc, row, i) => acc + row[j]! * u[i]!, 0) - s * vj));
  const limit = rtol * (sigma1 / scale);
  if (!(rU <= limit && rV <= limit)) {
    return [...out, fail(
      `‖Av − σu‖/σ₁ = ${(rU / (sigma1 / scale)).toExponential(2)} and ‖Aᵀu − σv‖/σ₁ = ${(rV / (sigma1 / scale)).toExponential(2)}: u and v are not the top singular vectors of A (with matching signs, Av = +σu).`,
      `‖Av − σu‖/σ₁ = ${(rU / (sigma1 / scale)).toExponential(2)}、‖Aᵀu − σv‖/σ₁ = ${(rV / (sigma1 / scale)).toExponential(2)} です。u と v が（符号のそろった、Av = +σu となる）最大特異ベクトルになっていません。`,
    )];
  }
  out.push({ ok: true, message: text("Av = σu and Aᵀu = σv", "Av = σu かつ Aᵀu = σv です") });
  return out;
}

export default defineCases({
  visible: [
    { name: "3×2 worked example", labelJa: "3×2 の計算例", args: [[[4, 0], [3, -5], [0, 3]], 50] },
    { name: "diagonal", labelJa: "対角行列", args: [[[1, 0, 0], [0, 3, 0], [0, 0, 2]], 60] },
    { name: "rank one", labelJa: "階数 1", args: [[[1, 2], [2, 4], [3, 6]], 3] },
  ],
  hidden: [
    {
      name: "gap-separated spectra",
      labelJa: "特異値に差がある行列",
      count: 3,
      generate: (rng) => [gapped(rng, rng.int(2, 12), rng.int(2, 12)), 60],
    },
    {
      name: "small gap, many rounds",
      labelJa: "特異値の差が小さく反復回数が多い",
      count: 2,
      // σ₂/σ₁ ≈ 0.95..0.98: 25 rounds leave an error of about (σ₂/σ₁)^50 ≈ 0.1, while 2000 rounds converge to
      // rounding. Only a solution that runs the `iters` rounds it is given passes.
      generate: (rng) => [gapped(rng, rng.int(4, 8), rng.int(4, 8), 1, [0.95, 0.98]), 2000],
    },
    {
      name: "many iterations",
      labelJa: "反復回数が多い",
      count: 2,
      generate: (rng) => [gapped(rng, 6, 5), 800],
      hint: text("Normalize after every multiplication, or ‖v‖ overflows after a few hundred iterations.",
        "掛け算のたびに正規化しましょう。そうしないと数百回の反復で ‖v‖ があふれます。"),
    },
    {
      name: "extreme scales (1e±160)",
      labelJa: "極端なスケール (1e±160)",
      count: 2,
      generate: (rng, i) => [gapped(rng, 5, 4, i % 2 === 0 ? 1e160 : 1e-160), 60],
      hintsWhen: [{
        // Only when something did overflow or underflow: a wrong but finite answer here has another cause.
        when: ({ got }) => { const g = got as Triple; return ![g.sigma, ...g.u, ...g.v].every((x) => Number.isFinite(x) && x !== 0) || g.sigma === 0; },
        text: text("σ₁² overflows here: multiply by A and Aᵀ in turn (never form AᵀA) and use a scaled norm such as the helper norm.",
          "ここでは σ₁² があふれます。AᵀA を作らずに A と Aᵀ を交互に掛け、ヘルパーの norm のようにスケーリングしたノルムを使いましょう。"),
      }],
    },
    {
      name: "tall and wide",
      labelJa: "縦長・横長",
      count: 2,
      generate: (rng, i) => (i % 2 === 0 ? [gapped(rng, 30, 3), 60] : [gapped(rng, 3, 30), 60]),
    },
  ],
  check: (ctx) => checkTriple(ctx.args[0] as number[][], ctx.got as Triple, ctx.tolerance.rtol),
});
