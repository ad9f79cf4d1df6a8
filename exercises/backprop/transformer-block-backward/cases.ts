import { centralDiff, centralDiffMatrix, defineCases, text, withAnalyticGradient, type LocalizedText, type Rng } from "../../../graders/content";

type Matrix = number[][];
interface Params { WQ: Matrix; WK: Matrix; WV: Matrix; WO: Matrix; gamma: number[]; beta: number[] }
interface Grads { dx: Matrix; dWQ: Matrix; dWK: Matrix; dWV: Matrix; dWO: Matrix; dgamma: number[]; dbeta: number[] }

const EPS = 1e-5;

const mm = (A: Matrix, B: Matrix): Matrix => A.map((row) => B[0]!.map((_, j) => row.reduce((s, a, k) => s + a * B[k]![j]!, 0)));

/** The block's residual stream H = x + softmax(QKᵀ/√d_k)V W_O, written independently of the reference. */
function residual(x: Matrix, p: Params): Matrix {
  const Q = mm(x, p.WQ);
  const K = mm(x, p.WK);
  const V = mm(x, p.WV);
  const dk = p.WQ[0]!.length;
  const A = Q.map((q) => {
    const s = K.map((k) => q.reduce((acc, v, t) => acc + v * k[t]!, 0) / Math.sqrt(dk));
    const max = Math.max(...s);
    const e = s.map((v) => Math.exp(v - max));
    const total = e.reduce((a, b) => a + b, 0);
    return V[0]!.map((_, c) => e.reduce((acc, w, j) => acc + (w / total) * V[j]![c]!, 0));
  });
  const Z = mm(A, p.WO);
  return x.map((row, i) => row.map((v, j) => v + Z[i]![j]!));
}

function layerNormRow(h: readonly number[], gamma: readonly number[], beta: readonly number[]): number[] {
  const d = h.length;
  const mean = h.reduce((s, v) => s + v, 0) / d;
  const sd = Math.sqrt(h.reduce((s, v) => s + (v - mean) ** 2, 0) / d + EPS);
  return h.map((v, j) => (gamma[j]! * (v - mean)) / sd + beta[j]!);
}

/** L = Σ dOut ⊙ LayerNorm(H): the scalar whose gradients the learner returns. */
function loss(x: Matrix, p: Params, dOut: Matrix): number {
  return residual(x, p).reduce((s, h, i) => s + layerNormRow(h, p.gamma, p.beta).reduce((t, y, j) => t + dOut[i]![j]! * y, 0), 0);
}

/** ∂L/∂H by central differences: what a right dx must contain through the residual connection. */
function residualGradient(x: Matrix, p: Params, dOut: Matrix, h: number): Matrix {
  const H = residual(x, p);
  return H.map((row, i) => centralDiff((r) => layerNormRow(r, p.gamma, p.beta).reduce((t, y, j) => t + dOut[i]![j]! * y, 0), row, h));
}

/** Weights scaled by 1/(xScale·√rows), so that the attention scores stay of order 1 whatever the size of x. */
function block(rng: Rng, n: number, d: number, dk: number, dv: number, xScale = 1): unknown[] {
  const w = (rows: number, cols: number, s = 1): Matrix => rng.matrix(rows, cols, (r) => r.normal(0, 1 / (s * Math.sqrt(rows))));
  const params: Params = {
    WQ: w(d, dk, xScale),
    WK: w(d, dk, xScale),
    WV: w(d, dv),
    WO: w(dv, d),
    gamma: rng.vector(d, (r) => r.normal(1, 0.3)),
    beta: rng.vector(d, (r) => r.normal(0, 0.3)),
  };
  return [rng.matrix(n, d, (r) => r.normal(0, xScale)), params, rng.matrix(n, d)];
}

const flat = (M: Matrix | number[]): number[] => (M as (number | number[])[]).flat();

function nearlyEqual(a: readonly number[], b: readonly number[], tol: number): boolean {
  const scale = Math.max(1e-300, ...b.map(Math.abs));
  return a.length === b.length && a.every((v, j) => Math.abs(v - b[j]!) <= tol * scale);
}

export default withAnalyticGradient(defineCases({
  visible: [
    {
      name: "two tokens, d = 3",
      labelJa: "トークン 2 つ、d = 3",
      args: [
        [[1, 0, -1], [0.5, 2, 0]],
        {
          WQ: [[1, 0], [0, 1], [0.5, -0.5]],
          WK: [[0.5, 0], [0, 0.5], [1, 1]],
          WV: [[1, 0], [0, 1], [1, -1]],
          WO: [[0.5, -0.5, 0], [0, 0.5, 0.5]],
          gamma: [1, 1, 1],
          beta: [0, 0, 0],
        },
        [[1, -1, 0.5], [0, 0.5, -0.5]],
      ],
    },
    {
      name: "three tokens, d = 4, d_v = 2",
      labelJa: "トークン 3 つ、d = 4、d_v = 2",
      args: [
        [[0.2, -0.4, 1, 0], [1, 1, -1, 0.5], [-0.5, 0, 0.3, 2]],
        {
          WQ: [[0.5, 0.1], [-0.2, 0.4], [0.3, 0], [0, -0.6]],
          WK: [[0.1, 0.2], [0.7, -0.1], [0, 0.5], [-0.4, 0.3]],
          WV: [[0.6, 0], [0, -0.5], [0.2, 0.2], [-0.3, 0.4]],
          WO: [[0.5, 0, -0.5, 0.25], [0, 0.75, 0.1, -0.2]],
          gamma: [1.2, 0.8, 1, 0.5],
          beta: [0.1, 0, -0.1, 0.2],
        },
        [[0.3, -0.2, 0.1, 0.4], [-1, 0.5, 0, 0.2], [0.6, 0, -0.3, -0.1]],
      ],
    },
    {
      name: "one token",
      labelJa: "トークン 1 つ",
      args: [
        [[1, -2, 0.5]],
        {
          WQ: [[1, 0], [0, 1], [1, 1]],
          WK: [[0, 1], [1, 0], [1, -1]],
          WV: [[0.5, 0.5], [-0.5, 0], [0, 1]],
          WO: [[1, 0, 0.5], [0, -1, 0.5]],
          gamma: [1, 2, 0.5],
          beta: [0, 0, 0],
        },
        [[0.2, -0.1, 0.3]],
      ],
      hint: text(
        "With one token, the softmax over a single score is 1 whatever the score: dWQ and dWK are exactly 0.",
        "トークンが 1 つなら、スコア 1 つの softmax はスコアによらず 1 です。dWQ と dWK はちょうど 0 になります。",
      ),
    },
  ],
  hidden: [
    { name: "random block", labelJa: "ランダムなブロック", count: 3, generate: (rng) => block(rng, rng.int(2, 5), rng.int(3, 6), rng.int(2, 4), rng.int(2, 4)) },
    { name: "single token", labelJa: "トークン 1 つ", count: 1, generate: (rng) => block(rng, 1, rng.int(3, 5), rng.int(2, 3), rng.int(2, 3)) },
    { name: "wide values, d_v > d", labelJa: "幅の広いバリュー（d_v > d）", count: 1, generate: (rng) => { const d = rng.int(3, 4); return block(rng, rng.int(2, 4), d, 2, d + rng.int(1, 3)); } },
    { name: "large residual stream", labelJa: "大きな残差ストリーム", count: 1, generate: (rng) => block(rng, rng.int(2, 4), rng.int(3, 5), rng.int(2, 3), rng.int(2, 3), 4) },
  ],
  numericGradient: (args, h) => {
    const [x, p, dOut] = args as [Matrix, Params, Matrix];
    const withP = (key: keyof Params) => (v: Matrix | number[]): number => loss(x, { ...p, [key]: v }, dOut);
    return {
      dx: centralDiffMatrix((X) => loss(X, p, dOut), x, h),
      dWQ: centralDiffMatrix(withP("WQ"), p.WQ, h),
      dWK: centralDiffMatrix(withP("WK"), p.WK, h),
      dWV: centralDiffMatrix(withP("WV"), p.WV, h),
      dWO: centralDiffMatrix(withP("WO"), p.WO, h),
      dgamma: centralDiff(withP("gamma"), p.gamma, h),
      dbeta: centralDiff(withP("beta"), p.beta, h),
    };
  },
  diagnose: (ctx): LocalizedText | undefined => {
    const got = ctx.got as Grads;
    const expected = ctx.expected as Grads;
    const [x, p, dOut] = ctx.args as [Matrix, Params, Matrix];
    // LayerNorm ignores a constant added to a row of H, and adding c to a row of W_O does exactly that, so a right
    // dW_O has rows summing to 0. Without the mean term, dH gains a constant per row and dW_O a constant per row.
    if (got.dWO.length !== expected.dWO.length || got.dWO[0]?.length !== expected.dWO[0]?.length) return undefined;
    const diff = got.dWO.map((row, k) => row.map((v, j) => v - expected.dWO[k]![j]!));
    const size = expected.dWO.flat().reduce((s, v) => s + Math.abs(v), 0);
    const rowsConstant = diff.every((row) => row.every((v) => Math.abs(v - row[0]!) <= 1e-9 * size));
    if (rowsConstant && diff.some((row) => Math.abs(row[0]!) > 1e-7 * size)) {
      return text(
        "The rows of your dW_O do not sum to 0. LayerNorm ignores a constant added to a row of its input, and adding a constant to a row of W_O does exactly that; so LayerNorm's gradient dH has rows summing to 0: is its mean term (−mean(γ ⊙ dOut)) missing?",
        "dW_O の各行の和が 0 になっていません。LayerNorm は入力の行に定数を足しても出力が変わらず、W_O の行に定数を足すとまさにそうなります。したがって LayerNorm の勾配 dH の各行の和は 0 のはずです。平均の項（−mean(γ ⊙ dOut)）が抜けていませんか？",
      );
    }
    const dk = p.WQ[0]!.length;
    const scoreSideWrong = !nearlyEqual(flat(got.dWQ), flat(expected.dWQ), 1e-6) || !nearlyEqual(flat(got.dWK), flat(expected.dWK), 1e-6);
    const valueSideRight = (["dWV", "dWO", "dgamma", "dbeta"] as const).every((k) => nearlyEqual(flat(got[k]), flat(expected[k]), 1e-6));
    const scoreBothWrong = !nearlyEqual(flat(got.dWQ), flat(expected.dWQ), 1e-6) && !nearlyEqual(flat(got.dWK), flat(expected.dWK), 1e-6);
    if (valueSideRight && scoreSideWrong && scoreBothWrong) {
      if (dk > 1 && nearlyEqual(flat(got.dWQ), flat(expected.dWQ).map((v) => v * Math.sqrt(dk)), 1e-6) && nearlyEqual(flat(got.dWK), flat(expected.dWK).map((v) => v * Math.sqrt(dk)), 1e-6)) {
        return text(
          `dW_Q and dW_K are √d_k = ${Math.sqrt(dk).toPrecision(4)} times too large: the scores are QKᵀ/√d_k, so the 1/√d_k scale carries into dQ and dK.`,
          `dW_Q と dW_K が √d_k = ${Math.sqrt(dk).toPrecision(4)} 倍大きすぎます。スコアは QKᵀ/√d_k なので、1/√d_k の係数は dQ と dK にもかかります。`,
        );
      }
      return text(
        "dW_V, dW_O, dγ and dβ are right but dW_Q and dW_K are not: the error lies between the scores and the probabilities. Each row of the softmax needs its full Jacobian diag(p) − ppᵀ, and the scores carry the factor 1/√d_k.",
        "dW_V、dW_O、dγ、dβ は正しいのに dW_Q と dW_K が違います。誤りはスコアから確率までの間にあります。softmax の各行には完全なヤコビアン diag(p) − ppᵀ が必要で、スコアには 1/√d_k の係数がかかっています。",
      );
    }
    const weightsRight = (["dWQ", "dWK", "dWV", "dWO"] as const).every((k) => nearlyEqual(flat(got[k]), flat(expected[k]), 1e-6));
    if (weightsRight && !nearlyEqual(flat(got.dx), flat(expected.dx), 1e-6)) {
      const missing = flat(expected.dx).map((v, j) => v - flat(got.dx)[j]!);
      if (nearlyEqual(missing, flat(residualGradient(x, p, dOut, 1e-6)), 1e-5)) {
        return text(
          "Your weight gradients are right but dx misses exactly the gradient of the residual connection: H = x + attention(…)W_O, so x also receives LayerNorm's gradient dH directly.",
          "重みの勾配は正しいのに、dx から残差接続の勾配がちょうど抜けています。H = x + attention(…)W_O なので、x は LayerNorm の勾配 dH を直接にも受け取ります。",
        );
      }
      return text(
        "Your weight gradients are right but dx is not: x reaches the output four ways (the residual connection and the three projections xW_Q, xW_K, xW_V), and dx is the sum of all four.",
        "重みの勾配は正しいのに dx が違います。x が出力に届く経路は 4 つ（残差接続と 3 つの射影 xW_Q、xW_K、xW_V）あり、dx はその 4 つの和です。",
      );
    }
    return undefined;
  },
}), {
  // graders/bench/finite-difference-error.ts: central differences of the forward reach 3e-10 at best per submission (10 seeds).
  fields: ["dx", "dWQ", "dWK", "dWV", "dWO", "dgamma", "dbeta"],
  bound: 1e-12,
  measured: "3e−10",
});
