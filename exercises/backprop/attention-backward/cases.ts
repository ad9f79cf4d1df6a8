import { centralDiffMatrix, defineCases, text, withAnalyticGradient, type LocalizedText, type Rng } from "../../../graders/content";

type Matrix = number[][];
type Grads = { dQ: Matrix; dK: Matrix; dV: Matrix };

/** The forward pass the gradients are checked against: L = Σ dOut ⊙ softmax(QKᵀ/√d)V, with a max-shifted softmax. */
function loss(Q: Matrix, K: Matrix, V: Matrix, dOut: Matrix): number {
  const d = Q[0]!.length;
  let L = 0;
  Q.forEach((q, i) => {
    const s = K.map((k) => q.reduce((acc, v, t) => acc + v * k[t]!, 0) / Math.sqrt(d));
    const max = Math.max(...s);
    const e = s.map((v) => Math.exp(v - max));
    const total = e.reduce((a, b) => a + b, 0);
    dOut[i]!.forEach((g, c) => {
      L += g * e.reduce((acc, w, j) => acc + (w / total) * V[j]![c]!, 0);
    });
  });
  return L;
}

function problem(rng: Rng, nq: number, nk: number, d: number, dv: number): unknown[] {
  return [rng.matrix(nq, d), rng.matrix(nk, d), rng.matrix(nk, dv), rng.matrix(nq, dv)];
}

/**
 * Scores near 2000 (exp overflows) whose differences stay of order 1, so the softmax is far from one-hot and the
 * gradients are large enough to measure: every query and key carries a shared coordinate of size 60 on which
 * the other coordinates of the keys are orthogonal.
 */
function largeScores(rng: Rng): unknown[] {
  const d = rng.int(2, 6);
  const nq = rng.int(1, 4);
  const nk = rng.int(2, 5);
  const dv = rng.int(1, 4);
  const Q = rng.matrix(nq, d).map((row) => [...row.slice(0, d - 1), 60]);
  const K = rng.matrix(nk, d).map((row) => [...row.slice(0, d - 1), 60]);
  return [Q, K, rng.matrix(nk, dv), rng.matrix(nq, dv)];
}

/** The scaled scores S = QKᵀ/√d. */
function scores(Q: Matrix, K: Matrix): Matrix {
  const d = Q[0]!.length;
  return Q.map((q) => K.map((k) => q.reduce((acc, v, t) => acc + v * k[t]!, 0) / Math.sqrt(d)));
}

/** Mᵀ·dOut, the dV that a weight matrix M (n_q × n_k) in place of P would give. */
function dVFrom(M: Matrix, dOut: Matrix): Matrix {
  return M[0]!.map((_, j) => dOut[0]!.map((_, c) => M.reduce((acc, row, i) => acc + row[j]! * dOut[i]![c]!, 0)));
}

/** Softmax over each column of S (over the queries) instead of each row. */
function columnSoftmax(S: Matrix): Matrix {
  const cols = S[0]!.map((_, j) => {
    const col = S.map((r) => r[j]!);
    const max = Math.max(...col);
    const e = col.map((v) => Math.exp(v - max));
    const total = e.reduce((a, b) => a + b, 0);
    return e.map((v) => v / total);
  });
  return S.map((r, i) => r.map((_, j) => cols[j]![i]!));
}

function ratioOf(got: Matrix, expected: Matrix): number | undefined {
  const g = got.flat();
  const e = expected.flat();
  const ee = e.reduce((s, v) => s + v * v, 0);
  if (ee === 0 || g.length !== e.length) return undefined;
  const c = g.reduce((s, v, j) => s + v * e[j]!, 0) / ee;
  const rest = g.reduce((s, v, j) => s + (v - c * e[j]!) ** 2, 0);
  return rest <= 1e-14 * ee ? c : undefined;
}

/**
 * Scores of moderate size: there a softmax shifted by the row max or by the row's logsumexp agree to rounding. With
 * scores near 2000 a shift by logsumexp keeps only ε·|s| ≈ 4e−13 of P: that class is left to the gradient check.
 */
function moderateScores(args: unknown[]): boolean {
  const [Q, K] = args as [Matrix, Matrix];
  return scores(Q, K).every((row) => row.every((v) => Math.abs(v) <= 50));
}

export default withAnalyticGradient(defineCases({
  visible: [
    {
      name: "one query, two keys",
      labelJa: "クエリ 1 つ、キー 2 つ",
      args: [[[1, 0]], [[1, 0], [0, 1]], [[1, 2], [3, -4]], [[1, 0.5]]],
    },
    {
      name: "two queries, three keys",
      labelJa: "クエリ 2 つ、キー 3 つ",
      args: [[[0.5, -1], [1, 1]], [[1, 0], [0, 1], [-1, 1]], [[1], [0], [2]], [[1], [-0.5]]],
    },
    {
      name: "d = 4, values of width 3",
      labelJa: "d = 4、値の幅 3",
      args: [
        [[0.2, -0.1, 0.4, 1], [1, 0, -1, 0.5]],
        [[0.3, 0.3, -0.2, 0.1], [-1, 0.5, 0, 2], [0, 1, 1, -1]],
        [[1, 0, -1], [0.5, 2, 0], [-1, 1, 1]],
        [[1, 0, 0], [0, -1, 2]],
      ],
    },
  ],
  hidden: [
    {
      name: "random, n_q ≠ n_k",
      labelJa: "ランダム（n_q ≠ n_k）",
      count: 3,
      generate: (rng) => {
        const nq = rng.int(1, 6);
        return problem(rng, nq, nq + rng.int(1, 4), rng.int(2, 8), rng.int(1, 6));
      },
    },
    { name: "d = 8, square", labelJa: "d = 8、正方", count: 1, generate: (rng) => { const n = rng.int(2, 6); return problem(rng, n, n, 8, rng.int(2, 5)); } },
    { name: "d = 1", labelJa: "d = 1", count: 1, generate: (rng) => problem(rng, rng.int(1, 5), rng.int(2, 5), 1, rng.int(1, 3)) },
    {
      name: "large scores",
      labelJa: "大きなスコア",
      count: 2,
      generate: largeScores,
      hint: text(
        "If only these cases fail: the scores are near 2000 here, and exp overflows unless each row of scores is shifted by its max before the softmax.",
        "このクラスだけが失敗する場合：ここではスコアが 2000 前後なので、softmax の前に各行からその最大値を引かないと exp がオーバーフローします。",
      ),
    },
    { name: "single key", labelJa: "キーが 1 つ", count: 1, generate: (rng) => problem(rng, rng.int(1, 4), 1, rng.int(2, 5), rng.int(1, 3)) },
  ],
  numericGradient: (args, h) => {
    const [Q, K, V, dOut] = args as [Matrix, Matrix, Matrix, Matrix];
    return {
      dQ: centralDiffMatrix((X) => loss(X, K, V, dOut), Q, h),
      dK: centralDiffMatrix((X) => loss(Q, X, V, dOut), K, h),
      dV: centralDiffMatrix((X) => loss(Q, K, X, dOut), V, h),
    };
  },
  diagnose: (ctx): LocalizedText | undefined => {
    const got = ctx.got as Grads;
    const expected = ctx.expected as Grads;
    const [Q, K, , dOut] = ctx.args as [Matrix, Matrix, Matrix, Matrix];
    const d = Q[0]!.length;
    const S = scores(Q, K);
    const topScore = Math.max(...S.flat());
    const nonFinite = [got.dQ, got.dK, got.dV].some((M) => M.flat().some((v) => !Number.isFinite(v)));
    if (nonFinite && topScore > 709) {
      return text(
        "Your gradients contain NaN or Infinity, and some scores of this case exceed 709.78: exp of anything above that is Infinity in float64, so an unshifted softmax gives Infinity/Infinity = NaN. Shift each row of scores by its max before exp (the softmax is unchanged).",
        "勾配に NaN か Infinity が含まれていて、このケースには 709.78 を超えるスコアがあります。float64 ではそれを超える値の exp は Infinity なので、シフトしない softmax は Infinity/Infinity = NaN になります。exp の前に各行のスコアからその行の最大値を引きましょう（softmax の値は変わりません）。",
      );
    }
    if (nonFinite) return undefined;
    const same = (a: Matrix, b: Matrix) => { const r = ratioOf(a, b); return r !== undefined && Math.abs(r - 1) < 1e-9 && a.flat().every((v, i) => Math.abs(v - b.flat()[i]!) <= 1e-9 * (1 + Math.abs(b.flat()[i]!))); };
    // A ratio names a cause only where it is exact for every entry, not just on average (a 1×1 matrix has a ratio to anything).
    const exactly = (a: Matrix, b: Matrix, c: number) => a.flat().length > 1 && !same(a, b) && b.flat().some((v) => v !== 0) && a.flat().every((v, i) => Math.abs(v - c * b.flat()[i]!) <= 1e-6 * (1e-12 + Math.max(...b.flat().map(Math.abs))));
    if (d > 1) {
      if (exactly(got.dQ, expected.dQ, Math.sqrt(d)) || exactly(got.dK, expected.dK, Math.sqrt(d))) {
        return text(
          `dQ or dK is √d = ${Math.sqrt(d).toPrecision(4)} times too large: the scores are QKᵀ/√d, so the 1/√d scale carries into both gradients.`,
          `dQ または dK が √d = ${Math.sqrt(d).toPrecision(4)} 倍大きすぎます。スコアは QKᵀ/√d なので、1/√d の係数は両方の勾配にかかります。`,
        );
      }
    }
    // dV built from another weight matrix than P: named only when dV equals that product exactly and P's does not.
    if (got.dV.flat().length > 1 && !same(got.dV, expected.dV)) {
      if (same(got.dV, dVFrom(S, dOut))) {
        return text(
          "dV is Sᵀ·dOut, built from the raw scores S = QKᵀ/√d: the output is P·V with the softmax probabilities P, so dV = Pᵀ·dOut.",
          "dV が生のスコア S = QKᵀ/√d から作った Sᵀ·dOut になっています。出力は softmax の確率 P を使った P·V なので、dV = Pᵀ·dOut です。",
        );
      }
      if (same(got.dV, dVFrom(columnSoftmax(S), dOut))) {
        return text(
          "dV matches a softmax taken over each column of the scores (over the queries): attention normalises each row, one query's weights over all keys, so every row of P sums to 1.",
          "dV がスコアの各列（クエリ方向）でとった softmax に一致します。アテンションは各行、つまり 1 つのクエリのすべてのキーに対する重みを正規化するので、P の各行の和が 1 になります。",
        );
      }
    }
    // The softmax's backward feeds both dQ and dK, so it is named only when dV is right and both of them are wrong.
    if (same(got.dV, expected.dV) && !same(got.dQ, expected.dQ) && !same(got.dK, expected.dK)) {
      return text(
        "dV is right but dQ and dK are not, so the error is in the backward pass through the softmax: each row's probabilities depend on all scores of that row, so dS needs the full Jacobian diag(p) − ppᵀ, not p(1 − p) alone.",
        "dV は正しいのに dQ と dK が違うので、softmax を通る逆伝播に誤りがあります。各行の確率はその行のすべてのスコアに依存するので、dS には p(1 − p) だけではなくヤコビアン全体 diag(p) − ppᵀ が必要です。",
      );
    }
    return undefined;
  },
}), {
  // graders/bench/finite-difference-error.ts: central differences of the forward reach 1e-10 at best per submission (10 seeds, scores within ±50).
  fields: ["dQ", "dK", "dV"],
  bound: 1e-12,
  measured: "1e−10",
  applies: moderateScores,
});
