import { matmul, transpose } from "linalg";
import { defineCases, text, type LocalizedText, type Rng } from "../../../graders/content";

type M = number[][];
type Args = [M, M, M, M, M, number];

function softmaxRows(S: M): M {
  return S.map((row) => {
    const m = Math.max(...row);
    const e = row.map((v) => Math.exp(v - m));
    const t = e.reduce((a, b) => a + b, 0);
    return e.map((v) => v / t);
  });
}

/** Softmax down each column instead of along each row. */
function softmaxCols(S: M): M {
  return transpose(softmaxRows(transpose(S)));
}

interface Variant {
  /** column indices of head h */
  columns: (d: number, heads: number, h: number) => number[];
  scale: (d: number, heads: number) => number;
  softmax: (S: M) => M;
}

const contiguous = (d: number, heads: number, h: number): number[] => Array.from({ length: d / heads }, (_, k) => h * (d / heads) + k);
const interleaved = (d: number, heads: number, h: number): number[] => Array.from({ length: d / heads }, (_, k) => k * heads + h);

/** Multi-head attention with one ingredient swapped: how the diagnosis recognises a plausible mistake. */
function mha([x, Wq, Wk, Wv, Wo, heads]: Args, v: Variant): M {
  const [Q, K, V] = [Wq, Wk, Wv].map((W) => matmul(x, W)) as [M, M, M];
  const d = Wq[0]!.length;
  const concat: M = x.map(() => new Array<number>(d).fill(0));
  for (let h = 0; h < heads; h++) {
    const c = v.columns(d, heads, h);
    const pick = (A: M): M => A.map((row) => c.map((j) => row[j]!));
    const P = v.softmax(matmul(pick(Q), transpose(pick(K))).map((row) => row.map((s) => s * v.scale(d, heads))));
    // the head's output goes back to the columns it came from
    matmul(P, pick(V)).forEach((row, i) => row.forEach((val, k) => (concat[i]![c[k]!] = val)));
  }
  return matmul(concat, Wo);
}

const RIGHT: Variant = { columns: contiguous, scale: (d, h) => 1 / Math.sqrt(d / h), softmax: softmaxRows };

function problem(rng: Rng, n: number, d: number, heads: number, xScale = 1): Args {
  const w = (): M => rng.matrix(d, d, (r) => r.normal(0, 1 / Math.sqrt(d)));
  return [rng.matrix(n, d, (r) => r.normal(0, xScale)), w(), w(), w(), w(), heads];
}

/** Largest |score|/√dₕ over all heads. */
function maxScaledScore(a: Args): number {
  const [x, Wq, Wk, , , heads] = a;
  const Q = matmul(x, Wq);
  const K = matmul(x, Wk);
  const d = Wq[0]!.length;
  let worst = 0;
  for (let h = 0; h < heads; h++) {
    const c = contiguous(d, heads, h);
    for (const qi of Q) for (const kj of K) worst = Math.max(worst, Math.abs(c.reduce((s, j) => s + qi[j]! * kj[j]!, 0)) / Math.sqrt(d / heads));
  }
  return worst;
}

function close(a: M, b: M): boolean {
  return a.every((row, i) => row.every((v, j) => Math.abs(v - b[i]![j]!) <= 1e-9 * Math.abs(b[i]![j]!) + 1e-9));
}

export default defineCases({
  visible: [
    {
      name: "one token, 2 heads",
      labelJa: "トークン 1 つ・ヘッド 2 つ",
      // With one token every head attends to itself with weight 1: the output is x W_V W_O.
      args: [[[1, 2]], [[1, 0], [0, 1]], [[1, 0], [0, 1]], [[1, 0], [0, 1]], [[0, 1], [1, 0]], 2] satisfies Args,
      expected: [[2, 1]],
    },
    {
      name: "2 tokens, 2 heads, identity weights",
      labelJa: "トークン 2 つ・ヘッド 2 つ・単位行列の重み",
      args: [[[1, 0, 0, 0], [0, 0, 1, 1]], ...[0, 1, 2, 3].map(() => [[1, 0, 0, 0], [0, 1, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]]), 2] as Args,
    },
    {
      name: "3 tokens, 1 head",
      labelJa: "トークン 3 つ・ヘッド 1 つ",
      args: [[[1, 0], [0, 1], [1, 1]], [[1, 2], [0, 1]], [[1, 0], [1, 1]], [[2, 0], [0, 1]], [[1, 0], [0, 1]], 1] satisfies Args,
    },
  ],
  hidden: [
    {
      name: "heads ∈ {1, 2, 4, 8}",
      labelJa: "ヘッド数 ∈ {1, 2, 4, 8}",
      count: 4,
      generate: (rng, i) => {
        const heads = [1, 2, 4, 8][i] ?? 2;
        return problem(rng, rng.int(2, 10), heads * rng.int(1, 4), heads);
      },
    },
    {
      name: "one token (n = 1)",
      labelJa: "トークン 1 つ（n = 1）",
      count: 1,
      generate: (rng) => problem(rng, 1, 8, rng.pick([2, 4])),
    },
    {
      name: "large scores",
      labelJa: "大きなスコア",
      count: 2,
      generate: (rng) => {
        const heads = rng.pick([2, 4]);
        const a = problem(rng, rng.int(3, 8), heads * rng.int(2, 4), heads);
        // Scores grow with the square of x: rescale x so that the largest scaled score is 1000 to 2000 (> 709).
        const f = Math.sqrt(rng.uniform(1000, 2000) / maxScaledScore(a));
        a[0] = a[0].map((row) => row.map((v) => v * f));
        return a;
      },
      hint: text(
        "The scaled scores here reach 1000 to 2000, beyond 709.78 where exp overflows unless each row's maximum is subtracted first.",
        "このケースのスケール後のスコアは 1000 から 2000 に達し、exp がオーバーフローする 709.78 を超えています。各行の最大値を先に引かない限りオーバーフローします。",
      ),
    },
  ],
  diagnose: ({ args, got, expected }): LocalizedText | undefined => {
    const a = args as Args;
    const g = got as M;
    const e = expected as M;
    if (!g.flat().every(Number.isFinite)) {
      if (maxScaledScore(a) > 709) {
        return text(
          `Scaled scores here reach ${Math.round(maxScaledScore(a))}: exp overflows to Infinity beyond 709.78, and Infinity/Infinity is NaN. Subtract each row's maximum score before exp.`,
          `このケースのスケール後のスコアは ${Math.round(maxScaledScore(a))} に達します。709.78 を超えると exp は Infinity にオーバーフローし、Infinity/Infinity は NaN です。exp の前に各行の最大スコアを引きましょう。`,
        );
      }
      return undefined;
    }
    const [, Wq, , , , heads] = a;
    const d = Wq[0]!.length;
    const variants: [Variant, LocalizedText][] = [
      [{ ...RIGHT, scale: (dd) => 1 / Math.sqrt(dd) }, text(
        `You scaled the scores by 1/√d = 1/√${d}. Each head attends in its own dₕ = d/heads = ${d / heads} dimensions: the scale is 1/√(d/heads).`,
        `スコアを 1/√d = 1/√${d} でスケールしています。各ヘッドは自分の dₕ = d/heads = ${d / heads} 次元の中でアテンションをとるので、スケールは 1/√(d/heads) です。`,
      )],
      [{ ...RIGHT, columns: interleaved }, text(
        `Your heads take every ${heads}-th column (interleaved). Head h owns the contiguous block of columns h·dₕ … (h+1)·dₕ − 1, and its output goes back to the same block when the heads are concatenated.`,
        `ヘッドが ${heads} 列おきの列（飛び飛び）を使っています。ヘッド h が受け持つのは連続した列 h·dₕ … (h+1)·dₕ − 1 で、連結するときもその出力は同じ位置に戻ります。`,
      )],
      [{ ...RIGHT, softmax: softmaxCols }, text(
        "Your softmax normalises each column of the score matrix. Each query (row) needs weights over the keys that sum to 1: softmax along each row.",
        "ソフトマックスでスコア行列の各列を正規化しています。各クエリ（行）について、キーに対する重みの和が 1 になる必要があります。行ごとにソフトマックスをとりましょう。",
      )],
    ];
    for (const [v, message] of variants) {
      const alt = mha(a, v);
      if (!close(alt, e) && close(g, alt)) return message;
    }
    return undefined;
  },
});
