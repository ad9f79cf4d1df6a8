import { defineCases, text } from "../../../graders/content";
import type { LocalizedText, Rng } from "../../../graders/content";

const overflowHint = text(
  "exp overflowed on large scores: in each row, subtract that row's maximum score before exp.",
  "大きなスコアで exp がオーバーフローしました。各行で、exp の前にその行の最大スコアを引きましょう。",
);

const divisionHint = text(
  "NaN or Infinity although these inputs cannot overflow exp: look for a division by zero or a log(0). After the max shift, the denominator Σ exp(z_j − max) is at least 1.",
  "この入力では exp はオーバーフローしないのに NaN や Infinity が出ています。0 での割り算や log(0) を探しましょう。最大値でシフトすれば、分母 Σ exp(z_j − max) は 1 以上です。",
);

/** Whether exp of some of these numbers, unshifted, would overflow or underflow in float64. */
const extreme = (xs: number[]): boolean => xs.some((x) => Math.abs(x) > 700);

function isMatrix(x: unknown): x is number[][] {
  return Array.isArray(x) && x.every((r) => Array.isArray(r) && r.every((v) => typeof v === "number"));
}

/** Every scaled score Q_i·K_j/√d_k, flattened. */
function variantScores(Q: number[][], K: number[][]): number[] {
  const scale = 1 / Math.sqrt(Q[0]!.length);
  return Q.flatMap((q) => K.map((k) => q.reduce((s, x, c) => s + x * k[c]!, 0) * scale));
}

/** Attention with a given score scale and softmax axis: the yardstick for recognising typical mistakes. */
function variant(Q: number[][], K: number[][], V: number[][], scale: number, axis: "rows" | "columns"): number[][] {
  const S = Q.map((q) => K.map((k) => q.reduce((s, qc, c) => s + qc * k[c]!, 0) * scale));
  const norm = (row: number[]): number[] => {
    const m = Math.max(...row);
    const e = row.map((s) => Math.exp(s - m));
    const sum = e.reduce((a, b) => a + b, 0);
    return e.map((x) => x / sum);
  };
  let W = S.map(norm);
  if (axis === "columns") {
    const cols = K.map((_, j) => norm(S.map((row) => row[j]!)));
    W = S.map((row, i) => row.map((_, j) => cols[j]![i]!));
  }
  return W.map((w) => V[0]!.map((_, c) => w.reduce((s, wj, j) => s + wj * V[j]![c]!, 0)));
}

function near(a: number[][], b: number[][]): boolean {
  return a.length === b.length && a.every((row, i) => row.length === b[i]!.length && row.every((x, c) => Math.abs(x - b[i]![c]!) <= 1e-9 + 1e-6 * Math.abs(b[i]![c]!)));
}

function qkv(rng: Rng, nq: number, nk: number, dk: number, dv: number, sd = 1): number[][][] {
  const draw = (r: Rng): number => r.normal(0, sd);
  return [rng.matrix(nq, dk, draw), rng.matrix(nk, dk, draw), rng.matrix(nk, dv, (r) => r.normal(0, 1))];
}

const dkClass = (dk: number) => ({
  name: `d_k = ${dk}`,
  labelJa: `d_k = ${dk}`,
  count: 1,
  generate: (rng: Rng) => qkv(rng, rng.int(1, 12), rng.int(1, 12), dk, rng.int(1, 8)),
});

export default defineCases({
  visible: [
    {
      name: "identity queries and keys",
      labelJa: "単位行列のクエリとキー",
      args: [[[1, 0], [0, 1]], [[1, 0], [0, 1]], [[1, 2], [3, 4]]],
      expected: [[1.6604769013466862, 2.6604769013466862], [2.3395230986533138, 3.3395230986533138]],
    },
    {
      name: "one query, three keys",
      labelJa: "クエリ 1 つ、キー 3 つ",
      args: [[[1, 1]], [[1, 0], [0, 1], [-1, -1]], [[1], [2], [3]]],
      expected: [[1.5848210501013877]],
    },
    {
      name: "d_k = 1",
      labelJa: "d_k = 1",
      args: [[[2], [-1]], [[1], [0], [3]], [[1, 0], [0, 1], [1, 1]]],
      expected: [[0.9975717419704087, 0.9820574651966708], [0.29461548730175885, 0.7405035396575809]],
    },
    {
      name: "large scores",
      labelJa: "大きなスコア",
      args: [[[30, 40]], [[30, 40], [40, 30]], [[1, 0], [0, 1]]],
      expected: [[1, 1.9531818567221504e-31]],
      hint: text(
        "Scores of about 1768 and 1697: far beyond the range of exp, yet the weights are simply [1, e^−70.7].",
        "スコアは約 1768 と 1697 で exp の範囲を大きく超えますが、重みは単に [1, e^−70.7] です。",
      ),
    },
  ],
  hidden: [
    {
      name: "n_q ≠ n_k",
      labelJa: "n_q ≠ n_k",
      count: 2,
      generate: (rng) => {
        const nq = rng.int(1, 8);
        const nk = nq + rng.int(1, 8);
        const [Q, K, V] = qkv(rng, nq, nk, rng.int(2, 8), rng.int(1, 8));
        // Sometimes more queries than keys, sometimes fewer.
        return rng.next() < 0.5 ? [Q, K, V] : qkv(rng, nk, nq, rng.int(2, 8), rng.int(1, 8));
      },
    },
    dkClass(1),
    dkClass(8),
    dkClass(64),
    {
      name: "single key",
      labelJa: "キーが 1 つ",
      count: 1,
      // With one key every weight is 1: each output row is V's only row.
      generate: (rng) => qkv(rng, rng.int(1, 6), 1, rng.int(1, 8), rng.int(1, 6)),
    },
    {
      name: "longer sequence",
      labelJa: "長めの系列",
      count: 1,
      generate: (rng) => {
        const n = rng.int(32, 64);
        return qkv(rng, n, n, 16, 16);
      },
    },
    {
      name: "large scores",
      labelJa: "大きなスコア",
      count: 2,
      // Entries of size ~30: scores of size ~900, far beyond exp's range.
      generate: (rng) => qkv(rng, rng.int(1, 8), rng.int(2, 10), rng.pick([4, 8, 16]), rng.int(1, 6), 30),
      hint: text(
        "Entries of Q and K of size ~30 give scores of size ~1000, beyond the range of exp.",
        "Q と K の成分が 30 程度なので、スコアは 1000 程度になり exp の範囲を超えます。",
      ),
    },
  ],
  diagnose: ({ args, got, expected }): LocalizedText | undefined => {
    const [Q, K, V] = args;
    if (!isMatrix(Q) || !isMatrix(K) || !isMatrix(V) || !isMatrix(got) || !isMatrix(expected)) return undefined;
    // A typical mistake explains this output only if it really changes the answer for this input.
    const looksLike = (alt: number[][]): boolean => near(got, alt) && !near(expected, alt);
    if (got.some((row) => row.some((x) => !Number.isFinite(x)))) {
      return extreme(variantScores(Q, K)) ? overflowHint : divisionHint;
    }
    const dk = Q[0]!.length;
    if (dk > 1 && looksLike(variant(Q, K, V, 1, "rows"))) {
      return text(
        `These are unscaled scores: divide the scores by √d_k = √${dk} before the softmax, or they grow with the head dimension and the softmax saturates.`,
        `スコアがスケーリングされていません。ソフトマックスの前にスコアを √d_k = √${dk} で割りましょう。そうしないとスコアがヘッドの次元とともに大きくなり、ソフトマックスが飽和します。`,
      );
    }
    if (dk > 1 && looksLike(variant(Q, K, V, 1 / dk, "rows"))) {
      return text(
        `You divided the scores by d_k = ${dk} instead of √d_k: the variance of q·k is d_k, so its standard deviation is √d_k.`,
        `スコアを √d_k ではなく d_k = ${dk} で割っています。q·k の分散が d_k なので、標準偏差は √d_k です。`,
      );
    }
    if (K.length !== dk && looksLike(variant(Q, K, V, 1 / Math.sqrt(K.length), "rows"))) {
      return text(
        `You scaled by √n_k (the number of keys, ${K.length}) instead of √d_k (the key dimension, ${dk}).`,
        `√d_k（キーの次元 ${dk}）ではなく √n_k（キーの個数 ${K.length}）でスケーリングしています。`,
      );
    }
    if (looksLike(variant(Q, K, V, 1 / Math.sqrt(dk), "columns"))) {
      return text(
        "The softmax ran down the columns. Each query's weights must sum to 1 over the keys: normalize each row of QKᵀ/√d_k.",
        "ソフトマックスを列方向に取っています。各クエリの重みはキー全体で合計 1 にならなければなりません。QKᵀ/√d_k の各行を正規化しましょう。",
      );
    }
    return undefined;
  },
});
