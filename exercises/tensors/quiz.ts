import { defineQuiz, text } from "../../graders/content";
import type { QuizParams } from "../../graders/content";
import { secondRound } from "./quiz-second-round";

const num = (p: QuizParams, name: string): number => p[name] as number;

/** Sizes of every letter of an explicit einsum spec, from the operand shapes; the output's number of entries. */
function einsumOutputEntries(spec: string, shapes: number[][]): number {
  const [lhs = "", out = ""] = spec.split("->");
  const size = new Map<string, number>();
  lhs.split(",").forEach((term, t) => [...term].forEach((l, a) => size.set(l, shapes[t]![a]!)));
  return [...out].reduce((acc, l) => acc * size.get(l)!, 1);
}

/** Multiply-adds of a chain of matrix products in a given bracketing, by actually walking the bracketing. */
function chainCost(dims: number[], split: "left" | "right"): number {
  // dims = [m, n, p, q] for A (m×n), B (n×p), C (p×q)
  const [m, n, p, q] = dims as [number, number, number, number];
  const product = (r: number, s: number, t: number): { rows: number; cols: number; cost: number } => ({ rows: r, cols: t, cost: r * s * t });
  if (split === "left") {
    const ab = product(m, n, p);
    return ab.cost + product(ab.rows, ab.cols, q).cost;
  }
  const bc = product(n, p, q);
  return bc.cost + product(m, bc.rows, bc.cols).cost;
}

export default defineQuiz([
  {
    id: "tensors-einsum-output-entries",
    type: "param-numeric",
    prompt: text(
      "`einsum(\"bij,bjk->bik\", A, B)` with $A$ of shape $[{{b}}, {{i}}, {{j}}]$ and $B$ of shape $[{{b}}, {{j}}, {{k}}]$: how many numbers does the output hold?",
      "$A$ の形が $[{{b}}, {{i}}, {{j}}]$、$B$ の形が $[{{b}}, {{j}}, {{k}}]$ のとき、`einsum(\"bij,bjk->bik\", A, B)` の出力にはいくつの数が含まれますか。",
    ),
    params: (rng) => ({ b: rng.int(2, 16), i: rng.int(2, 12), j: rng.int(2, 12), k: rng.int(2, 12) }),
    answer: (p) => num(p, "b") * num(p, "i") * num(p, "k"),
    verify: (p) => einsumOutputEntries("bij,bjk->bik", [[num(p, "b"), num(p, "i"), num(p, "j")], [num(p, "b"), num(p, "j"), num(p, "k")]]),
    tolerance: { abs: 0 },
    explanation: text(
      "The output keeps the letters after `->`, so its shape is $[b, i, k]$ and it holds $b \\cdot i \\cdot k$ numbers; $j$ is summed away and does not count.",
      "出力には `->` の後ろの文字が残るので、形は $[b, i, k]$、数の個数は $b \\cdot i \\cdot k$ です。$j$ は和で消えるので数に入りません。",
    ),
  },
  {
    id: "tensors-einsum-output-shape",
    type: "single",
    prompt: text(
      "$X$ has shape $[2, 3, 4]$ and $Y$ has shape $[4, 5, 6]$. What is the shape of `einsum(\"ikm,mjl->ijl\", X, Y)`?",
      "$X$ の形が $[2, 3, 4]$、$Y$ の形が $[4, 5, 6]$ のとき、`einsum(\"ikm,mjl->ijl\", X, Y)` の形はどれですか。",
    ),
    choices: [
      { id: "a", text: text("$[2, 5, 6]$", "$[2, 5, 6]$") },
      { id: "b", text: text("$[2, 3, 5, 6]$", "$[2, 3, 5, 6]$") },
      { id: "c", text: text("$[2, 4, 6]$", "$[2, 4, 6]$") },
      { id: "d", text: text("$[3, 5, 6]$", "$[3, 5, 6]$") },
    ],
    answer: "a",
    explanation: text(
      "Reading the letters: $i = 2$, $k = 3$, $m = 4$ from $X$ and $j = 5$, $l = 6$ from $Y$. The output keeps $i, j, l$, so $[2, 5, 6]$; $k$ and $m$ are summed.",
      "文字を読むと、$X$ から $i = 2$、$k = 3$、$m = 4$、$Y$ から $j = 5$、$l = 6$ です。出力には $i, j, l$ が残るので $[2, 5, 6]$ になり、$k$ と $m$ は和を取られます。",
    ),
  },
  {
    id: "tensors-einsum-summed-indices",
    type: "multi",
    prompt: text(
      "In `einsum(\"bik,bkj,j->bi\", A, B, v)`, which indices are summed over? Select all that apply.",
      "`einsum(\"bik,bkj,j->bi\", A, B, v)` で和を取る添字はどれですか。すべて選んでください。",
    ),
    choices: [
      { id: "b", text: text("$b$", "$b$") },
      { id: "i", text: text("$i$", "$i$") },
      { id: "k", text: text("$k$", "$k$") },
      { id: "j", text: text("$j$", "$j$") },
    ],
    answer: ["k", "j"],
    explanation: text(
      "Exactly the letters missing from the output are summed: $k$ and $j$. The batch index $b$ appears in two operands but also in the output, so it runs in lockstep and is not summed.",
      "和を取るのは出力にない文字、つまり $k$ と $j$ だけです。バッチの添字 $b$ は 2 つのオペランドに現れますが出力にも残るので、足並みをそろえて動くだけで和は取りません。",
    ),
  },
  {
    id: "tensors-einsum-matmul-specs",
    type: "multi",
    prompt: text(
      "$A$ is $i \\times j$ and $B$ is $j \\times k$. Which specs make `einsum(spec, A, B)` equal to the matrix product $AB$? Select all that apply.",
      "$A$ は $i \\times j$、$B$ は $j \\times k$ の行列です。`einsum(spec, A, B)` が行列積 $AB$ に等しくなる spec をすべて選んでください。",
    ),
    choices: [
      { id: "a", text: text("`ij,jk->ik`", "`ij,jk->ik`") },
      { id: "b", text: text("`xy,yz->xz`", "`xy,yz->xz`") },
      { id: "c", text: text("`ij,jk->ki`", "`ij,jk->ki`") },
      { id: "d", text: text("`ij,jk->ijk`", "`ij,jk->ijk`") },
      { id: "e", text: text("`ij,kj->ik`", "`ij,kj->ik`") },
    ],
    answer: ["a", "b"],
    explanation: text(
      "Letters are only names, so `xy,yz->xz` is the same contraction as `ij,jk->ik`. `->ki` gives $(AB)^\\top$, `->ijk` sums nothing (the products $A_{ij}B_{jk}$ stay separate), and `ij,kj` would need $B$ to be $k \\times j$.",
      "文字は名前にすぎないので、`xy,yz->xz` は `ij,jk->ik` と同じ縮約です。`->ki` は $(AB)^\\top$ を、`->ijk` は和を取らずに積 $A_{ij}B_{jk}$ を並べたものを返し、`ij,kj` では $B$ が $k \\times j$ でなければなりません。",
    ),
  },
  {
    id: "tensors-einsum-trace",
    type: "numeric",
    prompt: text(
      "What is `einsum(\"ii->\", M)` for $M = \\begin{bmatrix} 3 & 1 & 4 \\\\ 1 & 5 & 9 \\\\ 2 & 6 & 5 \\end{bmatrix}$?",
      "$M = \\begin{bmatrix} 3 & 1 & 4 \\\\ 1 & 5 & 9 \\\\ 2 & 6 & 5 \\end{bmatrix}$ のとき、`einsum(\"ii->\", M)` はいくつですか。",
    ),
    answer: 13,
    tolerance: { abs: 1e-9 },
    explanation: text(
      "A letter repeated within one operand walks the diagonal, and an empty output sums it: the trace $3 + 5 + 5 = 13$.",
      "1 つのオペランドの中で繰り返された文字は対角成分をたどり、出力が空なのでその和を取ります。トレース $3 + 5 + 5 = 13$ です。",
    ),
  },
  {
    id: "tensors-frobenius-inner-product",
    type: "numeric",
    prompt: text(
      "What is `einsum(\"ij,ij->\", A, B)` for $A = \\begin{bmatrix} 1 & 2 \\\\ 3 & 4 \\end{bmatrix}$ and $B = \\begin{bmatrix} 0 & 1 \\\\ 1 & 0 \\end{bmatrix}$?",
      "$A = \\begin{bmatrix} 1 & 2 \\\\ 3 & 4 \\end{bmatrix}$、$B = \\begin{bmatrix} 0 & 1 \\\\ 1 & 0 \\end{bmatrix}$ のとき、`einsum(\"ij,ij->\", A, B)` はいくつですか。",
    ),
    answer: 5,
    tolerance: { abs: 1e-9 },
    explanation: text(
      "Both letters are summed over matching positions: $\\sum_{ij} A_{ij}B_{ij} = \\operatorname{tr}(A^\\top B) = 2 + 3 = 5$, the Frobenius inner product.",
      "2 つの文字とも、同じ位置どうしの積について和を取ります。$\\sum_{ij} A_{ij}B_{ij} = \\operatorname{tr}(A^\\top B) = 2 + 3 = 5$、つまりフロベニウス内積です。",
    ),
  },
  {
    id: "tensors-contraction-order",
    type: "param-numeric",
    prompt: text(
      "$A$ is ${{m}} \\times {{n}}$, $B$ is ${{n}} \\times {{p}}$ and $C$ is ${{p}} \\times {{q}}$. Multiplying an $r \\times s$ by an $s \\times t$ matrix costs $rst$ multiply-adds. How many multiply-adds does the cheaper of $(AB)C$ and $A(BC)$ need?",
      "$A$ は ${{m}} \\times {{n}}$、$B$ は ${{n}} \\times {{p}}$、$C$ は ${{p}} \\times {{q}}$ の行列です。$r \\times s$ 行列と $s \\times t$ 行列の積には $rst$ 回の積和がかかります。$(AB)C$ と $A(BC)$ のうち安いほうは何回の積和で済みますか。",
    ),
    params: (rng) => ({ m: rng.int(2, 100), n: rng.int(2, 100), p: rng.int(2, 100), q: rng.int(2, 100) }),
    answer: (p) => {
      const [m, n, pp, q] = [num(p, "m"), num(p, "n"), num(p, "p"), num(p, "q")];
      return Math.min(m * n * pp + m * pp * q, n * pp * q + m * n * q);
    },
    verify: (p) => {
      const dims = [num(p, "m"), num(p, "n"), num(p, "p"), num(p, "q")];
      return Math.min(chainCost(dims, "left"), chainCost(dims, "right"));
    },
    tolerance: { abs: 0 },
    explanation: text(
      "$(AB)C$ costs $mnp + mpq$ and $A(BC)$ costs $npq + mnq$; the result is the same, but the cost can differ by orders of magnitude, which is why einsum libraries optimize the contraction order.",
      "$(AB)C$ は $mnp + mpq$、$A(BC)$ は $npq + mnq$ 回かかります。結果は同じでもコストは桁違いになりうるので、einsum のライブラリは縮約の順序を最適化します。",
    ),
  },
  {
    id: "tensors-matrix-vector-order",
    type: "param-numeric",
    prompt: text(
      "$A$ and $B$ are ${{n}} \\times {{n}}$ and $v$ has ${{n}}$ entries. How many times more multiply-adds does $(AB)v$ need than $A(Bv)$?",
      "$A$ と $B$ は ${{n}} \\times {{n}}$ 行列、$v$ は長さ ${{n}}$ のベクトルです。$(AB)v$ は $A(Bv)$ の何倍の積和を必要としますか。",
    ),
    params: (rng) => ({ n: rng.int(10, 2000) }),
    answer: (p) => (num(p, "n") + 1) / 2,
    verify: (p) => {
      const n = num(p, "n");
      return (chainCost([n, n, n, 1], "left")) / chainCost([n, n, n, 1], "right");
    },
    tolerance: { rel: 1e-3 },
    explanation: text(
      "$(AB)v$ costs $n^3 + n^2$ (a matrix product first), $A(Bv)$ costs $2n^2$ (two matrix–vector products): a ratio of $(n+1)/2$. Reverse-mode autodiff exploits the same fact by multiplying vectors into Jacobians, never Jacobians together.",
      "$(AB)v$ は先に行列積をするので $n^3 + n^2$、$A(Bv)$ は行列とベクトルの積 2 回で $2n^2$ かかり、比は $(n+1)/2$ です。リバースモード自動微分も、ヤコビアンどうしを掛けずにベクトルを掛けていくことで同じ事実を利用しています。",
    ),
  },
  {
    id: "tensors-kronecker-shape",
    type: "single",
    prompt: text(
      "$A$ is $2 \\times 3$ and $B$ is $4 \\times 5$. What is the shape of $A \\otimes B$?",
      "$A$ が $2 \\times 3$、$B$ が $4 \\times 5$ のとき、$A \\otimes B$ の形はどれですか。",
    ),
    choices: [
      { id: "a", text: text("$6 \\times 20$", "$6 \\times 20$") },
      { id: "b", text: text("$8 \\times 15$", "$8 \\times 15$") },
      { id: "c", text: text("$10 \\times 12$", "$10 \\times 12$") },
      { id: "d", text: text("$6 \\times 9$", "$6 \\times 9$") },
    ],
    answer: "b",
    explanation: text(
      "$A \\otimes B$ is a $2 \\times 3$ grid of $4 \\times 5$ blocks $a_{ij}B$, so it is $(2 \\cdot 4) \\times (3 \\cdot 5) = 8 \\times 15$.",
      "$A \\otimes B$ は $4 \\times 5$ のブロック $a_{ij}B$ を $2 \\times 3$ の格子状に並べたものなので、$(2 \\cdot 4) \\times (3 \\cdot 5) = 8 \\times 15$ です。",
    ),
  },
  {
    id: "tensors-kronecker-memory",
    type: "param-numeric",
    prompt: text(
      "$A$ and $B$ are ${{n}} \\times {{n}}$. How many megabytes ($10^6$ bytes) would $B^\\top \\otimes A$ occupy as float64 (8 bytes per entry)?",
      "$A$ と $B$ は ${{n}} \\times {{n}}$ 行列です。$B^\\top \\otimes A$ を float64（1 成分 8 バイト）で保持すると何メガバイト（$10^6$ バイト）になりますか。",
    ),
    params: (rng) => ({ n: rng.int(10, 200) }),
    answer: (p) => (num(p, "n") ** 4 * 8) / 1e6,
    verify: (p) => {
      const n = num(p, "n");
      const rows = n * n;
      const cols = n * n;
      return (rows * cols * 8) / 1e6;
    },
    tolerance: { rel: 0.01 },
    explanation: text(
      "$B^\\top \\otimes A$ is $n^2 \\times n^2$, so $8n^4$ bytes; the vec trick $\\operatorname{vec}(AXB) = (B^\\top \\otimes A)\\operatorname{vec}(X)$ gets the same product from $AXB$ with $O(n^2)$ memory.",
      "$B^\\top \\otimes A$ は $n^2 \\times n^2$ 行列なので $8n^4$ バイトです。vec の公式 $\\operatorname{vec}(AXB) = (B^\\top \\otimes A)\\operatorname{vec}(X)$ を使えば、同じ積を $AXB$ として $O(n^2)$ のメモリで求められます。",
    ),
  },
  {
    id: "tensors-vec-identity",
    type: "single",
    prompt: text(
      "With $\\operatorname{vec}$ stacking the columns of a matrix (column-major), which identity holds for all conforming $A$, $X$, $B$?",
      "$\\operatorname{vec}$ が行列の列を積み重ねる（列優先）とき、形の合うすべての $A$、$X$、$B$ について成り立つ式はどれですか。",
    ),
    choices: [
      { id: "a", text: text("$\\operatorname{vec}(AXB) = (A \\otimes B^\\top)\\operatorname{vec}(X)$", "$\\operatorname{vec}(AXB) = (A \\otimes B^\\top)\\operatorname{vec}(X)$") },
      { id: "b", text: text("$\\operatorname{vec}(AXB) = (A \\otimes B)\\operatorname{vec}(X)$", "$\\operatorname{vec}(AXB) = (A \\otimes B)\\operatorname{vec}(X)$") },
      { id: "c", text: text("$\\operatorname{vec}(AXB) = (B^\\top \\otimes A)\\operatorname{vec}(X)$", "$\\operatorname{vec}(AXB) = (B^\\top \\otimes A)\\operatorname{vec}(X)$") },
      { id: "d", text: text("$\\operatorname{vec}(AXB) = (B \\otimes A^\\top)\\operatorname{vec}(X)$", "$\\operatorname{vec}(AXB) = (B \\otimes A^\\top)\\operatorname{vec}(X)$") },
    ],
    answer: "c",
    explanation: text(
      "Column $j$ of $AXB$ is $\\sum_k b_{kj} A x_k$: block $(j, k)$ of the operator is $b_{kj}A = (B^\\top)_{jk}A$, which is $B^\\top \\otimes A$. $A \\otimes B^\\top$ is the row-major version of the same identity.",
      "$AXB$ の第 $j$ 列は $\\sum_k b_{kj} A x_k$ なので、作用素のブロック $(j, k)$ は $b_{kj}A = (B^\\top)_{jk}A$、つまり $B^\\top \\otimes A$ です。$A \\otimes B^\\top$ は同じ公式の行優先版です。",
    ),
  },
  {
    id: "tensors-row-major-offset",
    type: "param-numeric",
    prompt: text(
      "A tensor of shape $[{{d0}}, {{d1}}, {{d2}}]$ is stored row-major (last axis contiguous) in a flat array. At which 0-based position is the entry with 0-based index $({{i}}, {{j}}, {{k}})$?",
      "形が $[{{d0}}, {{d1}}, {{d2}}]$ のテンソルを、行優先（最後の軸が連続）で 1 次元配列に格納しました。0 始まりの添字 $({{i}}, {{j}}, {{k}})$ の成分は、0 始まりで何番目の位置にありますか。",
    ),
    params: (rng) => {
      const d0 = rng.int(2, 9);
      const d1 = rng.int(2, 9);
      const d2 = rng.int(2, 9);
      // i ≥ 1: the entry (0, 0, 0) at position 0 would be a free guess.
      return { d0, d1, d2, i: rng.int(1, d0 - 1), j: rng.int(0, d1 - 1), k: rng.int(0, d2 - 1) };
    },
    answer: (p) => (num(p, "i") * num(p, "d1") + num(p, "j")) * num(p, "d2") + num(p, "k"),
    // Independently: count positions in storage order until the entry is reached.
    verify: (p) => {
      let position = 0;
      for (let a = 0; a < num(p, "d0"); a++)
        for (let b = 0; b < num(p, "d1"); b++)
          for (let c = 0; c < num(p, "d2"); c++) {
            if (a === num(p, "i") && b === num(p, "j") && c === num(p, "k")) return position;
            position++;
          }
      return -1;
    },
    tolerance: { abs: 0 },
    explanation: text(
      "The strides are $(d_1 d_2,\\ d_2,\\ 1)$, so the offset is $i\\,d_1 d_2 + j\\,d_2 + k = (i\\,d_1 + j)\\,d_2 + k$.",
      "ストライドは $(d_1 d_2,\\ d_2,\\ 1)$ なので、位置は $i\\,d_1 d_2 + j\\,d_2 + k = (i\\,d_1 + j)\\,d_2 + k$ です。",
    ),
  },
  {
    id: "tensors-attention-scores-memory",
    type: "param-numeric",
    prompt: text(
      "Multi-head attention with batch $B = {{B}}$, $H = {{H}}$ heads and sequence length $N = {{N}}$ materializes the scores tensor $[B, H, N, N]$ in float32 (4 bytes). How many MiB ($2^{20}$ bytes) is that?",
      "バッチ $B = {{B}}$、ヘッド数 $H = {{H}}$、系列長 $N = {{N}}$ のマルチヘッドアテンションで、スコアのテンソル $[B, H, N, N]$ を float32（4 バイト）で保持します。何 MiB（$2^{20}$ バイト）になりますか。",
    ),
    params: (rng) => ({ B: rng.int(1, 16), H: rng.pick([4, 8, 12, 16]), N: rng.pick([256, 512, 1024, 2048, 4096]) }),
    answer: (p) => (num(p, "B") * num(p, "H") * num(p, "N") ** 2 * 4) / 2 ** 20,
    verify: (p) => [num(p, "B"), num(p, "H"), num(p, "N"), num(p, "N"), 4].reduce((a, b) => a * b, 1) / 1024 / 1024,
    tolerance: { rel: 0.01 },
    explanation: text(
      "The scores hold $B \\cdot H \\cdot N^2$ numbers: memory grows with the square of the sequence length, which is why long-context kernels (FlashAttention) compute them block by block instead of storing them.",
      "スコアには $B \\cdot H \\cdot N^2$ 個の数があり、メモリは系列長の 2 乗で増えます。長い文脈向けのカーネル（FlashAttention）が、スコアを保存せずブロックごとに計算するのはこのためです。",
    ),
  },
  ...secondRound,
]);
