import { defineQuiz, text } from "../../graders/content";
import type { QuizParams } from "../../graders/content";

/** Parameters are shown to learners as written, so keep them short. */
const round1 = (x: number): number => Math.round(x * 10) / 10;
const round2 = (x: number): number => Math.round(x * 100) / 100;
const num = (p: QuizParams, name: string): number => p[name] as number;
const vec = (p: QuizParams, name: string): number[] => p[name] as number[];

/** A central difference with a small step: an independent check of a hand-derived derivative. */
const centralDiff = (f: (x: number) => number, x: number, h = 1e-5): number => (f(x + h) - f(x - h)) / (2 * h);

export default defineQuiz([
  {
    id: "autodiff-forward-vs-reverse-cost",
    type: "single",
    prompt: text(
      "A function $f:\\mathbb{R}^n \\to \\mathbb{R}^m$ costs one unit to evaluate. Roughly how many evaluation-sized passes does it take to get its full Jacobian with forward mode, and with reverse mode?",
      "関数 $f:\\mathbb{R}^n \\to \\mathbb{R}^m$ の評価 1 回のコストを 1 とします。ヤコビ行列全体を求めるのに、前進モードと後退モードではそれぞれ評価何回分くらいのパスが必要ですか。",
    ),
    choices: [
      { id: "a", text: text("Forward: $n$ passes (one per input); reverse: $m$ passes (one per output)", "前進モード：$n$ 回（入力 1 つにつき 1 回）、後退モード：$m$ 回（出力 1 つにつき 1 回）") },
      { id: "b", text: text("Forward: $m$ passes; reverse: $n$ passes", "前進モード：$m$ 回、後退モード：$n$ 回") },
      { id: "c", text: text("Both need $n \\cdot m$ passes", "どちらも $n \\cdot m$ 回") },
      { id: "d", text: text("Both need a single pass", "どちらも 1 回") },
    ],
    answer: "a",
    explanation: text(
      "A forward pass pushes one input direction through (a column of $J$, a JVP); a reverse pass pulls one output weighting back (a row of $J$, a VJP). A loss has $m = 1$ and millions of inputs, so reverse mode gives the whole gradient for a small constant times one evaluation.",
      "前進パスは入力の 1 方向を押し出し（$J$ の 1 列、JVP）、後退パスは出力の 1 つの重み付けを引き戻します（$J$ の 1 行、VJP）。損失関数は $m = 1$ で入力が何百万もあるので、後退モードなら評価 1 回の定数倍で勾配全体が得られます。",
    ),
  },
  {
    id: "autodiff-jvp-vjp",
    type: "multi",
    prompt: text(
      "Let $J$ be the Jacobian of $f:\\mathbb{R}^n \\to \\mathbb{R}^m$ at $x$. Which statements are true? Select all that apply.",
      "$J$ を $f:\\mathbb{R}^n \\to \\mathbb{R}^m$ の $x$ におけるヤコビ行列とします。正しいものをすべて選んでください。",
    ),
    choices: [
      { id: "a", text: text("Forward mode computes a Jacobian–vector product $Jv$ with $v \\in \\mathbb{R}^n$", "前進モードはヤコビ行列とベクトルの積 $Jv$（$v \\in \\mathbb{R}^n$）を計算する") },
      { id: "b", text: text("Reverse mode computes a vector–Jacobian product $u^\\top J$ with $u \\in \\mathbb{R}^m$", "後退モードはベクトルとヤコビ行列の積 $u^\\top J$（$u \\in \\mathbb{R}^m$）を計算する") },
      { id: "c", text: text("For a scalar loss ($m = 1$), the gradient is the VJP with $u = 1$", "スカラーの損失（$m = 1$）では、勾配は $u = 1$ の VJP である") },
      { id: "d", text: text("A JVP needs the whole matrix $J$ to be formed first", "JVP を求めるには、まず行列 $J$ 全体を作る必要がある") },
      { id: "e", text: text("Backpropagation through a layer $y = Wx$ multiplies the upstream gradient by $W^\\top$, which is a VJP", "層 $y = Wx$ の逆伝播では上流の勾配に $W^\\top$ を掛けるが、これは VJP である") },
    ],
    answer: ["a", "b", "c", "e"],
    explanation: text(
      "Both products are computed without ever forming $J$: forward mode carries tangents $\\dot x \\mapsto J\\dot x$, reverse mode carries adjoints $\\bar y \\mapsto J^\\top \\bar y$. For $y = Wx$, $J = W$ and the backward pass computes $W^\\top \\bar y$.",
      "どちらの積も $J$ を作らずに計算できます。前進モードは接ベクトル $\\dot x \\mapsto J\\dot x$ を、後退モードは随伴 $\\bar y \\mapsto J^\\top \\bar y$ を運びます。$y = Wx$ なら $J = W$ で、逆伝播は $W^\\top \\bar y$ を計算します。",
    ),
  },
  {
    id: "autodiff-wengert-adjoint",
    type: "param-numeric",
    prompt: text(
      "The Wengert list of $f(x_1, x_2) = \\log x_1 + x_1 x_2 - \\sin x_2$ is $v_1 = x_1$, $v_2 = x_2$, $v_3 = \\log v_1$, $v_4 = v_1 v_2$, $v_5 = \\sin v_2$, $v_6 = v_3 + v_4$, $y = v_6 - v_5$. At $x_1 = {{x1}}$, $x_2 = {{x2}}$, what is the adjoint $\\bar v_1 = \\partial y / \\partial v_1$? (3 decimals)",
      "$f(x_1, x_2) = \\log x_1 + x_1 x_2 - \\sin x_2$ のウェンガート・リストは $v_1 = x_1$、$v_2 = x_2$、$v_3 = \\log v_1$、$v_4 = v_1 v_2$、$v_5 = \\sin v_2$、$v_6 = v_3 + v_4$、$y = v_6 - v_5$ です。$x_1 = {{x1}}$、$x_2 = {{x2}}$ のとき、随伴値 $\\bar v_1 = \\partial y / \\partial v_1$ はいくつですか（小数第 3 位まで）。",
    ),
    params: (rng) => ({ x1: round1(rng.uniform(0.5, 4)), x2: round1(rng.uniform(-3, 3)) }),
    // v₁ feeds v₃ and v₄: v̄₁ = v̄₃·(1/v₁) + v̄₄·v₂ with v̄₃ = v̄₄ = v̄₆ = 1.
    answer: (p) => 1 / num(p, "x1") + num(p, "x2"),
    verify: (p) => centralDiff((x1) => Math.log(x1) + x1 * num(p, "x2") - Math.sin(num(p, "x2")), num(p, "x1")),
    tolerance: { abs: 0.001 },
    explanation: text(
      "Backwards from $\\bar y = 1$: $\\bar v_6 = 1$, so $\\bar v_3 = \\bar v_4 = 1$. $v_1$ is used twice, so its adjoint sums both uses: $\\bar v_1 = \\bar v_3 \\cdot \\tfrac{1}{v_1} + \\bar v_4 \\cdot v_2 = \\tfrac{1}{x_1} + x_2$.",
      "$\\bar y = 1$ から逆にたどると $\\bar v_6 = 1$、よって $\\bar v_3 = \\bar v_4 = 1$ です。$v_1$ は 2 か所で使われているので、随伴値は両方の寄与の和 $\\bar v_1 = \\bar v_3 \\cdot \\tfrac{1}{v_1} + \\bar v_4 \\cdot v_2 = \\tfrac{1}{x_1} + x_2$ になります。",
    ),
  },
  {
    id: "autodiff-dual-by-hand",
    type: "param-numeric",
    prompt: text(
      "Evaluate $f(x) = x^3 - {{c}}\\,x$ on the dual number $x = {{a}} + \\varepsilon$ (with $\\varepsilon^2 = 0$) by hand. What is the coefficient of $\\varepsilon$ in the result?",
      "双対数 $x = {{a}} + \\varepsilon$（$\\varepsilon^2 = 0$）で $f(x) = x^3 - {{c}}\\,x$ を手計算してください。結果の $\\varepsilon$ の係数はいくつですか。",
    ),
    // c ≠ 3a², so that the answer 3a² − c is never 0 (a free guess).
    params: (rng) => {
      const a = rng.int(-4, 4);
      const c = rng.int(1, 6);
      return { a, c: c === 3 * a * a ? c + 1 : c };
    },
    // (a + ε)³ = a³ + 3a²ε (the ε² and ε³ terms vanish), and c·(a + ε) = ca + cε.
    answer: (p) => 3 * num(p, "a") ** 2 - num(p, "c"),
    verify: (p) => centralDiff((x) => x ** 3 - num(p, "c") * x, num(p, "a")),
    tolerance: { abs: 1e-4 },
    explanation: text(
      "$(a + \\varepsilon)^3 = a^3 + 3a^2\\varepsilon + 3a\\varepsilon^2 + \\varepsilon^3 = a^3 + 3a^2\\varepsilon$, so the $\\varepsilon$ part is $3a^2 - c = f'(a)$: seeding $\\dot x = 1$ makes the dual part the derivative.",
      "$(a + \\varepsilon)^3 = a^3 + 3a^2\\varepsilon + 3a\\varepsilon^2 + \\varepsilon^3 = a^3 + 3a^2\\varepsilon$ なので、$\\varepsilon$ の係数は $3a^2 - c = f'(a)$ です。$\\dot x = 1$ を種にすると、双対部分がちょうど微分係数になります。",
    ),
  },
  {
    id: "autodiff-dual-product",
    type: "numeric",
    prompt: text(
      "Compute $(3 + 2\\varepsilon)\\,(4 - \\varepsilon)$ with $\\varepsilon^2 = 0$. What is the coefficient of $\\varepsilon$?",
      "$\\varepsilon^2 = 0$ として $(3 + 2\\varepsilon)\\,(4 - \\varepsilon)$ を計算してください。$\\varepsilon$ の係数はいくつですか。",
    ),
    answer: 5,
    tolerance: { abs: 1e-9 },
    explanation: text(
      "$(3 + 2\\varepsilon)(4 - \\varepsilon) = 12 - 3\\varepsilon + 8\\varepsilon - 2\\varepsilon^2 = 12 + 5\\varepsilon$: the product rule $u'v + uv' = 2 \\cdot 4 + 3 \\cdot (-1)$ appears by itself.",
      "$(3 + 2\\varepsilon)(4 - \\varepsilon) = 12 - 3\\varepsilon + 8\\varepsilon - 2\\varepsilon^2 = 12 + 5\\varepsilon$ です。積の微分 $u'v + uv' = 2 \\cdot 4 + 3 \\cdot (-1)$ が自然に現れます。",
    ),
  },
  {
    id: "autodiff-optimal-step",
    type: "single",
    prompt: text(
      "In double precision ($\\varepsilon \\approx 2.2\\times 10^{-16}$), which step sizes roughly minimise the total error of a forward difference $(f(x+h) - f(x))/h$ and of a central difference $(f(x+h) - f(x-h))/2h$, for $x$ and $f$ of order 1?",
      "倍精度（$\\varepsilon \\approx 2.2\\times 10^{-16}$）で $x$ と $f$ がともに 1 程度の大きさのとき、前進差分 $(f(x+h) - f(x))/h$ と中心差分 $(f(x+h) - f(x-h))/2h$ の誤差の合計をおおよそ最小にする刻み幅はどれですか。",
    ),
    choices: [
      { id: "a", text: text("Forward: $h \\approx \\varepsilon^{1/3}$; central: $h \\approx \\varepsilon^{1/2}$", "前進差分：$h \\approx \\varepsilon^{1/3}$、中心差分：$h \\approx \\varepsilon^{1/2}$") },
      { id: "b", text: text("Forward: $h \\approx \\varepsilon^{1/2} \\approx 10^{-8}$; central: $h \\approx \\varepsilon^{1/3} \\approx 6\\times10^{-6}$", "前進差分：$h \\approx \\varepsilon^{1/2} \\approx 10^{-8}$、中心差分：$h \\approx \\varepsilon^{1/3} \\approx 6\\times10^{-6}$") },
      { id: "c", text: text("Both: as small as possible, $h \\approx \\varepsilon$", "どちらも：できるだけ小さく、$h \\approx \\varepsilon$") },
      { id: "d", text: text("Both: $h \\approx 10^{-2}$, since rounding does not matter", "どちらも：$h \\approx 10^{-2}$。丸め誤差は関係ないため") },
    ],
    answer: "b",
    explanation: text(
      "Rounding contributes about $\\varepsilon/h$. The truncation error is $O(h)$ for the forward difference, so $h + \\varepsilon/h$ is smallest at $h \\approx \\sqrt\\varepsilon$; it is $O(h^2)$ for the central one, so $h^2 + \\varepsilon/h$ is smallest at $h \\approx \\varepsilon^{1/3}$, with a total error near $\\varepsilon^{2/3} \\approx 4\\times10^{-11}$.",
      "丸め誤差の寄与は約 $\\varepsilon/h$ です。前進差分の打ち切り誤差は $O(h)$ なので $h + \\varepsilon/h$ は $h \\approx \\sqrt\\varepsilon$ で最小、中心差分では $O(h^2)$ なので $h^2 + \\varepsilon/h$ は $h \\approx \\varepsilon^{1/3}$ で最小になり、誤差の合計は $\\varepsilon^{2/3} \\approx 4\\times10^{-11}$ 程度です。",
    ),
  },
  {
    id: "autodiff-relative-error",
    type: "param-numeric",
    prompt: text(
      "A gradient check compares the analytic gradient $g_a = {{ga}}$ with the numerical gradient $g_n = {{gn}}$. Compute $\\mathrm{rel} = \\lVert g_a - g_n\\rVert / (\\lVert g_a\\rVert + \\lVert g_n\\rVert + 10^{-12})$ (Euclidean norms). Give it to 2 significant digits.",
      "勾配チェックで、解析的な勾配 $g_a = {{ga}}$ と数値勾配 $g_n = {{gn}}$ を比べます。$\\mathrm{rel} = \\lVert g_a - g_n\\rVert / (\\lVert g_a\\rVert + \\lVert g_n\\rVert + 10^{-12})$（ユークリッドノルム）を有効数字 2 桁で求めてください。",
    ),
    params: (rng) => {
      const ga = [rng.int(-9, 9), rng.int(-9, 9), rng.int(1, 9)];
      // gn differs in one entry by a small amount, or is a scaled copy (a wrong factor).
      const k = rng.int(0, 2);
      const gn = rng.next() < 0.5 ? ga.map((g, i) => (i === k ? round2(g + rng.pick([-1, 1]) * rng.pick([0.01, 0.02, 0.05])) : g)) : ga.map((g) => 2 * g);
      return { ga, gn };
    },
    answer: (p) => {
      const ga = vec(p, "ga");
      const gn = vec(p, "gn");
      const norm = (v: number[]) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));
      return norm(ga.map((g, i) => g - gn[i]!)) / (norm(ga) + norm(gn) + 1e-12);
    },
    // Independently: the norms with Math.hypot.
    verify: (p) => {
      const ga = vec(p, "ga");
      const gn = vec(p, "gn");
      return Math.hypot(...ga.map((g, i) => g - gn[i]!)) / (Math.hypot(...ga) + Math.hypot(...gn) + 1e-12);
    },
    tolerance: { rel: 0.05 },
    explanation: text(
      "Below $10^{-5}$ the check passes, between $10^{-5}$ and $10^{-3}$ it is suspicious, above $10^{-3}$ it fails. A gradient that is off by a factor 2 always gives $\\mathrm{rel} = 1/3$, whatever its size; an error of $0.01$ in one entry gives $0.01/(\\lVert g_a\\rVert + \\lVert g_n\\rVert)$, about $3\\times10^{-4}$ to $2\\times10^{-3}$ for the gradients of this question, so the same slip passes as suspicious or fails depending on the gradient's size.",
      "$10^{-5}$ 未満なら pass、$10^{-5}$ から $10^{-3}$ の間なら suspicious、$10^{-3}$ を超えれば fail です。2 倍ずれた勾配は大きさによらず必ず $\\mathrm{rel} = 1/3$ になり、1 成分だけ $0.01$ ずれた場合は $0.01/(\\lVert g_a\\rVert + \\lVert g_n\\rVert)$、この問題の勾配ではおよそ $3\\times10^{-4}$ から $2\\times10^{-3}$ になり、同じずれでも勾配の大きさによって suspicious にも fail にもなります。",
    ),
  },
  {
    id: "autodiff-in-place",
    type: "single",
    prompt: text(
      "Why do frameworks such as PyTorch refuse some in-place operations (`x.mul_(2)`, `relu_`) inside a graph that will be differentiated in reverse mode?",
      "PyTorch などのフレームワークが、後退モードで微分する計算グラフの中で一部のインプレース演算（`x.mul_(2)` や `relu_`）を拒否するのはなぜですか。",
    ),
    choices: [
      { id: "a", text: text("In-place operations are slower than out-of-place ones", "インプレース演算は新しい配列を作る演算より遅いから") },
      { id: "b", text: text("In-place operations have no derivative", "インプレース演算には微分が存在しないから") },
      { id: "c", text: text("The backward pass needs values saved during the forward pass (e.g. $x$ for $\\partial(xy)/\\partial y$); overwriting them in place would make it use the wrong values", "後退パスは順方向で保存した値（たとえば $\\partial(xy)/\\partial y$ に使う $x$）を必要とし、それをインプレースで上書きすると誤った値が使われてしまうから") },
      { id: "d", text: text("Reverse mode only works on immutable numbers, so any mutation is forbidden", "後退モードは不変な数にしか使えないので、あらゆる書き換えが禁止されているから") },
    ],
    answer: "c",
    explanation: text(
      "The tape stores references to the inputs of each operation, because local derivatives such as $\\partial(xy)/\\partial x = y$ are evaluated during the backward sweep. Frameworks keep a version counter on each tensor and raise an error when a saved tensor was modified.",
      "局所的な微分 $\\partial(xy)/\\partial x = y$ などは後退パスの途中で評価されるため、テープは各演算の入力への参照を保持しています。フレームワークはテンソルごとにバージョン番号を持ち、保存済みのテンソルが書き換えられていればエラーにします。",
    ),
  },
  {
    id: "autodiff-reverse-memory",
    type: "multi",
    prompt: text(
      "Which statements about the costs of reverse-mode differentiation of a scalar function are true? Select all that apply.",
      "スカラー関数の後退モード微分のコストについて、正しいものをすべて選んでください。",
    ),
    choices: [
      { id: "a", text: text("Its time is a small constant (typically under 4–5) times the cost of evaluating $f$, independent of the number of inputs", "計算時間は $f$ の評価コストの小さな定数倍（ふつう 4〜5 倍以下）で、入力の数によらない") },
      { id: "b", text: text("Its memory grows with the number of operations recorded on the tape", "メモリ使用量はテープに記録される演算の数とともに増える") },
      { id: "c", text: text("Forward mode needs to store the whole computation as well", "前進モードも計算全体を保存しておく必要がある") },
      { id: "d", text: text("Checkpointing trades memory for time by recomputing parts of the forward pass during the backward pass", "チェックポイントは、後退パスの途中で順方向の計算の一部をやり直すことで、メモリを時間と引き換えに減らす") },
    ],
    answer: ["a", "b", "d"],
    explanation: text(
      "Reverse mode must keep every intermediate value until the backward sweep reaches it, which is why training memory is dominated by activations. Forward mode only carries the current (value, tangent) pairs, so its extra memory is constant.",
      "後退モードでは、逆向きのパスがたどり着くまですべての中間値を保持しておく必要があります。学習時のメモリの大半が活性化で占められるのはこのためです。前進モードは現在の（値, 接ベクトル）の組を運ぶだけなので、追加のメモリは一定です。",
    ),
  },
  {
    id: "autodiff-finite-difference-cost",
    type: "param-numeric",
    prompt: text(
      "How many evaluations of $f:\\mathbb{R}^{n}\\to\\mathbb{R}$ does a full central-difference gradient take for $n = {{n}}$? (Reverse mode would need about one forward and one backward pass.)",
      "$n = {{n}}$ のとき、$f:\\mathbb{R}^{n}\\to\\mathbb{R}$ の勾配全体を中心差分で求めるには $f$ を何回評価しますか（後退モードなら順方向と逆方向のパス 1 回ずつで済みます）。",
    ),
    params: (rng) => ({ n: rng.pick([10, 100, 784, 1000, 4096, 1_000_000]) }),
    answer: (p) => 2 * num(p, "n"),
    // Counted rather than multiplied: two evaluations, at x + h·eᵢ and x − h·eᵢ, per coordinate.
    verify: (p) => {
      let evaluations = 0;
      for (let i = 0; i < num(p, "n"); i++) evaluations += 2;
      return evaluations;
    },
    tolerance: { abs: 0.5 },
    explanation: text(
      "Each coordinate needs $f(x + he_i)$ and $f(x - he_i)$, so $2n$ evaluations: fine for checking a gradient on a few inputs, hopeless for training a network with millions of parameters.",
      "各座標について $f(x + he_i)$ と $f(x - he_i)$ が必要なので $2n$ 回です。少数の入力で勾配を検証するには十分ですが、何百万ものパラメータを持つネットワークの学習にはまったく使えません。",
    ),
  },
  {
    id: "autodiff-jacobian-passes",
    type: "param-numeric",
    prompt: text(
      "You need the full Jacobian of $f:\\mathbb{R}^{ {{n}} }\\to\\mathbb{R}^{ {{m}} }$ and may choose forward or reverse mode. What is the smallest number of passes (JVPs or VJPs) that gives it?",
      "$f:\\mathbb{R}^{ {{n}} }\\to\\mathbb{R}^{ {{m}} }$ のヤコビ行列全体が必要で、前進モードと後退モードのどちらを使ってもかまいません。必要なパス（JVP または VJP）の回数は最小で何回ですか。",
    ),
    params: (rng) => ({ n: rng.pick([1, 3, 10, 50, 1000]), m: rng.pick([1, 2, 10, 100, 5000]) }),
    answer: (p) => Math.min(num(p, "n"), num(p, "m")),
    // Independently: forward mode builds J column by column (n passes), reverse mode row by row (m passes).
    verify: (p) => {
      const forward = num(p, "n");
      const reverse = num(p, "m");
      return forward <= reverse ? forward : reverse;
    },
    tolerance: { abs: 0.5 },
    explanation: text(
      "Forward mode yields one column per pass ($n$ passes), reverse mode one row per pass ($m$ passes); take whichever is smaller. Wide-to-narrow functions (losses) favour reverse mode, narrow-to-wide ones forward mode.",
      "前進モードは 1 パスで 1 列（計 $n$ 回）、後退モードは 1 パスで 1 行（計 $m$ 回）を与えるので、小さいほうを選びます。入力が多く出力が少ない関数（損失関数）なら後退モード、その逆なら前進モードが有利です。",
    ),
  },
  {
    id: "autodiff-hvp-cost",
    type: "single",
    prompt: text(
      "For $f:\\mathbb{R}^n \\to \\mathbb{R}$ with $n = 10^7$, which is the practical way to use curvature information?",
      "$n = 10^7$ の $f:\\mathbb{R}^n \\to \\mathbb{R}$ で曲率の情報を使いたいとき、現実的な方法はどれですか。",
    ),
    choices: [
      { id: "a", text: text("Form the full Hessian with $n$ reverse passes and invert it", "後退パス $n$ 回でヘッセ行列全体を作り、その逆行列を求める") },
      { id: "b", text: text("Approximate every entry $\\partial^2 f/\\partial x_i \\partial x_j$ by second differences", "すべての要素 $\\partial^2 f/\\partial x_i \\partial x_j$ を 2 階差分で近似する") },
      { id: "c", text: text("Curvature cannot be used at this scale at all", "この規模では曲率の情報はまったく使えない") },
      { id: "d", text: text("Hessian–vector products $Hv$, each costing a few gradient evaluations (forward-over-reverse, or a difference of two gradients)", "ヘッセ行列とベクトルの積 $Hv$ を使う。1 回あたり勾配の評価数回分のコストで済む（前進モードと後退モードの組み合わせ、または 2 つの勾配の差）") },
    ],
    answer: "d",
    explanation: text(
      "The Hessian has $10^{14}$ entries; $Hv$ is the directional derivative of the gradient and needs no matrix. Conjugate gradients, Lanczos eigenvalue estimates and Newton–CG use only such products.",
      "ヘッセ行列の要素は $10^{14}$ 個ありますが、$Hv$ は勾配の方向微分なので行列は不要です。共役勾配法、ランチョス法による固有値の推定、ニュートン CG 法はこの積だけを使います。",
    ),
  },
]);
