import { centralDiffMatrix, defineCases, text, withAnalyticGradient, type LocalizedText, type Rng } from "../../../graders/content";

/** log|det X| by LU with partial pivoting, summing logs so that large n cannot overflow. */
function logAbsDet(X: number[][]): number {
  const A = X.map((row) => row.slice());
  const n = A.length;
  let sum = 0;
  for (let k = 0; k < n; k++) {
    let p = k;
    for (let i = k + 1; i < n; i++) if (Math.abs(A[i]![k]!) > Math.abs(A[p]![k]!)) p = i;
    [A[k], A[p]] = [A[p]!, A[k]!];
    const pivot = A[k]![k]!;
    sum += Math.log(Math.abs(pivot));
    for (let i = k + 1; i < n; i++) {
      const f = A[i]![k]! / pivot;
      for (let j = k; j < n; j++) A[i]![j]! -= f * A[k]![j]!;
    }
  }
  return sum;
}

/** A well-conditioned non-symmetric matrix: random entries plus a diagonal shift. */
function general(rng: Rng, n: number): number[][] {
  return rng.matrix(n, n).map((row, i) => row.map((v, j) => (i === j ? v + 2 * Math.sqrt(n) * rng.pick([-1, 1]) : v)));
}

function spd(rng: Rng, n: number): number[][] {
  const B = rng.matrix(n, n);
  return B.map((bi, i) => B.map((bj, j) => bi.reduce((s, v, k) => s + v * bj[k]!, 0) + (i === j ? 1 : 0)));
}

function isMultipleOf(got: number[][], target: number[][], c: number): boolean {
  let diff = 0;
  let size = 0;
  got.forEach((row, i) => row.forEach((v, j) => {
    diff += (v - c * target[i]![j]!) ** 2;
    size += (c * target[i]![j]!) ** 2;
  }));
  return size > 0 && diff <= 1e-16 * size;
}

const transposeOf = (M: number[][]): number[][] => M[0]!.map((_, j) => M.map((row) => row[j]!));

export default withAnalyticGradient(defineCases({
  visible: [
    { name: "diagonal 2×2", labelJa: "2×2 の対角行列", args: [[[2, 0], [0, 4]]], expected: [[0.5, 0], [0, 0.25]] },
    {
      name: "upper triangular 2×2",
      labelJa: "2×2 の上三角行列",
      args: [[[1, 2], [0, 1]]],
      expected: [[1, 0], [-2, 1]],
      hint: text(
        "X is not symmetric here: entry (i, j) of the gradient is the derivative with respect to X[i][j], and it is not the (i, j) entry of X⁻¹.",
        "この X は対称ではありません。勾配の (i, j) 成分は X[i][j] による微分であり、X⁻¹ の (i, j) 成分とは一致しません。",
      ),
    },
    { name: "negative determinant", labelJa: "行列式が負", args: [[[0, 1], [1, 0]]], expected: [[0, 1], [1, 0]] },
    { name: "3×3 non-symmetric", labelJa: "3×3 の非対称行列", args: [[[2, 1, 0], [0, 3, 1], [1, 0, 4]]] },
  ],
  hidden: [
    { name: "symmetric positive definite", labelJa: "対称正定値", count: 2, generate: (rng) => [spd(rng, rng.int(2, 8))] },
    { name: "general invertible", labelJa: "一般の正則行列", count: 3, generate: (rng) => [general(rng, rng.int(2, 8))] },
    {
      name: "negative determinant",
      labelJa: "行列式が負",
      count: 1,
      generate: (rng) => {
        const X = spd(rng, rng.int(2, 6));
        [X[0], X[1]] = [X[1]!, X[0]!]; // one row swap flips the sign of det
        return [X];
      },
    },
    { name: "1×1", labelJa: "1×1", count: 1, generate: (rng) => [[[rng.pick([-1, 1]) * rng.uniform(0.1, 10)]]] },
    { name: "larger matrix", labelJa: "大きめの行列", count: 1, generate: (rng) => [general(rng, rng.int(12, 16))] },
  ],
  numericGradient: (args, h) => {
    const [X] = args as [number[][]];
    return { "": centralDiffMatrix(logAbsDet, X, h) };
  },
  diagnose: (ctx): LocalizedText | undefined => {
    const got = ctx.got as number[][];
    const expected = ctx.expected as number[][];
    if (isMultipleOf(got, transposeOf(expected), 1)) {
      return text(
        "Your matrix is the transpose of the gradient. It matches on symmetric X only: check which index of X⁻¹ belongs to ∂/∂X[i][j].",
        "返した行列は勾配の転置になっています。X が対称なときだけ一致します。∂/∂X[i][j] に対応するのが X⁻¹ のどの添字か確認しましょう。",
      );
    }
    const [X] = ctx.args as [number[][]];
    const absDet = Math.exp(logAbsDet(X));
    for (const s of [absDet, -absDet]) {
      if (isMultipleOf(got, expected, s) || isMultipleOf(got, transposeOf(expected), s)) {
        return text(
          "Your result is det X times the gradient: that is the gradient of det X, not of log|det X|. The chain rule divides by det X.",
          "返した結果は勾配の det X 倍で、これは log|det X| ではなく det X の勾配です。連鎖律で det X で割る必要があります。",
        );
      }
    }
    if (got.every((row, i) => row.every((v, j) => Math.abs(v * X[i]![j]! - 1) < 1e-9))) {
      return text(
        "You returned 1/X entry by entry. log|det X| couples all entries: the gradient is built from the inverse matrix, not from reciprocals.",
        "X の各成分の逆数を返しています。log|det X| はすべての成分が絡み合った関数なので、勾配は成分ごとの逆数ではなく逆行列から作られます。",
      );
    }
    return undefined;
  },
}), {
  // graders/bench/finite-difference-error.ts: central differences of the forward reach 3e-10 at best per submission (10 seeds).
  fields: [""],
  bound: 1e-12,
  measured: "3e−10",
});
