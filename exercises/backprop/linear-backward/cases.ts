import { centralDiff, centralDiffMatrix, defineCases, text, type LocalizedText, type Rng } from "../../../graders/content";

type Grads = { dx: number[][]; dW: number[][]; db: number[] };

/** The forward pass the gradients are checked against: L = Σ dy ⊙ (xW + b). */
function loss(x: number[][], W: number[][], b: readonly number[], dy: number[][]): number {
  let L = 0;
  x.forEach((row, i) => {
    b.forEach((bj, j) => {
      const y = row.reduce((s, v, k) => s + v * W[k]![j]!, 0) + bj;
      L += dy[i]![j]! * y;
    });
  });
  return L;
}

/**
 * The same central differences for a layer too large to run the whole forward pass twice per entry: L is a sum of
 * terms dy_ij·x_ik·W_kj (+ dy_ij·b_j), so perturbing one entry changes only the terms that contain it. Those terms are
 * evaluated at +h and −h and differenced, which is exactly (L(+h) − L(−h)) / 2h without the unchanged terms.
 */
function incrementalDiff(x: number[][], W: number[][], dy: number[][], h: number): Record<string, unknown> {
  const n = x.length;
  const dOut = W[0]!.length;
  const dx = x.map((row, i) => row.map((xik, k) => {
    let plus = 0;
    let minus = 0;
    for (let j = 0; j < dOut; j++) {
      plus += dy[i]![j]! * ((xik + h) * W[k]![j]!);
      minus += dy[i]![j]! * ((xik - h) * W[k]![j]!);
    }
    return (plus - minus) / (2 * h);
  }));
  const dW = W.map((row, k) => row.map((wkj, j) => {
    let plus = 0;
    let minus = 0;
    for (let i = 0; i < n; i++) {
      plus += dy[i]![j]! * (x[i]![k]! * (wkj + h));
      minus += dy[i]![j]! * (x[i]![k]! * (wkj - h));
    }
    return (plus - minus) / (2 * h);
  }));
  const db = Array.from({ length: dOut }, (_, j) => {
    let plus = 0;
    let minus = 0;
    for (let i = 0; i < n; i++) {
      plus += dy[i]![j]! * h;
      minus += dy[i]![j]! * -h;
    }
    return (plus - minus) / (2 * h);
  });
  return { dx, dW, db };
}

function layer(rng: Rng, n: number, dIn: number, dOut: number): unknown[] {
  return [rng.matrix(n, dIn), rng.matrix(dIn, dOut, (r) => r.normal(0, 1 / Math.sqrt(dIn))), rng.matrix(n, dOut)];
}

const shapeHint = text(
  "Every gradient has the shape of what it differentiates: dx like x (n×d_in), dW like W (d_in×d_out), db like b (d_out).",
  "勾配は微分する対象と同じ形になります。dx は x と同じ n×d_in、dW は W と同じ d_in×d_out、db は b と同じ長さ d_out です。",
);

export default defineCases({
  visible: [
    {
      name: "batch of two, 3 → 2",
      labelJa: "バッチ 2、3 → 2",
      args: [[[1, 2, 3], [0, -1, 1]], [[1, 0], [2, 1], [-1, 3]], [[1, -1], [0.5, 2]]],
      expected: { dx: [[1, 1, -4], [0.5, 3, 5.5]], dW: [[1, -1], [1.5, -4], [3.5, -1]], db: [1.5, 1] },
      hint: shapeHint,
    },
    {
      name: "one example, 2 → 3",
      labelJa: "1 サンプル、2 → 3",
      args: [[[2, -1]], [[1, 2, 3], [4, 5, 6]], [[1, 0, -1]]],
      hint: shapeHint,
    },
    {
      name: "square W, three examples",
      labelJa: "正方の W、3 サンプル",
      args: [[[1, 0], [0, 1], [1, 1]], [[1, 2], [3, 4]], [[1, 0], [0, 1], [2, -1]]],
    },
  ],
  hidden: [
    { name: "random layer", labelJa: "ランダムな層", count: 3, generate: (rng) => layer(rng, rng.int(2, 8), rng.int(1, 10), rng.int(1, 10)), hint: shapeHint },
    { name: "square weights", labelJa: "正方の重み", count: 1, generate: (rng) => { const d = rng.int(2, 8); return layer(rng, rng.int(2, 6), d, d); } },
    { name: "batch of one", labelJa: "バッチサイズ 1", count: 1, generate: (rng) => layer(rng, 1, rng.int(1, 8), rng.int(1, 8)) },
    { name: "large batch", labelJa: "大きなバッチ", count: 1, generate: (rng) => layer(rng, 64, rng.int(4, 8), rng.int(4, 8)) },
    {
      name: "wide layer (32 × 128 → 128)",
      labelJa: "幅の広い層（32 × 128 → 128）",
      count: 1,
      // About 20,000 inputs and parameters: the analytic products take ~0.5M multiply-adds each, while finite
      // differences of a forward pass need two passes of ~0.5M per parameter (~2e10): far past the time limit.
      generate: (rng) => layer(rng, 32, 128, 128),
      hint: text(
        "If this case ran past its time limit: it has about 20,000 inputs and parameters, and a gradient by finite differences of your own forward pass needs two forward passes per parameter (about 2·10¹⁰ operations). Compute dx = dy·Wᵀ, dW = xᵀ·dy and db = Σ dy directly.",
        "このケースが時間制限を超えた場合：入力とパラメータは約 20,000 個あり、自分の順伝播の差分で勾配を求めるとパラメータ 1 つにつき順伝播 2 回（合計約 2·10¹⁰ 回の演算）が必要です。dx = dy·Wᵀ、dW = xᵀ·dy、db = Σ dy を直接計算しましょう。",
      ),
    },
  ],
  numericGradient: (args, h) => {
    const [x, W, dy] = args as [number[][], number[][], number[][]];
    const b = new Array<number>(W[0]!.length).fill(0);
    if (W.length * W[0]!.length > 4096) return incrementalDiff(x, W, dy, h);
    return {
      dx: centralDiffMatrix((X) => loss(X, W, b, dy), x, h),
      dW: centralDiffMatrix((V) => loss(x, V, b, dy), W, h),
      db: centralDiff((c) => loss(x, W, c, dy), b, h),
    };
  },
  diagnose: (ctx): LocalizedText | undefined => {
    const got = ctx.got as Grads;
    const expected = ctx.expected as Grads;
    const n = (ctx.args[0] as number[][]).length;
    const sameAs = (a: readonly number[], b: readonly number[], c: number): boolean => a.every((v, j) => Math.abs(v - c * b[j]!) <= 1e-9 * (1 + Math.abs(b[j]!)));
    const dy = ctx.args[2] as number[][];
    if (n > 1 && sameAs(got.db, dy[0]!, 1) && !sameAs(expected.db, dy[0]!, 1) && !sameAs(got.db, expected.db, 1 / n)) {
      return text(
        "db is the first row of dy: the bias is added to every row of the batch, so db sums dy over all rows.",
        "db が dy の最初の行になっています。バイアスはバッチのすべての行に足されるので、db は dy をすべての行について足したものです。",
      );
    }
    if (n > 1 && sameAs(got.db, expected.db, 1 / n)) {
      return text(
        "db is the mean of dy over the batch; the bias is added to every row, so its gradient is the sum over the batch.",
        "db が dy のバッチ平均になっています。バイアスはすべての行に足されるので、その勾配はバッチについての和です。",
      );
    }
    const flatGot = got.dW.flat();
    const flatExp = expected.dW.flat();
    if (n > 1 && flatGot.length === flatExp.length && sameAs(flatGot, flatExp, 1 / n)) {
      return text(
        "dW is divided by the batch size: the sum over the batch is already in the matrix product. Averaging belongs in the loss, which dy already reflects.",
        "dW がバッチサイズで割られています。バッチについての和は行列積の中に含まれています。平均をとるなら損失の側で行うもので、その効果はすでに dy に入っています。",
      );
    }
    // dx = dy·W instead of dy·Wᵀ: only a square W gives it the right shape, and then only the values show it.
    const W = ctx.args[1] as number[][];
    if (W.length === W[0]!.length && got.dx.length === dy.length) {
      const dyW = dy.map((g) => W.map((_, k) => g.reduce((s, gj, j) => s + gj * W[j]![k]!, 0)));
      const flatDyW = dyW.flat();
      const flatDx = got.dx.flat();
      if (flatDx.length === flatDyW.length && sameAs(flatDx, flatDyW, 1) && !sameAs(expected.dx.flat(), flatDyW, 1)) {
        return text(
          "dx is dy·W, with W's indices swapped: dx_ik = Σ_j dy_ij W_kj, so dx = dy·Wᵀ. A square W hides the mistake in the shape; only the values show it.",
          "dx が dy·W になっていて、W の添字が入れ替わっています。dx_ik = Σ_j dy_ij W_kj なので dx = dy·Wᵀ です。W が正方だと形は合ってしまい、値にしか現れません。",
        );
      }
    }
    return undefined;
  },
});
