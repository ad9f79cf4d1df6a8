import { frobenius, matmul, qr, sub, svd, transpose } from "linalg";
import { defineCases, text, type LocalizedText, type PropertyResult, type Rng } from "../../../graders/content";

/** A random m×n matrix with the given singular values (p = min(m, n) of them), from random orthonormal factors. */
function withSpectrum(rng: Rng, m: number, n: number, sigma: number[]): number[][] {
  const U = qr(rng.matrix(m, m)).Q;
  const V = qr(rng.matrix(n, n)).Q;
  return Array.from({ length: m }, (_, i) =>
    Array.from({ length: n }, (_, j) => sigma.reduce((s, x, l) => s + U[i]![l]! * x * V[j]![l]!, 0)),
  );
}

function lowRank(rng: Rng, m: number, n: number, r: number): number[][] {
  return matmul(rng.matrix(m, r), rng.matrix(r, n));
}

function asymmetry(M: number[][]): number {
  return frobenius(sub(M, transpose(M)));
}

function maxAbs(M: number[][]): number {
  return M.reduce((a, row) => row.reduce((b, x) => Math.max(b, Math.abs(x)), a), 0);
}

function fmt(x: number): string {
  return x.toExponential(2);
}

function property(ok: boolean, what: LocalizedText, residual: number): PropertyResult {
  return ok
    ? { ok, message: what }
    : {
        ok,
        kind: "property",
        message: text(`${what.en} fails: the residual is ${fmt(residual)}.`, `${what.ja} が成り立ちません(残差 ${fmt(residual)})。`),
      };
}

const ZERO_HINT = text(
  "A zero singular value was inverted (1/0 = Infinity): every σ ≤ rcond·σ₁ must be treated as zero, including all of them when A = 0.",
  "ゼロの特異値を逆数にしています(1/0 = Infinity)。σ ≤ rcond·σ₁ の特異値はすべて 0 として扱います。A = 0 ならすべてが該当します。",
);

export default defineCases({
  visible: [
    {
      name: "worked example (full column rank)",
      labelJa: "例題(列フルランク)",
      args: [[[4, 0], [3, -5], [0, 3]]],
      expected: [[0.2176, 0.0432, 0.072], [0.096, -0.128, 0.12]],
    },
    {
      name: "diagonal with a zero",
      labelJa: "0 を含む対角行列",
      args: [[[2, 0, 0], [0, 0, 0], [0, 0, 5]]],
      expected: [[0.5, 0, 0], [0, 0, 0], [0, 0, 0.2]],
      hint: ZERO_HINT,
    },
    {
      name: "rank-1 matrix",
      labelJa: "ランク 1 の行列",
      args: [[[1, 2], [2, 4]]],
      expected: [[0.04, 0.08], [0.08, 0.16]],
      hint: text(
        "A rank-1 matrix has σ₂ ≈ 1e-16 after rounding: it must fall under the cut-off rcond·σ₁, or 1/σ₂ explodes.",
        "ランク 1 の行列では丸め誤差で σ₂ ≈ 1e-16 が出ます。これは打ち切り rcond·σ₁ 以下として捨てないと、1/σ₂ が爆発します。",
      ),
    },
    { name: "wide 1×3", labelJa: "横長 1×3", args: [[[1, 0, 1]]], expected: [[0.5], [0], [0.5]] },
    {
      name: "explicit rcond",
      labelJa: "rcond の指定あり",
      args: [[[1, 0], [0, 1e-8]], 1e-6],
      expected: [[1, 0], [0, 0]],
      hint: text("rcond is the second argument; when it is given it replaces the default 1e-12.",
        "rcond は 2 番目の引数です。指定されたときは既定値 1e-12 の代わりにそれを使います。"),
    },
  ],
  hidden: [
    { name: "random square", labelJa: "ランダムな正方行列", count: 1, generate: (rng) => { const n = rng.int(2, 6); return [rng.matrix(n, n)]; } },
    {
      name: "tall",
      labelJa: "縦長",
      count: 2,
      generate: (rng) => { const n = rng.int(1, 5); return [rng.matrix(rng.int(n + 1, 9), n)]; },
      hint: text("For an m×n matrix, A⁺ is n×m: V Σ⁺ Uᵀ.", "m×n 行列の A⁺ は n×m の V Σ⁺ Uᵀ です。"),
    },
    {
      name: "wide",
      labelJa: "横長",
      count: 2,
      generate: (rng) => { const m = rng.int(1, 5); return [rng.matrix(m, rng.int(m + 1, 9))]; },
      hint: text("For an m×n matrix, A⁺ is n×m: V Σ⁺ Uᵀ.", "m×n 行列の A⁺ は n×m の V Σ⁺ Uᵀ です。"),
    },
    {
      name: "rank-deficient",
      labelJa: "ランク落ち",
      count: 2,
      generate: (rng) => { const r = rng.int(1, 3); return [lowRank(rng, rng.int(r + 1, 7), rng.int(r + 1, 7), r)]; },
      hint: text(
        "Singular values that should be zero come out as ~1e-16: treat σ ≤ rcond·σ₁ as zero instead of inverting them.",
        "本来 0 の特異値は 1e-16 程度の値として出てきます。σ ≤ rcond·σ₁ は逆数にせず 0 として扱いましょう。",
      ),
    },
    {
      name: "zero matrix",
      labelJa: "ゼロ行列",
      count: 1,
      generate: (rng) => {
        const m = rng.int(1, 5);
        const n = rng.int(1, 5);
        return [Array.from({ length: m }, () => new Array<number>(n).fill(0))];
      },
      hint: ZERO_HINT,
    },
    {
      name: "explicit rcond",
      labelJa: "rcond の指定あり",
      count: 1,
      generate: (rng) => {
        const m = rng.int(4, 7);
        const n = rng.int(4, 7);
        return [withSpectrum(rng, m, n, [1, 0.1, 1e-3, 1e-6]), 1e-4];
      },
      hint: text("rcond is the second argument; when it is given it replaces the default 1e-12.",
        "rcond は 2 番目の引数です。指定されたときは既定値 1e-12 の代わりにそれを使います。"),
    },
    {
      name: "tiny scale",
      labelJa: "非常に小さなスケール",
      count: 1,
      generate: (rng) => [rng.matrix(rng.int(2, 5), rng.int(2, 5)).map((row) => row.map((x) => x * 1e-14))],
      hint: text(
        "The cut-off is relative: σ ≤ rcond·σ₁, not σ ≤ rcond. A matrix of size 1e-14 is not zero; its pseudo-inverse is of size 1e14.",
        "打ち切りは相対的な基準です:σ ≤ rcond ではなく σ ≤ rcond·σ₁。大きさ 1e-14 の行列はゼロではなく、擬似逆行列は 1e14 程度になります。",
      ),
    },
    { name: "1×1 matrix", labelJa: "1×1 行列", count: 1, generate: (rng) => [[[rng.pick([0, rng.uniform(-5, 5)])]]] },
    { name: "larger", labelJa: "大きめの行列", count: 1, generate: (rng) => [rng.matrix(20, 12)] },
  ],

  /**
   * The four Penrose conditions, each relative to the size of what it compares, and a normwise comparison with
   * the reference: |X − X_ref| ≤ rtol·max|X_ref| + atol, because pinv's rounding error is relative to ‖A⁺‖,
   * not to each entry.
   */
  check: ({ args, got, expected, tolerance }) => {
    const A = args[0] as number[][];
    const rcond = (args[1] as number | undefined) ?? 1e-12;
    const X = got as number[][];
    const Xr = expected as number[][];
    const { rtol, atol } = tolerance;
    const p = Math.min(A.length, A[0]?.length ?? 0);
    const nA = frobenius(A);
    const nX = frobenius(Xr);
    const AX = matmul(A, X);
    const XA = matmul(X, A);
    // Condition 1 holds only up to the dropped singular values, each at most rcond·σ₁ ≤ rcond·‖A‖_F.
    const r1 = frobenius(sub(matmul(AX, A), A));
    const r2 = frobenius(sub(matmul(XA, X), X));
    const r3 = asymmetry(AX);
    const r4 = asymmetry(XA);
    const results: PropertyResult[] = [
      property(r1 <= (rtol + Math.sqrt(p) * rcond) * nA + atol, text("Penrose condition 1, A X A = A,", "ペンローズ条件 1(A X A = A)"), r1 / (nA || 1)),
      property(r2 <= rtol * nX + atol, text("Penrose condition 2, X A X = X,", "ペンローズ条件 2(X A X = X)"), r2 / (nX || 1)),
      property(r3 <= rtol * Math.sqrt(p) + atol, text("Penrose condition 3, (A X)ᵀ = A X,", "ペンローズ条件 3((A X)ᵀ = A X)"), r3),
      property(r4 <= rtol * Math.sqrt(p) + atol, text("Penrose condition 4, (X A)ᵀ = X A,", "ペンローズ条件 4((X A)ᵀ = X A)"), r4),
    ];
    const bound = rtol * maxAbs(Xr) + atol;
    let at: [number, number] | undefined;
    Xr.forEach((row, i) => row.forEach((x, j) => {
      if (!at && !(Math.abs(X[i]![j]! - x) <= bound)) at = [i, j];
    }));
    results.push(at
      ? { ok: false, kind: "wrong-value", details: { index: at }, message: text(`The result differs at [${at[0]}][${at[1]}] from the pseudo-inverse (relative to the largest entry of A⁺).`, `結果が [${at[0]}][${at[1]}] で擬似逆行列と一致しません(A⁺ の最大成分に対する相対誤差で判定)。`) }
      : { ok: true, message: text("agrees with the reference pseudo-inverse", "参照解の擬似逆行列と一致") });
    return results;
  },

  /** Names the two classic slips when the output has the right shape but the wrong values. */
  diagnose: ({ args, got, expected }) => {
    const A = args[0] as number[][];
    const rcond = (args[1] as number | undefined) ?? 1e-12;
    const X = got as number[][];
    const Xr = expected as number[][];
    if (!X.every((row) => row.every(Number.isFinite))) return undefined;
    const { U, S, Vt } = svd(A);
    const cutoff = rcond * (S[0] ?? 0);
    // U Σ⁺ Vᵀ has the shape of A⁺ only when A is square.
    const swapped = A.map((row, i) => row.map((_, j) => S.reduce((s, x, l) => (x > cutoff ? s + (U[i]![l]! * Vt[l]![j]!) / x : s), 0)));
    if (swapped.length === X.length && frobenius(sub(X, swapped)) <= 1e-8 * (frobenius(swapped) || 1)) {
      return text("You returned U Σ⁺ Vᵀ; the pseudo-inverse is V Σ⁺ Uᵀ (swap the roles of U and V).",
        "U Σ⁺ Vᵀ を返しています。擬似逆行列は V Σ⁺ Uᵀ です(U と V の役割を入れ替えましょう)。");
    }
    if (maxAbs(X) > 1e6 * Math.max(maxAbs(Xr), 1e-300)) {
      return text(
        "A⁺ has huge entries: a singular value at rounding-noise level was inverted. Treat σ ≤ rcond·σ₁ as zero.",
        "A⁺ に巨大な成分があります。丸め誤差レベルの特異値を逆数にしています。σ ≤ rcond·σ₁ は 0 として扱いましょう。",
      );
    }
    return undefined;
  },
});
