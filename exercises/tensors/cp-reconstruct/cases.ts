import { defineCases, text, type LocalizedText, type Rng } from "../../../graders/content";
import { cpReconstruct, modeProduct } from "./reference";

type Tensor = { shape: number[]; data: number[] };

function randomTensor(rng: Rng, shape: [number, number, number]): Tensor {
  return { shape, data: rng.vector(shape[0] * shape[1] * shape[2]) };
}

/** Three distinct sizes in [lo, hi] (I ≠ J ≠ K ≠ I), so that a swapped or misplaced axis cannot hide. */
function distinctSizes(rng: Rng, lo: number, hi: number): [number, number, number] {
  const s = new Set<number>();
  while (s.size < 3) s.add(rng.int(lo, hi));
  const [a, b, c] = [...s] as [number, number, number];
  return [a, b, c];
}

function cp(rng: Rng, R: number, [I, J, K]: [number, number, number]): unknown[] {
  return [rng.vector(R, (r) => r.uniform(0.5, 3)), rng.matrix(I, R), rng.matrix(J, R), rng.matrix(K, R)];
}

const sameData = (a: Tensor, b: Tensor): boolean =>
  a.shape.join() === b.shape.join() && a.data.every((v, i) => Math.abs(v - b.data[i]!) <= 1e-9 * Math.abs(b.data[i]!) + 1e-12);

const axisHint = text(
  "X ×ₙ M with M of size P × Iₙ replaces axis n (size Iₙ) by an axis of size P at the same position: the other two axes keep their sizes and order.",
  "P × Iₙ の M による X ×ₙ M は、軸 n（大きさ Iₙ）を同じ位置にある大きさ P の軸に置き換えます。ほかの 2 つの軸は大きさも順番もそのままです。",
);

export default defineCases({
  visible: [
    {
      name: "rank 1, 2×2×2",
      labelJa: "ランク 1・2×2×2",
      call: "cpReconstruct",
      args: [[2], [[1], [2]], [[1], [-1]], [[3], [1]]],
      expected: { shape: [2, 2, 2], data: [6, 2, -6, -2, 12, 4, -12, -4] },
    },
    {
      name: "rank 2, 2×3×1",
      labelJa: "ランク 2・2×3×1",
      call: "cpReconstruct",
      args: [[1, 1], [[1, 0], [0, 1]], [[1, 1], [2, 0], [0, 3]], [[1, 2]]],
      expected: { shape: [2, 3, 1], data: [1, 2, 0, 2, 0, 6] },
    },
    {
      name: "mode-0 product of a 2×2×2 tensor",
      labelJa: "2×2×2 テンソルのモード 0 積",
      call: "modeProduct",
      args: [{ shape: [2, 2, 2], data: [1, 2, 3, 4, 5, 6, 7, 8] }, [[1, 1]], 0],
      // Sums the two slices X[0] + X[1].
      expected: { shape: [1, 2, 2], data: [6, 8, 10, 12] },
      hint: axisHint,
    },
    {
      name: "mode-2 product of a 2×2×2 tensor",
      labelJa: "2×2×2 テンソルのモード 2 積",
      call: "modeProduct",
      args: [{ shape: [2, 2, 2], data: [1, 2, 3, 4, 5, 6, 7, 8] }, [[1, -1], [0, 1]], 2],
      expected: { shape: [2, 2, 2], data: [-1, 2, -1, 4, -1, 6, -1, 8] },
      hint: axisHint,
    },
  ],
  hidden: [
    {
      name: "CP, rank 1..5, cubic",
      labelJa: "CP・ランク 1〜5・立方体",
      call: "cpReconstruct",
      count: 2,
      generate: (rng) => {
        const n = rng.int(2, 6);
        return cp(rng, rng.int(1, 5), [n, n, n]);
      },
    },
    {
      name: "CP, non-cubic (I ≠ J ≠ K)",
      labelJa: "CP・立方体でない（I ≠ J ≠ K）",
      call: "cpReconstruct",
      count: 3,
      generate: (rng) => cp(rng, rng.int(1, 5), distinctSizes(rng, 1, 7)),
    },
    {
      name: "mode product, mode 0",
      labelJa: "モード積・モード 0",
      call: "modeProduct",
      count: 1,
      generate: (rng) => {
        const s = distinctSizes(rng, 2, 6);
        return [randomTensor(rng, s), rng.matrix(rng.int(1, 6), s[0]), 0];
      },
      hint: axisHint,
    },
    {
      name: "mode product, modes 1 and 2",
      labelJa: "モード積・モード 1 と 2",
      call: "modeProduct",
      count: 2,
      generate: (rng, i) => {
        const s = distinctSizes(rng, 2, 6);
        const mode = i === 0 ? 1 : 2;
        return [randomTensor(rng, s), rng.matrix(rng.int(1, 6), s[mode]), mode];
      },
      hint: axisHint,
    },
    {
      name: "mode product, cubic tensor",
      labelJa: "モード積・立方体のテンソル",
      call: "modeProduct",
      count: 2,
      generate: (rng, i) => {
        const n = rng.int(2, 5);
        return [randomTensor(rng, [n, n, n]), rng.matrix(n, n), i === 0 ? 0 : 2];
      },
      hint: axisHint,
    },
  ],
  diagnose: ({ call, args, got, expected }): LocalizedText | undefined => {
    const g = got as Tensor;
    const e = expected as Tensor;
    if (call === "cpReconstruct") {
      const [w, A, B, C] = args as [number[], number[][], number[][], number[][]];
      if (w.some((x) => x !== 1) && sameData(g, cpReconstruct(w.map(() => 1), A, B, C))) {
        return text(
          "Your tensor ignores the weights: X = Σᵣ wᵣ · aᵣ ∘ bᵣ ∘ cᵣ, each rank-1 term scaled by its weight wᵣ.",
          "あなたのテンソルは重みを無視しています。X = Σᵣ wᵣ · aᵣ ∘ bᵣ ∘ cᵣ で、各ランク 1 の項は重み wᵣ 倍されます。",
        );
      }
      if (B.length === C.length && !sameData(e, cpReconstruct(w, A, C, B)) && sameData(g, cpReconstruct(w, A, C, B))) {
        return text(
          "Your tensor has B and C swapped: the second index j runs over the rows of B and the last index k over the rows of C (X[i][j][k] = Σᵣ wᵣ A[i][r] B[j][r] C[k][r]).",
          "B と C が入れ替わっています。2 番目の添字 j は B の行を、最後の添字 k は C の行を動きます（X[i][j][k] = Σᵣ wᵣ A[i][r] B[j][r] C[k][r]）。",
        );
      }
      return undefined;
    }
    const [X, M, mode] = args as [Tensor, number[][], 0 | 1 | 2];
    for (const other of [0, 1, 2] as const) {
      if (other === mode || X.shape[other] !== X.shape[mode]) continue;
      const alt = modeProduct(X, M, other);
      if (!sameData(e, alt) && sameData(g, alt)) {
        return text(
          `You multiplied along axis ${other} instead of axis ${mode}. In row-major data, axis ${mode} of a ${X.shape.join("×")} tensor has stride ${[X.shape[1]! * X.shape[2]!, X.shape[2]!, 1][mode]}: fix the index of the summed axis and keep the other two.`,
          `軸 ${mode} ではなく軸 ${other} に沿って掛けています。行優先のデータでは、${X.shape.join("×")} テンソルの軸 ${mode} のストライドは ${[X.shape[1]! * X.shape[2]!, X.shape[2]!, 1][mode]} です。和をとる軸の添字を正しくし、ほかの 2 つの軸はそのままにしましょう。`,
        );
      }
    }
    return undefined;
  },
});
