import { defineCases, text } from "../../../graders/content";
import type { LocalizedText, Rng } from "../../../graders/content";

const overflowHint = text(
  "exp overflowed on large scores: in each row, subtract the maximum of the allowed scores (j ≤ i) before exp.",
  "大きなスコアで exp がオーバーフローしました。各行で、exp の前に見てよいスコア（j ≤ i）の最大値を引きましょう。",
);
const maskAfterText = text(
  "Apply the mask before the softmax: set the scores with j > i to −∞ (or leave those keys out), then normalize over the allowed keys only. Masking the weights afterwards leaves rows that do not sum to 1, or, when a huge future score dominates the row maximum, allowed weights that have already underflowed to 0.",
  "マスクはソフトマックスの前にかけましょう。j > i のスコアを −∞ にして（またはそのキーを除いて）から、見てよいキーだけで正規化します。後から重みにマスクをかけると、行の合計が 1 にならなかったり、巨大な未来のスコアが行の最大値を支配して、見てよい重みがすでに 0 にアンダーフローしていたりします。",
);

function isMatrix(x: unknown): x is number[][] {
  return Array.isArray(x) && x.every((r) => Array.isArray(r) && r.every((v) => typeof v === "number"));
}

interface Variant {
  scale: "sqrt" | "none";
  /** Which keys are masked for query i. */
  masked: (i: number, j: number) => boolean;
  /** "before": −∞ scores; "after": zero the weights after a full softmax, without renormalizing. */
  when: "before" | "after";
}

/** Attention under a given (possibly wrong) masking rule: the yardstick for recognising typical mistakes. */
function variant(Q: number[][], K: number[][], V: number[][], v: Variant): number[][] {
  const scale = v.scale === "sqrt" ? 1 / Math.sqrt(Q[0]!.length) : 1;
  return Q.map((q, i) => {
    const s = K.map((k, j) => (v.when === "before" && v.masked(i, j) ? -Infinity : q.reduce((a, x, c) => a + x * k[c]!, 0) * scale));
    const m = Math.max(...s);
    const e = s.map((x) => Math.exp(x - m));
    const sum = e.reduce((a, b) => a + b, 0);
    const w = e.map((x, j) => (v.when === "after" && v.masked(i, j) ? 0 : x / sum));
    return V[0]!.map((_, c) => w.reduce((a, wj, j) => a + wj * V[j]![c]!, 0));
  });
}

function nearRows(a: number[][], b: number[][], from = 0): boolean {
  return a.length === b.length && a.every((row, i) => i < from || row.every((x, c) => Math.abs(x - b[i]![c]!) <= 1e-9 + 1e-6 * Math.abs(b[i]![c]!)));
}

function qkv(rng: Rng, n: number, dk: number, dv: number, sd = 1): number[][][] {
  return [rng.matrix(n, dk, (r) => r.normal(0, sd)), rng.matrix(n, dk, (r) => r.normal(0, sd)), rng.matrix(n, dv, (r) => r.normal(0, 1))];
}


export default defineCases({
  visible: [
    {
      name: "three positions",
      labelJa: "3 つの位置",
      args: [[[1, 0], [0, 1], [1, 1]], [[1, 0], [0, 1], [1, 1]], [[1, 2], [3, 4], [5, 6]]],
      expected: [[1, 2], [2.3395230986533138, 3.3395230986533138], [3.5104695304536615, 4.510469530453662]],
    },
    {
      name: "two positions",
      labelJa: "2 つの位置",
      args: [[[1, 2], [3, 4]], [[1, 0], [0, 1]], [[10], [20]]],
      expected: [[10], [16.697615493266568]],
    },
    { name: "one position", labelJa: "位置が 1 つ", args: [[[5]], [[-3]], [[7, -1]]], expected: [[7, -1]] },
    {
      name: "large scores",
      labelJa: "大きなスコア",
      args: [[[30, 40], [40, 30]], [[30, 40], [40, 30]], [[1, 0], [0, 1]]],
      expected: [[1, 0], [1.9531818567221504e-31, 1]],
      hint: text("Scores of about 1768 on the diagonal: far beyond the range of exp.", "対角のスコアが約 1768 で、exp の範囲を大きく超えます。"),
    },
    {
      name: "huge future score",
      labelJa: "巨大な未来のスコア",
      // Row 0 may see only key 0 (score 0); key 1 would score 1131 but is in its future.
      args: [[[0, 40], [40, 0]], [[1, 0], [0, 40]], [[1, 2], [3, 4]]],
      expected: [[1, 2], [1.0000000000010407, 2.0000000000010405]],
      hint: text(
        "Row 0 may see only key 0 (score 0), but key 1 scores about 1131 for it: a softmax over all keys leaves key 0 a weight of e^−1131 = 0.",
        "第 0 行が見てよいのはキー 0（スコア 0）だけですが、キー 1 のスコアは約 1131 です。全キーでソフトマックスを取ると、キー 0 の重みは e^−1131 = 0 になります。",
      ),
    },
  ],
  hidden: [
    {
      name: "random sequence",
      labelJa: "ランダムな系列",
      count: 2,
      generate: (rng, i) => qkv(rng, i === 0 ? rng.int(2, 8) : rng.int(32, 64), rng.int(2, 16), rng.int(1, 8)),
    },
    { name: "n = 1", labelJa: "n = 1", count: 1, generate: (rng) => qkv(rng, 1, rng.int(1, 8), rng.int(1, 4)) },
    {
      name: "head dimensions 1, 8, 64",
      labelJa: "ヘッド次元 1・8・64",
      count: 3,
      generate: (rng, i) => qkv(rng, rng.int(2, 16), [1, 8, 64][i] ?? 8, rng.int(1, 4)),
    },
    {
      name: "large scores",
      labelJa: "大きなスコア",
      count: 2,
      generate: (rng) => qkv(rng, rng.int(2, 10), rng.pick([4, 8, 16]), rng.int(1, 4), 30),
      hint: text(
        "Entries of Q and K of size ~30 give scores of size ~1000, beyond the range of exp.",
        "Q と K の成分が 30 程度なので、スコアは 1000 程度になり exp の範囲を超えます。",
      ),
    },
    {
      name: "huge future score",
      labelJa: "巨大な未来のスコア",
      count: 2,
      // Key j is stretched along query i < j so that s_ij ≈ 1000, far above every score row i may see.
      generate: (rng) => {
        const n = rng.int(3, 10);
        const dk = rng.int(2, 8);
        const [Q, K, V] = qkv(rng, n, dk, rng.int(1, 4));
        const i = rng.int(0, n - 2);
        const j = rng.int(i + 1, n - 1);
        const q = Q![i]!;
        const qq = q.reduce((a, x) => a + x * x, 0);
        K![j] = q.map((x) => (x * 1000 * Math.sqrt(dk)) / qq);
        return [Q, K, V];
      },
      hint: text(
        "Some query has a future key that scores about 1000 for it, far above every score it may see.",
        "あるクエリには、見てよいどのスコアよりもはるかに大きい約 1000 のスコアを持つ未来のキーがあります。",
      ),
    },
  ],
  diagnose: ({ args, got, expected }): LocalizedText | undefined => {
    const [Q, K, V] = args;
    if (!isMatrix(Q) || !isMatrix(K) || !isMatrix(V) || !isMatrix(got) || !isMatrix(expected)) return undefined;
    const n = Q.length;
    const causal = (i: number, j: number): boolean => j > i;
    const finiteRow = (row: number[]): boolean => row.every(Number.isFinite);
    // A typical mistake explains this output only if it really changes the answer for this input.
    const looksLike = (alt: number[][]): boolean => nearRows(got, alt) && !nearRows(expected, alt);
    const diagonalText = text(
      "Row 0 has nothing to attend to: your mask also hides the diagonal. Mask only j > i — each position may attend to itself.",
      "第 0 行に参照先がありません。マスクが対角まで隠しています。マスクするのは j > i だけにしましょう。各位置は自分自身を参照できます。",
    );
    const diagonalMasked = variant(Q, K, V, { scale: "sqrt", masked: (i, j) => j >= i, when: "before" });
    // Only telling when hiding the diagonal really changes rows 1..n−1 of this input.
    if (n > 1 && nearRows(got, diagonalMasked, 1) && !nearRows(expected, diagonalMasked, 1)) return diagonalText;
    const bad = got.findIndex((row) => !finiteRow(row));
    if (bad >= 0) {
      // Which failure these scores make possible in the first broken row: allowed scores beyond exp's range, or a
      // future score so far above the allowed ones that a softmax over every key underflows them all to 0.
      const scale = 1 / Math.sqrt(Q[0]!.length);
      const s = K.map((k) => Q[bad]!.reduce((a, x, c) => a + x * k[c]!, 0) * scale);
      const allowed = s.slice(0, bad + 1);
      const future = s.slice(bad + 1);
      const overflow = allowed.some((x) => Math.abs(x) > 700);
      const dominated = future.length > 0 && Math.max(...future) - Math.max(...allowed) > 700;
      if (overflow && dominated) return text(`${overflowHint.en} ${maskAfterText.en}`, `${overflowHint.ja}${maskAfterText.ja}`);
      if (dominated && bad === 0) return text(`${maskAfterText.en} ${diagonalText.en}`, `${maskAfterText.ja}${diagonalText.ja}`);
      if (dominated) return maskAfterText;
      if (overflow) return overflowHint;
      if (bad === 0) return diagonalText;
      return text(
        "NaN or Infinity although these scores cannot overflow exp: look for a division by zero, e.g. a row whose weights are all masked.",
        "このスコアでは exp はオーバーフローしないのに NaN や Infinity が出ています。0 での割り算（たとえば重みがすべてマスクされた行）を探しましょう。",
      );
    }
    if (n > 1 && looksLike(variant(Q, K, V, { scale: "sqrt", masked: () => false, when: "before" }))) {
      return text(
        "Your output uses future positions: without the mask, position i attends to keys j > i. Set those scores to −∞ before the softmax.",
        "出力が未来の位置を使っています。マスクがないと、位置 i が j > i のキーを参照します。ソフトマックスの前にそれらのスコアを −∞ にしましょう。",
      );
    }
    if (n > 1 && looksLike(variant(Q, K, V, { scale: "sqrt", masked: causal, when: "after" }))) return maskAfterText;
    if (n > 1 && looksLike(variant(Q, K, V, { scale: "sqrt", masked: (i, j) => j < i, when: "before" }))) {
      return text(
        "You masked the past (j < i) instead of the future (j > i): row i must see keys 0..i.",
        "未来（j > i）ではなく過去（j < i）をマスクしています。第 i 行が見るべきなのはキー 0..i です。",
      );
    }
    if (Q[0]!.length > 1 && looksLike(variant(Q, K, V, { scale: "none", masked: causal, when: "before" }))) {
      return text(
        `These are unscaled scores: divide the scores by √d_k = √${Q[0]!.length} before masking and the softmax.`,
        `スコアがスケーリングされていません。マスクとソフトマックスの前に、スコアを √d_k = √${Q[0]!.length} で割りましょう。`,
      );
    }
    return undefined;
  },
});
