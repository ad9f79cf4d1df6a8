import { defineQuiz, text } from "../../graders/content";
import type { QuizParams } from "../../graders/content";
import { secondRound } from "./quiz-second-round";

/** Parameters are shown to learners as written, so keep them short. */
const round1 = (x: number): number => Math.round(x * 10) / 10;
const num = (p: QuizParams, name: string): number => p[name] as number;
const vec = (p: QuizParams, name: string): number[] => p[name] as number[];
const mat = (p: QuizParams, name: string): number[][] => p[name] as number[][];

/** Central difference of f at x along coordinate i, for the independent verify() functions. */
function partial(f: (x: number[]) => number, x: readonly number[], i: number, h = 1e-5): number {
  const xp = x.slice();
  const xm = x.slice();
  xp[i]! += h;
  xm[i]! -= h;
  return (f(xp) - f(xm)) / (2 * h);
}

function softmax(z: readonly number[]): number[] {
  const m = Math.max(...z);
  const e = z.map((v) => Math.exp(v - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

export default defineQuiz([
  {
    id: "backprop-trace-ax-grad",
    type: "single",
    prompt: text(
      "For fixed $A \\in \\mathbb{R}^{n \\times m}$ and $X \\in \\mathbb{R}^{m \\times n}$, what is $\\nabla_X \\operatorname{tr}(AX)$, the matrix of the partial derivatives $\\partial \\operatorname{tr}(AX) / \\partial X_{ij}$?",
      "$A \\in \\mathbb{R}^{n \\times m}$ を固定し $X \\in \\mathbb{R}^{m \\times n}$ とします。偏微分 $\\partial \\operatorname{tr}(AX) / \\partial X_{ij}$ を並べた行列 $\\nabla_X \\operatorname{tr}(AX)$ はどれですか。",
    ),
    choices: [
      { id: "a", text: text("$A^\\top$", "$A^\\top$") },
      { id: "b", text: text("$A$", "$A$") },
      { id: "c", text: text("$X^\\top A^\\top$", "$X^\\top A^\\top$") },
      { id: "d", text: text("$\\operatorname{tr}(A) I$", "$\\operatorname{tr}(A) I$") },
    ],
    answer: "a",
    explanation: text(
      "$\\operatorname{tr}(AX) = \\sum_{i,j} A_{ji} X_{ij}$, so $\\partial/\\partial X_{ij} = A_{ji}$: the gradient is $A^\\top$, which also has the shape of $X$ ($m \\times n$), as every gradient must.",
      "$\\operatorname{tr}(AX) = \\sum_{i,j} A_{ji} X_{ij}$ なので $\\partial/\\partial X_{ij} = A_{ji}$、つまり勾配は $A^\\top$ です。勾配として当然ですが、$X$ と同じ $m \\times n$ の形をしています。",
    ),
  },
  {
    id: "backprop-quadratic-form-grad",
    type: "single",
    prompt: text(
      "For a square matrix $A$ that is **not** necessarily symmetric, what is $\\nabla_X \\operatorname{tr}(X^\\top A X)$?",
      "対称とは**限らない**正方行列 $A$ について、$\\nabla_X \\operatorname{tr}(X^\\top A X)$ はどれですか。",
    ),
    choices: [
      { id: "a", text: text("$2AX$", "$2AX$") },
      { id: "b", text: text("$(A + A^\\top) X$", "$(A + A^\\top) X$") },
      { id: "c", text: text("$X^\\top (A + A^\\top)$", "$X^\\top (A + A^\\top)$") },
      { id: "d", text: text("$A X X^\\top$", "$A X X^\\top$") },
    ],
    answer: "b",
    explanation: text(
      "$d\\operatorname{tr}(X^\\top A X) = \\operatorname{tr}(dX^\\top A X) + \\operatorname{tr}(X^\\top A\\, dX) = \\operatorname{tr}\\big(((A + A^\\top)X)^\\top dX\\big)$. The familiar $2AX$ holds only when $A$ is symmetric.",
      "$d\\operatorname{tr}(X^\\top A X) = \\operatorname{tr}(dX^\\top A X) + \\operatorname{tr}(X^\\top A\\, dX) = \\operatorname{tr}\\big(((A + A^\\top)X)^\\top dX\\big)$ です。よく見る $2AX$ は $A$ が対称なときにだけ成り立ちます。",
    ),
  },
  {
    id: "backprop-quadratic-form-value",
    type: "numeric",
    prompt: text(
      "Let $f(x) = x^\\top A x$ with $A = \\begin{bmatrix} 1 & 2 \\\\ 0 & 1 \\end{bmatrix}$ and $x = \\begin{bmatrix} 1 \\\\ 1 \\end{bmatrix}$. What is $\\partial f / \\partial x_1$?",
      "$f(x) = x^\\top A x$、$A = \\begin{bmatrix} 1 & 2 \\\\ 0 & 1 \\end{bmatrix}$、$x = \\begin{bmatrix} 1 \\\\ 1 \\end{bmatrix}$ のとき、$\\partial f / \\partial x_1$ はいくつですか。",
    ),
    answer: 4,
    tolerance: { abs: 1e-9 },
    explanation: text(
      "$f = x_1^2 + 2x_1x_2 + x_2^2$, so $\\partial f/\\partial x_1 = 2x_1 + 2x_2 = 4$, the first entry of $(A + A^\\top)x = [4, 4]$. The formula $2Ax = [6, 2]$ would be wrong here because $A$ is not symmetric.",
      "$f = x_1^2 + 2x_1x_2 + x_2^2$ なので $\\partial f/\\partial x_1 = 2x_1 + 2x_2 = 4$ で、これは $(A + A^\\top)x = [4, 4]$ の第 1 成分です。$A$ が対称でないので、$2Ax = [6, 2]$ では誤りになります。",
    ),
  },
  {
    id: "backprop-matrix-identities",
    type: "multi",
    prompt: text(
      "Which of these gradient identities hold for **every** square invertible $X$ (and any square $A$)? Select all that apply.",
      "次の勾配の公式のうち、**任意の**正則な正方行列 $X$（と任意の正方行列 $A$）で成り立つものをすべて選んでください。",
    ),
    choices: [
      { id: "a", text: text("$\\nabla_X \\lVert X \\rVert_F^2 = 2X$", "$\\nabla_X \\lVert X \\rVert_F^2 = 2X$") },
      { id: "b", text: text("$\\nabla_X \\log\\lvert\\det X\\rvert = X^{-\\top}$", "$\\nabla_X \\log\\lvert\\det X\\rvert = X^{-\\top}$") },
      { id: "c", text: text("$\\nabla_X \\log\\lvert\\det X\\rvert = X^{-1}$", "$\\nabla_X \\log\\lvert\\det X\\rvert = X^{-1}$") },
      { id: "d", text: text("$\\nabla_X \\operatorname{tr}(X^\\top A X) = 2AX$", "$\\nabla_X \\operatorname{tr}(X^\\top A X) = 2AX$") },
      { id: "e", text: text("$\\nabla_X \\operatorname{tr}(AX) = A^\\top$", "$\\nabla_X \\operatorname{tr}(AX) = A^\\top$") },
    ],
    answer: ["a", "b", "e"],
    explanation: text(
      "$\\lVert X \\rVert_F^2 = \\sum X_{ij}^2$ gives $2X$; Jacobi's formula gives $d \\log\\lvert\\det X\\rvert = \\operatorname{tr}(X^{-1} dX)$, hence $X^{-\\top}$. $X^{-1}$ and $2AX$ are right only for symmetric $X$ or $A$.",
      "$\\lVert X \\rVert_F^2 = \\sum X_{ij}^2$ から $2X$、ヤコビの公式 $d \\log\\lvert\\det X\\rvert = \\operatorname{tr}(X^{-1} dX)$ から $X^{-\\top}$ が得られます。$X^{-1}$ や $2AX$ が正しいのは、$X$ や $A$ が対称な場合に限られます。",
    ),
  },
  {
    id: "backprop-frobenius-grad-sum",
    type: "param-numeric",
    prompt: text(
      "Let $f(X) = \\lVert X \\rVert_F^2$ with $X = {{X}}$. What is the sum of all entries of $\\nabla_X f$?",
      "$f(X) = \\lVert X \\rVert_F^2$、$X = {{X}}$ とします。$\\nabla_X f$ のすべての成分の和はいくつですか。",
    ),
    // Entries summing to 0 would make 0 the answer, a free guess: the last entry is moved off that sum.
    params: (rng) => {
      const X = rng.matrix(2, 2, (r) => r.int(-5, 5));
      if (X.flat().reduce((a, b) => a + b, 0) === 0) X[1]![1] = X[1]![1]! + (X[1]![1]! < 5 ? 1 : -1);
      return { X };
    },
    answer: (p) => 2 * mat(p, "X").flat().reduce((a, b) => a + b, 0),
    // Independently: central differences of f in every entry, summed.
    verify: (p) => {
      const x = mat(p, "X").flat();
      const f = (v: number[]): number => v.reduce((s, t) => s + t * t, 0);
      return x.reduce((s, _, i) => s + partial(f, x, i), 0);
    },
    tolerance: { abs: 1e-6 },
    explanation: text(
      "$\\partial \\sum_{k,l} X_{kl}^2 / \\partial X_{ij} = 2X_{ij}$, so $\\nabla_X f = 2X$ and the sum of its entries is twice the sum of the entries of $X$.",
      "$\\partial \\sum_{k,l} X_{kl}^2 / \\partial X_{ij} = 2X_{ij}$ なので $\\nabla_X f = 2X$ で、その成分の和は $X$ の成分の和の 2 倍です。",
    ),
  },
  {
    id: "backprop-softmax-jacobian-entry",
    type: "param-numeric",
    prompt: text(
      "Let $s = \\operatorname{softmax}(z)$ with $z = {{z}}$ (entries $z_1, z_2, z_3$). What is the off-diagonal Jacobian entry $\\partial s_1 / \\partial z_2$? (4 decimals)",
      "$z = {{z}}$（成分 $z_1, z_2, z_3$）に対して $s = \\operatorname{softmax}(z)$ とします。ヤコビアンの非対角成分 $\\partial s_1 / \\partial z_2$ はいくつですか（小数第 4 位まで）。",
    ),
    params: (rng) => ({ z: [round1(rng.uniform(-2, 2)), round1(rng.uniform(-2, 2)), round1(rng.uniform(-2, 2))] }),
    answer: (p) => {
      const s = softmax(vec(p, "z"));
      return -s[0]! * s[1]!;
    },
    // Independently: a central difference of the first softmax output along z_2.
    verify: (p) => partial((z) => softmax(z)[0]!, vec(p, "z"), 1),
    tolerance: { abs: 1e-4 },
    explanation: text(
      "$J_{ij} = s_i(\\delta_{ij} - s_j)$, so off the diagonal $\\partial s_1/\\partial z_2 = -s_1 s_2$: raising one logit takes probability away from every other class.",
      "$J_{ij} = s_i(\\delta_{ij} - s_j)$ なので、非対角では $\\partial s_1/\\partial z_2 = -s_1 s_2$ です。1 つのロジットを上げると、ほかのすべてのクラスから確率が奪われます。",
    ),
  },
  {
    id: "backprop-softmax-ce-why",
    type: "single",
    prompt: text(
      "For $L = -\\log s_t$ with $s = \\operatorname{softmax}(z)$ and one-hot target $y$ (class $t$), why is $\\nabla_z L$ simply $s - y$?",
      "$s = \\operatorname{softmax}(z)$、クラス $t$ の one-hot 目標 $y$ に対して $L = -\\log s_t$ とします。$\\nabla_z L$ が単純な $s - y$ になるのはなぜですか。",
    ),
    choices: [
      { id: "a", text: text("Because the softmax Jacobian is the identity matrix", "softmax のヤコビアンが単位行列だから") },
      { id: "b", text: text("It is an approximation that holds when $s$ is close to $y$", "$s$ が $y$ に近いときに成り立つ近似だから") },
      {
        id: "c",
        text: text(
          "$L = -z_t + \\log\\sum_k e^{z_k}$: the log undoes the exp, and the derivative of the log-sum-exp is $s$ itself",
          "$L = -z_t + \\log\\sum_k e^{z_k}$ と書ける。log が exp を打ち消し、log-sum-exp の微分がちょうど $s$ になる",
        ),
      },
      { id: "d", text: text("Because cross-entropy is a squared error in disguise", "交差エントロピーは実は二乗誤差だから") },
    ],
    answer: "c",
    explanation: text(
      "$\\partial/\\partial z_j$ of $-z_t$ is $-y_j$ and of $\\log\\sum_k e^{z_k}$ is $e^{z_j}/\\sum_k e^{z_k} = s_j$, so $\\nabla_z L = s - y$ exactly; equivalently, $-y/s$ pushed through $\\operatorname{diag}(s) - ss^\\top$ collapses because $\\sum_j y_j = 1$.",
      "$-z_t$ の $z_j$ による微分は $-y_j$、$\\log\\sum_k e^{z_k}$ の微分は $e^{z_j}/\\sum_k e^{z_k} = s_j$ なので、厳密に $\\nabla_z L = s - y$ です。$-y/s$ に $\\operatorname{diag}(s) - ss^\\top$ をかけても、$\\sum_j y_j = 1$ により同じ式に簡約されます。",
    ),
  },
  {
    id: "backprop-softmax-ce-grad-entry",
    type: "param-numeric",
    prompt: text(
      "Logits $z = {{z}}$, target class $t = 1$ (the first entry), $L = -\\log \\operatorname{softmax}(z)_1$. What is $\\partial L / \\partial z_1$? (4 decimals)",
      "ロジット $z = {{z}}$、正解クラス $t = 1$（第 1 成分）、$L = -\\log \\operatorname{softmax}(z)_1$ とします。$\\partial L / \\partial z_1$ はいくつですか（小数第 4 位まで）。",
    ),
    params: (rng) => ({ z: [round1(rng.uniform(-2, 2)), round1(rng.uniform(-2, 2)), round1(rng.uniform(-2, 2)), round1(rng.uniform(-2, 2))] }),
    answer: (p) => softmax(vec(p, "z"))[0]! - 1,
    // Independently: a central difference of the loss itself.
    verify: (p) => partial((z) => -Math.log(softmax(z)[0]!), vec(p, "z"), 0),
    tolerance: { abs: 1e-4 },
    explanation: text(
      "$\\nabla_z L = s - y$, and $y_1 = 1$, so $\\partial L/\\partial z_1 = s_1 - 1$: always negative, so gradient descent raises the logit of the right class.",
      "$\\nabla_z L = s - y$ で $y_1 = 1$ なので $\\partial L/\\partial z_1 = s_1 - 1$ です。常に負なので、勾配降下法は正解クラスのロジットを押し上げます。",
    ),
  },
  {
    id: "backprop-linear-dw-shape",
    type: "single",
    prompt: text(
      "A linear layer computes $y = xW$ for a batch $x$ of shape $32 \\times 128$ and $W$ of shape $128 \\times 64$. What is the shape of $\\partial L/\\partial W$, and how is it computed from $dy = \\partial L/\\partial y$?",
      "線形層が、形 $32 \\times 128$ のバッチ $x$ と形 $128 \\times 64$ の $W$ から $y = xW$ を計算します。$\\partial L/\\partial W$ の形と、$dy = \\partial L/\\partial y$ からの計算方法はどれですか。",
    ),
    choices: [
      { id: "a", text: text("$64 \\times 128$, as $dy^\\top x$", "$64 \\times 128$、$dy^\\top x$ で計算") },
      { id: "b", text: text("$32 \\times 64$, as $dy$ itself", "$32 \\times 64$、$dy$ そのもの") },
      { id: "c", text: text("$32 \\times 128$, as $dy\\, W^\\top$", "$32 \\times 128$、$dy\\, W^\\top$ で計算") },
      { id: "d", text: text("$128 \\times 64$, as $x^\\top dy$", "$128 \\times 64$、$x^\\top dy$ で計算") },
    ],
    answer: "d",
    explanation: text(
      "A gradient has the shape of its variable, so $dW$ is $128 \\times 64$; $\\partial L/\\partial W_{kj} = \\sum_i x_{ik}\\, dy_{ij}$ is $x^\\top dy$, which also sums over the batch. $dy\\,W^\\top$ is $dx$.",
      "勾配は変数と同じ形なので $dW$ は $128 \\times 64$ です。$\\partial L/\\partial W_{kj} = \\sum_i x_{ik}\\, dy_{ij}$ は $x^\\top dy$ で、バッチについての和も含んでいます。$dy\\,W^\\top$ は $dx$ です。",
    ),
  },
  {
    id: "backprop-layernorm-vanishing-term",
    type: "single",
    prompt: text(
      "LayerNorm's backward pass is $dx = \\frac{1}{\\sqrt{\\sigma^2+\\varepsilon}}\\big(g - \\operatorname{mean}(g) - \\hat{x}\\,\\operatorname{mean}(g \\odot \\hat{x})\\big)$ with $g = \\gamma \\odot dy$. If $\\gamma = 1$ and $dy$ is the same constant $c$ in every feature of a row, which term is zero on its own?",
      "LayerNorm の逆伝播は $g = \\gamma \\odot dy$ として $dx = \\frac{1}{\\sqrt{\\sigma^2+\\varepsilon}}\\big(g - \\operatorname{mean}(g) - \\hat{x}\\,\\operatorname{mean}(g \\odot \\hat{x})\\big)$ です。$\\gamma = 1$ で、$dy$ が行のすべての特徴量で同じ定数 $c$ のとき、単独で 0 になる項はどれですか。",
    ),
    choices: [
      { id: "a", text: text("$\\hat{x}\\,\\operatorname{mean}(g \\odot \\hat{x})$, because $\\hat{x}$ has mean 0", "$\\hat{x}\\,\\operatorname{mean}(g \\odot \\hat{x})$。$\\hat{x}$ の平均が 0 だから") },
      { id: "b", text: text("$\\operatorname{mean}(g)$, because $g$ is constant", "$\\operatorname{mean}(g)$。$g$ が定数だから") },
      { id: "c", text: text("$g$, because $\\gamma = 1$", "$g$。$\\gamma = 1$ だから") },
      { id: "d", text: text("None: every term is non-zero and so is $dx$", "どれも 0 ではなく、$dx$ も 0 ではない") },
    ],
    answer: "a",
    explanation: text(
      "$\\operatorname{mean}(c\\,\\hat{x}) = c \\cdot 0 = 0$; the other two terms, $c - c$, cancel each other, so $dx = 0$, as it must: $\\sum_j y_j = \\sum_j (\\hat{x}_j + \\beta_j)$ does not depend on $x$.",
      "$\\operatorname{mean}(c\\,\\hat{x}) = c \\cdot 0 = 0$ です。残りの 2 項は $c - c$ で打ち消し合うので $dx = 0$ になります。実際、$\\sum_j y_j = \\sum_j (\\hat{x}_j + \\beta_j)$ は $x$ によらないので当然の結果です。",
    ),
  },
  {
    id: "backprop-layernorm-sanity-checks",
    type: "multi",
    prompt: text(
      "You wrote a LayerNorm backward pass (biased variance, $\\varepsilon > 0$). Which checks must a correct `dx` pass? Select all that apply.",
      "LayerNorm の逆伝播（$d$ で割る分散、$\\varepsilon > 0$）を書きました。正しい `dx` が必ず満たす性質をすべて選んでください。",
    ),
    choices: [
      { id: "a", text: text("Every row of `dx` sums to 0 (up to rounding)", "`dx` の各行の和が（丸め誤差を除いて）0") },
      { id: "b", text: text("`dx` matches a central difference of $\\sum dy \\odot y$", "`dx` が $\\sum dy \\odot y$ の中心差分と一致する") },
      { id: "c", text: text("`dx` equals `dy` when $\\gamma = 1$ and $\\beta = 0$", "$\\gamma = 1$、$\\beta = 0$ なら `dx` は `dy` に等しい") },
      { id: "d", text: text("`dgamma` equals `dbeta`", "`dgamma` と `dbeta` が等しい") },
    ],
    answer: ["a", "b"],
    explanation: text(
      "Adding a constant to a row leaves $\\hat{x}$ unchanged, so the rows of `dx` sum to 0, and any correct gradient agrees with finite differences. Normalisation is not the identity, so `dx` ≠ `dy`, and $d\\gamma = \\sum dy \\odot \\hat{x}$ differs from $d\\beta = \\sum dy$.",
      "行に定数を足しても $\\hat{x}$ は変わらないので、`dx` の各行の和は 0 です。また、正しい勾配は必ず有限差分と一致します。正規化は恒等写像ではないので `dx` ≠ `dy` であり、$d\\gamma = \\sum dy \\odot \\hat{x}$ と $d\\beta = \\sum dy$ も異なります。",
    ),
  },
  {
    id: "backprop-activation-memory",
    type: "param-numeric",
    prompt: text(
      "Training stores one float32 activation tensor of shape $B \\times T \\times d$ per layer for the backward pass, with batch $B = {{B}}$, sequence length $T = {{T}}$, width $d = {{d}}$ and $L = {{L}}$ layers. How many GiB ($2^{30}$ bytes) is that? (2 decimals)",
      "学習時、逆伝播のために層ごとに形 $B \\times T \\times d$ の float32 の活性テンソルを 1 つ保存します。バッチ $B = {{B}}$、系列長 $T = {{T}}$、幅 $d = {{d}}$、層数 $L = {{L}}$ のとき、何 GiB（$2^{30}$ バイト）になりますか（小数第 2 位まで）。",
    ),
    params: (rng) => ({ B: rng.pick([8, 16, 32, 64]), T: rng.pick([512, 1024, 2048]), d: rng.pick([512, 768, 1024, 2048]), L: rng.pick([12, 24, 32, 48]) }),
    answer: (p) => (num(p, "B") * num(p, "T") * num(p, "d") * num(p, "L") * 4) / 2 ** 30,
    // Independently: MiB per layer, then the number of layers, then MiB to GiB.
    verify: (p) => {
      const mibPerLayer = (num(p, "B") * num(p, "T") * num(p, "d") * 4) / (1024 * 1024);
      return (mibPerLayer * num(p, "L")) / 1024;
    },
    tolerance: { abs: 0.005, rel: 1e-3 },
    explanation: text(
      "Bytes $= B \\cdot T \\cdot d \\cdot L \\cdot 4$ (4 bytes per float32); divide by $2^{30}$ for GiB. Real models store several such tensors per layer (attention scores, MLP activations), which is why activation memory, not weights, often limits the batch size.",
      "バイト数は $B \\cdot T \\cdot d \\cdot L \\cdot 4$（float32 は 4 バイト）で、GiB にするには $2^{30}$ で割ります。実際のモデルは層ごとにこうしたテンソルを複数（アテンションスコア、MLP の活性など）保存するため、バッチサイズを制限するのは重みよりも活性のメモリであることが多いのです。",
    ),
  },
  {
    id: "backprop-checkpointing-tradeoff",
    type: "single",
    prompt: text(
      "Gradient checkpointing splits a network of $L$ layers into $\\sqrt{L}$ segments, keeps only the activations at segment boundaries, and recomputes each segment's activations during the backward pass. What does it cost and save, roughly?",
      "勾配チェックポイントでは、$L$ 層のネットワークを $\\sqrt{L}$ 個の区間に分け、区間の境界の活性だけを保存し、逆伝播の際に各区間の活性を計算し直します。おおよそ何を節約し、何を支払うのでしょうか。",
    ),
    choices: [
      { id: "a", text: text("Memory drops to $O(1)$ at no extra compute", "メモリが $O(1)$ になり、計算は増えない") },
      { id: "b", text: text("Activation memory drops from $O(L)$ to $O(\\sqrt{L})$ for about one extra forward pass of compute", "活性のメモリが $O(L)$ から $O(\\sqrt{L})$ に減り、代わりに順伝播およそ 1 回分の計算が増える") },
      { id: "c", text: text("Memory drops to $O(\\sqrt{L})$ but compute grows to $O(L^2)$", "メモリは $O(\\sqrt{L})$ になるが、計算量が $O(L^2)$ に増える") },
      { id: "d", text: text("It saves compute by skipping the backward pass of half the layers", "半分の層の逆伝播を省略して計算を節約する") },
    ],
    answer: "b",
    explanation: text(
      "You hold $\\sqrt{L}$ checkpoints plus the $\\sqrt{L}$ layers of the segment being recomputed, $O(\\sqrt{L})$ in all; every layer is recomputed once, which is one more forward pass (about a third more training compute).",
      "保持するのは $\\sqrt{L}$ 個のチェックポイントと、計算し直している区間の $\\sqrt{L}$ 層分だけで、合計 $O(\\sqrt{L})$ です。各層は 1 回ずつ再計算されるので、順伝播がもう 1 回増えます（学習の計算量でおよそ 3 割増し）。",
    ),
  },
  {
    id: "backprop-checkpointing-peak",
    type: "param-numeric",
    prompt: text(
      "A network has $L = {{L}}$ layers. With checkpoints every $\\sqrt{L}$ layers, the backward pass holds the $\\sqrt{L}$ checkpoints plus the activations of the one segment being recomputed. At most how many layers' activations are held at once? (Without checkpointing it is $L$.)",
      "$L = {{L}}$ 層のネットワークで、$\\sqrt{L}$ 層ごとにチェックポイントを置きます。逆伝播の間に保持するのは、$\\sqrt{L}$ 個のチェックポイントと、計算し直している 1 区間分の活性です。同時に保持する活性は最大で何層分ですか（チェックポイントなしなら $L$ 層分です）。",
    ),
    params: (rng) => ({ L: rng.int(3, 12) ** 2 }),
    answer: (p) => 2 * Math.sqrt(num(p, "L")),
    // Independently: count checkpoints and segment length with integer arithmetic.
    verify: (p) => {
      const L = num(p, "L");
      let k = 0;
      while ((k + 1) * (k + 1) <= L) k++;
      const checkpoints = L / k;
      return checkpoints + k;
    },
    tolerance: { abs: 1e-9 },
    explanation: text(
      "$\\sqrt{L}$ checkpoints plus one segment of $\\sqrt{L}$ layers: $2\\sqrt{L}$ layers instead of $L$. For $L = 100$ that is 20 instead of 100.",
      "$\\sqrt{L}$ 個のチェックポイントと $\\sqrt{L}$ 層の区間 1 つで $2\\sqrt{L}$ 層分になり、$L$ 層分から大きく減ります。$L = 100$ なら 100 層分が 20 層分になります。",
    ),
  },
  ...secondRound,
]);
