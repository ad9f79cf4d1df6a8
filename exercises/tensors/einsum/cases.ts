import { defineCases, text, type Rng } from "../../../graders/content";

interface Tensor {
  shape: number[];
  data: number[];
}

/** Random operands for an explicit spec, with every letter given a size in [lo, hi]. */
function operandsFor(rng: Rng, spec: string, lo = 1, hi = 5): [string, ...Tensor[]] {
  const terms = spec.split("->")[0]!.split(",");
  const size = new Map<string, number>();
  for (const label of terms.join("")) if (!size.has(label)) size.set(label, rng.int(lo, hi));
  const xs = terms.map((term) => {
    const shape = [...term].map((l) => size.get(l)!);
    return { shape, data: rng.vector(shape.reduce((a, b) => a * b, 1)) };
  });
  return [spec, ...xs];
}

const t = (shape: number[], data: number[]): Tensor => ({ shape, data });

const batchHint = text(
  "The batch index b appears in the output, so it is not summed: only letters missing from the output are summed.",
  "バッチの添字 b は出力に現れるので、和は取りません。和を取るのは出力にない文字だけです。",
);
const diagonalHint = text(
  "A letter repeated within one operand (ii) means the diagonal: both axes take the same value, offset i·(s₀ + s₁).",
  "1 つのオペランドの中で繰り返された文字（ii）は対角成分を表します。2 つの軸が同じ値を取り、オフセットは i·(s₀ + s₁) です。",
);

const scalarHint = text(
  "A scalar result is { shape: [], data: [x] }: no axes, one number.",
  "スカラーの結果は { shape: [], data: [x] } です。軸はなく、数が 1 つだけです。",
);

/** One hidden class per line of the common einsum table. */
function specClass(name: string, labelJa: string, spec: string, hint?: ReturnType<typeof text>) {
  return { name, labelJa, count: 1, generate: (rng: Rng) => operandsFor(rng, spec), ...(hint ? { hint } : {}) };
}

export default defineCases({
  visible: [
    { name: "matmul ij,jk->ik", labelJa: "行列積 ij,jk->ik", args: ["ij,jk->ik", t([2, 2], [1, 2, 3, 4]), t([2, 2], [5, 6, 7, 8])], expected: t([2, 2], [19, 22, 43, 50]) },
    { name: "trace ii->", labelJa: "トレース ii->", args: ["ii->", t([2, 2], [1, 2, 3, 4])], expected: t([], [5]), hint: diagonalHint },
    { name: "dot i,i->", labelJa: "内積 i,i->", args: ["i,i->", t([3], [1, 2, 3]), t([3], [4, 5, 6])], expected: t([], [32]), hint: scalarHint },
    { name: "outer i,j->ij", labelJa: "外積 i,j->ij", args: ["i,j->ij", t([2], [1, 2]), t([3], [3, 4, 5])], expected: t([2, 3], [3, 4, 5, 6, 8, 10]) },
    {
      name: "batch matmul bij,bjk->bik",
      labelJa: "バッチ行列積 bij,bjk->bik",
      args: ["bij,bjk->bik", t([2, 1, 2], [1, 2, 3, 4]), t([2, 2, 1], [1, 1, 2, -1])],
      expected: t([2, 1, 1], [3, 2]),
      hint: batchHint,
    },
  ],
  hidden: [
    specClass("matrix-vector", "行列とベクトルの積", "ij,j->i"),
    specClass("matmul", "行列積", "ij,jk->ik"),
    specClass("dot product", "内積", "i,i->", scalarHint),
    specClass("outer product", "外積", "i,j->ij"),
    specClass("trace", "トレース", "ii->", diagonalHint),
    specClass("diagonal", "対角成分", "ii->i", diagonalHint),
    specClass("Frobenius inner product", "フロベニウス内積", "ij,ij->", scalarHint),
    { ...specClass("batch matmul", "バッチ行列積", "bij,bjk->bik", batchHint), count: 2 },
    specClass("ikm,mjl->ijl", "ikm,mjl->ijl", "ikm,mjl->ijl"),
    specClass("transpose", "転置", "ij->ji"),
    specClass("axis permutation", "軸の入れ替え", "ijk->kij"),
    specClass("column sums", "列和", "ij->j"),
    specClass("elementwise product", "要素ごとの積", "ij,ij->ij", batchHint),
    specClass("chain of three", "3 つの積の連鎖", "ij,jk,kl->il"),
    specClass("bilinear form", "双線形形式", "i,ij,j->", scalarHint),
    {
      name: "size-1 axes",
      labelJa: "サイズ 1 の軸",
      count: 1,
      generate: (rng) => operandsFor(rng, rng.pick(["bij,bjk->bik", "ij,jk->ik", "ii->"]), 1, 1),
    },
  ],
});
