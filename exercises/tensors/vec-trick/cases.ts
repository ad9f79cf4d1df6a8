import { defineCases, text } from "../../../graders/content";

const eye = (n: number): number[][] => Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));

const vecHint = text(
  "vec stacks the columns of X (column-major); with it, mat((Bᵀ ⊗ A) vec(X)) is A·X·B.",
  "vec は X の列を積み重ねます（列優先）。このとき mat((Bᵀ ⊗ A) vec(X)) は A·X·B です。",
);

export default defineCases({
  visible: [
    {
      name: "2×2 example",
      labelJa: "2×2 の例",
      args: [[[1, 2], [3, 4]], [[0, 1], [1, 1]], [[1, 0], [2, 1]]],
      expected: [[2, 7], [4, 15]],
      hint: vecHint,
    },
    {
      name: "rectangular: A 1×2, X 2×3, B 3×2",
      labelJa: "長方形：A 1×2、X 2×3、B 3×2",
      args: [[[1, -1]], [[1, 0], [0, 1], [1, 1]], [[1, 2, 3], [4, 5, 6]]],
      expected: [[-6, -6]],
      hint: vecHint,
    },
    { name: "B = I gives AX", labelJa: "B = I なら AX", args: [[[2, 0], [1, 1]], [[1, 0], [0, 1]], [[1, 2], [3, 4]]], expected: [[2, 4], [4, 6]] },
  ],
  hidden: [
    {
      name: "random shapes",
      labelJa: "ランダムな形",
      count: 3,
      generate: (rng) => {
        const [m, n, p, q] = [rng.int(1, 6), rng.int(1, 6), rng.int(1, 6), rng.int(1, 6)];
        return [rng.matrix(m, n), rng.matrix(p, q), rng.matrix(n, p)];
      },
      hint: vecHint,
    },
    {
      name: "square",
      labelJa: "正方",
      count: 2,
      generate: (rng) => {
        const n = rng.int(2, 6);
        return [rng.matrix(n, n), rng.matrix(n, n), rng.matrix(n, n)];
      },
      hint: vecHint,
    },
    { name: "identity A", labelJa: "A が単位行列", count: 1, generate: (rng) => [eye(4), rng.matrix(3, 2), rng.matrix(4, 3)] },
    {
      name: "vectors (q = 1, m = 1)",
      labelJa: "ベクトル (q = 1, m = 1)",
      count: 1,
      generate: (rng) => [rng.matrix(1, 4), rng.matrix(3, 1), rng.matrix(4, 3)],
    },
    {
      name: "n = 80",
      labelJa: "n = 80",
      count: 1,
      generate: (rng) => [rng.matrix(80, 80), rng.matrix(80, 80), rng.matrix(80, 80)],
      hint: text(
        "Here Bᵀ ⊗ A would have 80⁴ ≈ 41 million entries. Compute A·X·B instead: O(n³) work and O(n²) memory.",
        "ここでは Bᵀ ⊗ A の成分が 80⁴ ≈ 4100 万個になります。代わりに A·X·B を計算しましょう。計算量 O(n³)、メモリ O(n²) で済みます。",
      ),
    },
    {
      name: "n = 60",
      labelJa: "n = 60",
      count: 1,
      generate: (rng) => [rng.matrix(60, 60), rng.matrix(60, 60), rng.matrix(60, 60)],
      hint: text(
        "Here Bᵀ ⊗ A would have 60⁴ ≈ 13 million entries (about 100 MB). Compute A·X·B instead: O(n³) work and O(n²) memory.",
        "ここでは Bᵀ ⊗ A の成分が 60⁴ ≈ 1300 万個（約 100 MB）になります。代わりに A·X·B を計算しましょう。計算量 O(n³)、メモリ O(n²) で済みます。",
      ),
    },
  ],
});
