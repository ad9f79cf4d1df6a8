import { defineCases, text } from "../../../graders/content";

const eye = (n: number): number[][] => Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));

/** B ⊗ A, computed independently of the reference, to recognize the swapped order. */
function swapped(A: number[][], B: number[][]): number[][] {
  const out: number[][] = [];
  for (const bRow of B) for (const aRow of A) out.push(bRow.flatMap((b) => aRow.map((a) => b * a)));
  return out;
}

export default defineCases({
  visible: [
    {
      name: "2×2 ⊗ 2×2",
      labelJa: "2×2 ⊗ 2×2",
      args: [[[1, 2], [3, 4]], [[0, 5], [6, 7]]],
      expected: [[0, 5, 0, 10], [6, 7, 12, 14], [0, 15, 0, 20], [18, 21, 24, 28]],
    },
    { name: "I₂ ⊗ B (block diagonal)", labelJa: "I₂ ⊗ B（ブロック対角）", args: [[[1, 0], [0, 1]], [[1, 2, 3]]], expected: [[1, 2, 3, 0, 0, 0], [0, 0, 0, 1, 2, 3]] },
    { name: "column ⊗ row", labelJa: "列ベクトル ⊗ 行ベクトル", args: [[[1], [2]], [[3, 4]]], expected: [[3, 4], [6, 8]] },
  ],
  hidden: [
    {
      name: "random shapes",
      labelJa: "ランダムな形",
      count: 3,
      generate: (rng) => [rng.matrix(rng.int(1, 4), rng.int(1, 4)), rng.matrix(rng.int(1, 4), rng.int(1, 4))],
    },
    {
      name: "non-square B",
      labelJa: "正方でない B",
      count: 2,
      generate: (rng) => [rng.matrix(rng.int(2, 3), rng.int(2, 3)), rng.matrix(2, 3)],
      hint: text("Blocks are p = rows(B) apart vertically and q = cols(B) apart horizontally.",
        "ブロックは縦に p = B の行数、横に q = B の列数ずつずれて並びます。"),
    },
    { name: "identity ⊗ B", labelJa: "単位行列 ⊗ B", count: 1, generate: (rng) => [eye(rng.int(2, 3)), rng.matrix(2, 3)] },
    { name: "A ⊗ identity", labelJa: "A ⊗ 単位行列", count: 1, generate: (rng) => [rng.matrix(2, 3), eye(rng.int(2, 3))] },
    { name: "1×1 factor", labelJa: "1×1 の因子", count: 1, generate: (rng) => [[[rng.uniform(-3, 3)]], rng.matrix(3, 2)] },
  ],
  diagnose: (ctx) => {
    const [A, B] = ctx.args as [number[][], number[][]];
    const got = ctx.got as number[][];
    const p = B.length;
    const q = B[0]?.length ?? 0;
    const added = got.length === A.length * p && got.every((row, r) => row.length === (A[0]?.length ?? 0) * q && row.every((x, c) => Math.abs(x - (A[Math.floor(r / p)]![Math.floor(c / q)]! + B[r % p]![c % q]!)) <= 1e-12 * (1 + Math.abs(x))));
    if (added) return text("Block (i, j) is A[i][j] + B: the blocks of A ⊗ B are A[i][j]·B, a product, not a sum.", "ブロック (i, j) が A[i][j] + B になっています。A ⊗ B のブロックは和ではなく積 A[i][j]·B です。");
    const other = swapped(A, B);
    const same = other.length === got.length && other.every((row, i) => row.every((x, j) => Math.abs(x - (got[i]?.[j] ?? NaN)) <= 1e-12 * Math.abs(x)));
    if (!same) return undefined;
    return text("You computed B ⊗ A. In A ⊗ B, block (i, j) is A[i][j]·B.", "B ⊗ A を計算しています。A ⊗ B ではブロック (i, j) が A[i][j]·B です。");
  },
});
