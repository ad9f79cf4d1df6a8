import { qr, svd as exactSvd } from "linalg";
import { defineCases, text, type PropertyResult, type Rng } from "../../../graders/content";

interface Factors {
  U: number[][];
  S: number[];
  Vt: number[][];
}

/** Q₁ diag(s) Q₂ᵀ with random orthonormal factors (m × n, s of length ≤ min(m, n)). */
function withSpectrum(rng: Rng, m: number, n: number, s: number[]): number[][] {
  const U = qr(rng.matrix(m, s.length)).Q;
  const V = qr(rng.matrix(n, s.length)).Q;
  return Array.from({ length: m }, (_, i) =>
    Array.from({ length: n }, (_, j) => s.reduce((acc, sk, c) => acc + U[i]![c]! * sk * V[j]![c]!, 0)),
  );
}

const fail = (en: string, ja: string): PropertyResult => ({ ok: false, kind: "property", message: text(en, ja) });
const pass = (en: string, ja: string): PropertyResult => ({ ok: true, message: text(en, ja) });

/** max |MᵀM − I| for the k columns of M. */
function orthonormalityError(M: number[][], k: number): number {
  let worst = 0;
  for (let a = 0; a < k; a++) {
    for (let b = a; b < k; b++) {
      const d = M.reduce((acc, row) => acc + row[a]! * row[b]!, 0);
      worst = Math.max(worst, Math.abs(d - (a === b ? 1 : 0)));
    }
  }
  return worst;
}

/**
 * The signature of the overflowing threshold √(αβ): at a scale where αβ overflows, no rotation happens and S comes
 * back as A's sorted column norms. Named only when both hold, and when those norms are not already the answer.
 */
function noRotationAtScale(A: number[][], S: number[]): PropertyResult | undefined {
  const amax = Math.max(0, ...A.flat().map(Math.abs));
  if (!(amax > 1e75)) return undefined;
  const tall = A.length >= (A[0]?.length ?? 0);
  const cols = tall ? A[0]!.map((_, j) => Math.hypot(...A.map((r) => r[j]!))) : A.map((r) => Math.hypot(...r));
  cols.sort((a, b) => b - a);
  const exact = exactSvd(A).S;
  const same = (x: number[], y: number[]) => x.length === y.length && x.every((v, i) => Math.abs(v - y[i]!) <= 1e-9 * (y[0] ?? 0));
  if (!same(S, cols) || same(exact, cols)) return undefined;
  return fail(
    "S equals A's column norms: no rotation happened. At this scale (entries past 1e75) αβ = ‖w_p‖²‖w_q‖² overflows to Infinity, so |γ| ≤ 1e−15·√(αβ) holds for every pair. Compare with √α·√β, or divide A by its largest entry first and multiply S back.",
    "S が A の列ノルムそのものです。回転が一度も起きていません。この大きさ（成分が 1e75 超）では αβ = ‖w_p‖²‖w_q‖² が Infinity にオーバーフローし、どの組でも |γ| ≤ 1e−15·√(αβ) が成り立ってしまいます。√α·√β と比べるか、先に A を最大成分で割って最後に S に掛け戻しましょう。",
  );
}

function checkSvd(A: number[][], got: Factors): PropertyResult[] {
  const { U, S, Vt } = got;
  const k = S.length;
  if (![...U.flat(), ...S, ...Vt.flat()].every(Number.isFinite)) {
    return [fail(
      "U, S or Vt contains NaN or Infinity. For a zero singular value, w/σ is 0/0: complete U with unit vectors orthogonal to the other columns instead.",
      "U・S・Vt に NaN または Infinity が含まれています。特異値が 0 のとき w/σ は 0/0 になります。代わりに、ほかの列と直交する単位ベクトルで U を補いましょう。",
    )];
  }
  const out: PropertyResult[] = [];
  const negative = S.findIndex((s) => s < 0);
  if (negative >= 0) {
    return [fail(
      `S[${negative}] = ${S[negative]} is negative. Singular values are norms, σ = ‖w‖ ≥ 0; flip the sign of the matching column of U instead.`,
      `S[${negative}] = ${S[negative]} が負です。特異値はノルム σ = ‖w‖ ≥ 0 です。符号は対応する U の列のほうで反転させましょう。`,
    )];
  }
  const unsorted = S.findIndex((s, i) => i > 0 && s > S[i - 1]!);
  if (unsorted >= 0) {
    return [fail(
      `S is not in descending order (S[${unsorted - 1}] = ${S[unsorted - 1]} < S[${unsorted}] = ${S[unsorted]}). Sort it, and permute U's columns and Vt's rows the same way.`,
      `S が降順になっていません（S[${unsorted - 1}] = ${S[unsorted - 1]} < S[${unsorted}] = ${S[unsorted]}）。並べ替えて、U の列と Vt の行も同じ順に並べ替えましょう。`,
    )];
  }
  out.push(pass("S is descending and non-negative", "S は降順かつ非負です"));
  const overflow = noRotationAtScale(A, S);
  if (overflow) return [...out, overflow];
  const eU = orthonormalityError(U, k);
  const eV = orthonormalityError(Vt[0]!.map((_, j) => Vt.map((row) => row[j]!)), k);
  if (!(eU <= 1e-9 && eV <= 1e-9)) {
    return [...out, fail(
      `U or V is not orthonormal (max |UᵀU − I| = ${eU.toExponential(2)}, max |VᵀV − I| = ${eV.toExponential(2)}). Keep sweeping until no pair of columns needs a rotation; complete U where σ = 0.`,
      `U または V が正規直交ではありません（max |UᵀU − I| = ${eU.toExponential(2)}、max |VᵀV − I| = ${eV.toExponential(2)}）。回転の必要な組がなくなるまでスイープを続け、σ = 0 の列は補完しましょう。`,
    )];
  }
  out.push(pass("U and V are orthonormal", "U と V は正規直交です"));
  const normA = Math.hypot(...A.flat());
  // Residuals are measured in units of ‖A‖_F, so that their squares neither overflow nor underflow at 1e±140.
  const unit = normA > 0 ? normA : 1;
  let err2 = 0;
  A.forEach((row, i) => row.forEach((a, j) => {
    err2 += ((a - S.reduce((acc, s, c) => acc + U[i]![c]! * s * Vt[c]![j]!, 0)) / unit) ** 2;
  }));
  const err = Math.sqrt(err2) * unit;
  if (!(err <= 1e-10 * normA + 1e-300)) {
    return [...out, fail(
      `U diag(S) Vt does not reconstruct A: ‖A − U diag(S) Vt‖_F = ${err.toExponential(2)} (‖A‖_F = ${normA.toExponential(2)}). Apply every rotation to both W and V, and transpose V at the end.`,
      `U diag(S) Vt が A を再現しません：‖A − U diag(S) Vt‖_F = ${err.toExponential(2)}（‖A‖_F = ${normA.toExponential(2)}）。すべての回転を W と V の両方にかけ、最後に V を転置しましょう。`,
    )];
  }
  out.push(pass("U diag(S) Vt reconstructs A", "U diag(S) Vt は A を再現します"));
  const exact = exactSvd(A).S;
  const i = S.findIndex((s, c) => !(Math.abs(s - exact[c]!) <= 1e-9 * (exact[0] ?? 0) + 1e-300));
  if (i >= 0) {
    return [...out, fail(`S[${i}] = ${S[i]}, but the singular value is ${exact[i]}.`, `S[${i}] = ${S[i]} ですが、特異値は ${exact[i]} です。`)];
  }
  out.push(pass("S equals the singular values of A", "S は A の特異値と一致します"));
  return out;
}

export default defineCases({
  visible: [
    { name: "3×2 worked example", labelJa: "3×2 の計算例", args: [[[4, 0], [3, -5], [0, 3]]] },
    { name: "2×3 (wide)", labelJa: "2×3（横長）", args: [[[1, 2, 3], [4, 5, 6]]] },
    { name: "1×1 negative", labelJa: "1×1 の負の値", args: [[[-3]]] },
    { name: "diagonal, unsorted", labelJa: "対角（並びがばらばら）", args: [[[1, 0, 0], [0, 3, 0], [0, 0, 2]]] },
    { name: "a zero column", labelJa: "零の列を含む", args: [[[1, 0], [2, 0], [2, 0]]] },
  ],
  hidden: [
    {
      name: "random square",
      labelJa: "ランダムな正方行列",
      count: 2,
      generate: (rng) => {
        const n = rng.int(2, 10);
        return [rng.matrix(n, n)];
      },
    },
    {
      name: "tall",
      labelJa: "縦長",
      count: 2,
      generate: (rng) => {
        const n = rng.int(1, 8);
        return [rng.matrix(rng.int(n + 1, 25), n)];
      },
    },
    {
      name: "wide",
      labelJa: "横長",
      count: 2,
      generate: (rng) => {
        const m = rng.int(1, 8);
        return [rng.matrix(m, rng.int(m + 1, 25))];
      },
      hint: text("For m < n, take the SVD of Aᵀ and swap U and V.", "m < n のときは Aᵀ の SVD を求め、U と V を入れ替えましょう。"),
    },
    {
      name: "rank-deficient",
      labelJa: "階数落ち",
      count: 2,
      generate: (rng) => {
        const n = rng.int(3, 7);
        return [withSpectrum(rng, n + rng.int(0, 4), n, rng.vector(rng.int(1, n - 1), (r) => r.uniform(1, 5)).sort((a, b) => b - a))];
      },
      hint: text("Where σ = 0, complete U with unit vectors orthogonal to the other columns (Gram–Schmidt on standard basis vectors).",
        "σ = 0 の列は、ほかの列と直交する単位ベクトル（標準基底ベクトルにグラム・シュミット）で補いましょう。"),
    },
    {
      name: "ill-conditioned",
      labelJa: "悪条件",
      count: 2,
      generate: (rng) => {
        const n = rng.int(3, 8);
        return [withSpectrum(rng, n + 2, n, Array.from({ length: n }, (_, i) => 10 ** (-(12 * i) / (n - 1))))];
      },
    },
    {
      name: "repeated singular values",
      labelJa: "重複した特異値",
      count: 1,
      generate: (rng) => [withSpectrum(rng, 6, 4, [3, 3, 1, 1])],
    },
    {
      name: "scaled by 1e±100 to 1e±140",
      labelJa: "1e±100〜1e±140 倍した行列",
      count: 2,
      generate: (rng, i) => {
        const n = rng.int(2, 6);
        const e = rng.int(100, 140) * (i % 2 === 0 ? 1 : -1);
        return [rng.matrix(n + rng.int(0, 3), n).map((row) => row.map((x) => x * 10 ** e))];
      },
    },
    {
      name: "zero matrix",
      labelJa: "零行列",
      count: 1,
      generate: (rng) => [Array.from({ length: rng.int(2, 4) }, () => [0, 0])],
    },
  ],
  check: (ctx) => checkSvd(ctx.args[0] as number[][], ctx.got as Factors),
});
