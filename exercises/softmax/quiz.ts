import { defineQuiz, text } from "../../graders/content";
import type { QuizParams } from "../../graders/content";
import { secondRound } from "./quiz-second-round";

/** Parameters are shown to learners as written, so keep them short: two decimals. */
const round2 = (x: number): number => Math.round(x * 100) / 100;

const vec = (p: QuizParams, name: string): number[] => p[name] as number[];
const num = (p: QuizParams, name: string): number => p[name] as number;

export default defineQuiz([
  {
    id: "softmax-temperature-limits",
    type: "single",
    prompt: text(
      "What does $\\operatorname{softmax}(z/T)$ tend to as $T \\to 0^{+}$ and as $T \\to \\infty$ (for logits without ties)?",
      "ロジットに同点がないとき、$T \\to 0^{+}$ と $T \\to \\infty$ で $\\operatorname{softmax}(z/T)$ はそれぞれ何に近づきますか。",
    ),
    choices: [
      { id: "a", text: text("$T \\to 0^{+}$: the uniform distribution; $T \\to \\infty$: a one-hot vector on the largest logit", "$T \\to 0^{+}$：一様分布、$T \\to \\infty$：最大のロジットに 1 が立つ one-hot ベクトル") },
      { id: "b", text: text("$T \\to 0^{+}$: a one-hot vector on the largest logit; $T \\to \\infty$: the uniform distribution", "$T \\to 0^{+}$：最大のロジットに 1 が立つ one-hot ベクトル、$T \\to \\infty$：一様分布") },
      { id: "c", text: text("Both limits give $\\operatorname{softmax}(z)$: the temperature cancels in the ratio", "どちらも $\\operatorname{softmax}(z)$ のまま：温度は比の中で打ち消し合う") },
      { id: "d", text: text("$T \\to 0^{+}$: all zeros; $T \\to \\infty$: all ones", "$T \\to 0^{+}$：すべて 0、$T \\to \\infty$：すべて 1") },
    ],
    answer: "b",
    explanation: text(
      "Dividing by a small $T$ stretches the gaps between logits, so the largest one takes all the mass (the arg max); a large $T$ shrinks every gap towards 0, and equal logits give $1/n$ each.",
      "小さな $T$ で割るとロジットの差が引き伸ばされ、最大のロジットが確率をすべて取ります（arg max）。大きな $T$ ではすべての差が 0 に縮み、等しいロジットはそれぞれ $1/n$ になります。",
    ),
  },
  {
    id: "softmax-shift-invariance",
    type: "multi",
    prompt: text(
      "Which statements about computing $\\operatorname{softmax}(z)$ as $\\operatorname{softmax}(z - \\max_j z_j)$ are true? Select all that apply.",
      "$\\operatorname{softmax}(z)$ を $\\operatorname{softmax}(z - \\max_j z_j)$ として計算することについて、正しいものをすべて選んでください。",
    ),
    choices: [
      { id: "a", text: text("$\\operatorname{softmax}(z + c) = \\operatorname{softmax}(z)$ for every constant $c$ added to all entries, so the result is exact, not an approximation", "すべての要素に同じ定数 $c$ を足しても $\\operatorname{softmax}(z + c) = \\operatorname{softmax}(z)$ なので、結果は近似ではなく厳密に同じ") },
      { id: "b", text: text("The largest exponent becomes $0$, so no $e^{x}$ can overflow", "最大の指数が $0$ になるので、どの $e^{x}$ もオーバーフローしない") },
      { id: "c", text: text("The denominator becomes at least $1$, so it cannot underflow to $0$", "分母が $1$ 以上になるので、$0$ にアンダーフローしない") },
      { id: "d", text: text("$\\operatorname{softmax}(c z) = \\operatorname{softmax}(z)$ for every $c > 0$ as well", "任意の $c > 0$ について $\\operatorname{softmax}(c z) = \\operatorname{softmax}(z)$ も成り立つ") },
      { id: "e", text: text("Subtracting the minimum instead of the maximum works just as well", "最大値の代わりに最小値を引いても同じくらいうまくいく") },
    ],
    answer: ["a", "b", "c"],
    explanation: text(
      "The factor $e^{c}$ cancels between numerator and denominator, so any shift is exact; the maximum is the shift that keeps every exponent $\\le 0$ with one of them equal to $0$. Scaling by $c$ is a temperature change, and shifting by the minimum can still overflow.",
      "因子 $e^{c}$ は分子と分母で打ち消し合うので、どんなシフトも厳密です。最大値でシフトすると、すべての指数が $0$ 以下で、そのうち 1 つがちょうど $0$ になります。$c$ 倍は温度を変えることにあたり、最小値でのシフトではオーバーフローが起こりえます。",
    ),
  },
  {
    id: "softmax-largest-probability",
    type: "param-numeric",
    prompt: text(
      "Compute $\\operatorname{softmax}(z)$ for $z = {{z}}$. What is its largest probability? (3 decimals)",
      "$z = {{z}}$ について $\\operatorname{softmax}(z)$ を計算してください。最大の確率はいくつですか（小数第 3 位まで）。",
    ),
    params: (rng) => ({ z: [round2(rng.uniform(0, 3)), round2(rng.uniform(-1, 2)), round2(rng.uniform(-2, 1))] }),
    answer: (p) => {
      const z = vec(p, "z");
      const m = Math.max(...z);
      return 1 / z.reduce((s, x) => s + Math.exp(x - m), 0);
    },
    // Independently: every probability from the plain formula, then the largest.
    verify: (p) => {
      const e = vec(p, "z").map(Math.exp);
      const sum = e.reduce((a, b) => a + b, 0);
      return Math.max(...e.map((x) => x / sum));
    },
    tolerance: { abs: 0.001 },
    explanation: text(
      "The largest logit $m$ has the largest probability $1 / \\sum_j e^{z_j - m}$. For $z = [2, 1, 0.1]$ it is $1/(1 + e^{-1} + e^{-1.9}) \\approx 0.659$.",
      "最大のロジット $m$ に最大の確率 $1 / \\sum_j e^{z_j - m}$ が対応します。$z = [2, 1, 0.1]$ なら $1/(1 + e^{-1} + e^{-1.9}) \\approx 0.659$ です。",
    ),
  },
  {
    id: "softmax-two-logit-temperature",
    type: "param-numeric",
    prompt: text(
      "A binary classifier outputs logits $a = {{a}}$ and $b = {{b}}$. At temperature $T = {{T}}$, what probability does $\\operatorname{softmax}([a, b]/T)$ give to the first class? (3 significant digits)",
      "2 値分類器がロジット $a = {{a}}$、$b = {{b}}$ を出力しました。温度 $T = {{T}}$ のとき、$\\operatorname{softmax}([a, b]/T)$ が 1 つ目のクラスに与える確率はいくつですか（有効数字 3 桁）。",
    ),
    params: (rng) => ({ a: round2(rng.uniform(-2, 3)), b: round2(rng.uniform(-2, 3)), T: rng.pick([0.5, 1, 2, 5]) }),
    // Two-class softmax is the logistic sigmoid of the scaled logit difference.
    answer: (p) => 1 / (1 + Math.exp(-(num(p, "a") - num(p, "b")) / num(p, "T"))),
    verify: (p) => {
      const ea = Math.exp(num(p, "a") / num(p, "T"));
      const eb = Math.exp(num(p, "b") / num(p, "T"));
      return ea / (ea + eb);
    },
    // Probabilities down to about 1e−4: relative, at the rounding of 3 significant digits (≤ 5e−3).
    tolerance: { rel: 6e-3 },
    explanation: text(
      "With two classes, $\\operatorname{softmax}([a, b]/T)_1 = \\sigma\\big((a - b)/T\\big) = 1/(1 + e^{-(a-b)/T})$: only the gap matters, and $T$ stretches or shrinks it.",
      "2 クラスなら $\\operatorname{softmax}([a, b]/T)_1 = \\sigma\\big((a - b)/T\\big) = 1/(1 + e^{-(a-b)/T})$ です。効くのは差だけで、$T$ はその差を伸び縮みさせます。",
    ),
  },
  {
    id: "softmax-log-of-softmax",
    type: "single",
    prompt: text(
      "Why do libraries provide a separate `log_softmax` instead of letting you write `log(softmax(z))`?",
      "ライブラリが `log(softmax(z))` と書かせずに、専用の `log_softmax` を用意しているのはなぜですか。",
    ),
    choices: [
      { id: "a", text: text("`log` is much slower than `exp`", "`log` は `exp` よりずっと遅いから") },
      { id: "b", text: text("$\\log \\operatorname{softmax}$ is a different function that is not the log of the probabilities", "$\\log \\operatorname{softmax}$ は確率の対数とは別の関数だから") },
      { id: "c", text: text("A probability below about $5 \\times 10^{-324}$ is stored as $0$, and $\\log 0 = -\\infty$, although $z_i - \\log\\sum_j e^{z_j}$ is an ordinary number such as $-800$", "約 $5 \\times 10^{-324}$ 未満の確率は $0$ として記録され $\\log 0 = -\\infty$ になるが、$z_i - \\log\\sum_j e^{z_j}$ 自体は $-800$ のような普通の数だから") },
      { id: "d", text: text("Softmax outputs can be negative, and the log of a negative number is NaN", "ソフトマックスの出力は負になることがあり、負の数の対数は NaN だから") },
    ],
    answer: "c",
    explanation: text(
      "Going through the probabilities throws away everything below the smallest double; working with the logits, $z_i - \\max - \\log\\sum_j e^{z_j - \\max}$, keeps full precision, and a $-\\infty$ in a loss would turn every gradient into NaN.",
      "確率を経由すると、倍精度の最小値より小さい情報がすべて失われます。ロジットのまま $z_i - \\max - \\log\\sum_j e^{z_j - \\max}$ を計算すれば精度は保たれます。損失に $-\\infty$ が混ざると、勾配はすべて NaN になってしまいます。",
    ),
  },
  {
    id: "softmax-logsumexp-bounds",
    type: "multi",
    prompt: text(
      "Let $\\operatorname{LSE}(z) = \\log \\sum_{j=1}^{n} e^{z_j}$ for $z \\in \\mathbb{R}^n$. Which statements are true? Select all that apply.",
      "$z \\in \\mathbb{R}^n$ に対して $\\operatorname{LSE}(z) = \\log \\sum_{j=1}^{n} e^{z_j}$ とします。正しいものをすべて選んでください。",
    ),
    choices: [
      { id: "a", text: text("$\\max_j z_j \\le \\operatorname{LSE}(z)$", "$\\max_j z_j \\le \\operatorname{LSE}(z)$") },
      { id: "b", text: text("$\\operatorname{LSE}(z) \\le \\max_j z_j + \\log n$, with equality when all entries are equal", "$\\operatorname{LSE}(z) \\le \\max_j z_j + \\log n$ で、すべての要素が等しいとき等号が成り立つ") },
      { id: "c", text: text("$\\nabla \\operatorname{LSE}(z) = \\operatorname{softmax}(z)$", "$\\nabla \\operatorname{LSE}(z) = \\operatorname{softmax}(z)$") },
      { id: "d", text: text("$\\operatorname{LSE}(z) \\le \\max_j z_j$", "$\\operatorname{LSE}(z) \\le \\max_j z_j$") },
      { id: "e", text: text("$\\operatorname{LSE}(z + c) = \\operatorname{LSE}(z)$ for every constant $c$", "任意の定数 $c$ について $\\operatorname{LSE}(z + c) = \\operatorname{LSE}(z)$") },
    ],
    answer: ["a", "b", "c"],
    explanation: text(
      "The sum lies between its largest term $e^{\\max}$ and $n e^{\\max}$, which gives both bounds; LSE is a smooth maximum whose gradient is the softmax. Adding $c$ to every entry adds $c$ to LSE, which is why $m + \\operatorname{LSE}(z - m)$ is exact.",
      "和は最大の項 $e^{\\max}$ と $n e^{\\max}$ の間にあるので、2 つの不等式が得られます。LSE はなめらかな最大値で、その勾配はソフトマックスです。すべての要素に $c$ を足すと LSE も $c$ 増えるので、$m + \\operatorname{LSE}(z - m)$ は厳密に等しくなります。",
    ),
  },
  {
    id: "softmax-logsumexp-pair",
    type: "param-numeric",
    prompt: text(
      "Compute $\\operatorname{LSE}(a, b) = \\log(e^{a} + e^{b})$ for $a = {{a}}$ and $b = {{b}}$. (3 decimals; a calculator's $e^{a}$ will overflow, so use the shifted form)",
      "$a = {{a}}$、$b = {{b}}$ のとき $\\operatorname{LSE}(a, b) = \\log(e^{a} + e^{b})$ を計算してください（小数第 3 位まで。電卓で $e^{a}$ を計算するとオーバーフローするので、シフトした形を使いましょう）。",
    ),
    params: (rng) => {
      const a = rng.int(700, 1000);
      return { a, b: a - rng.int(0, 3) - rng.pick([0, 0.5]) };
    },
    answer: (p) => {
      const m = Math.max(num(p, "a"), num(p, "b"));
      return m + Math.log1p(Math.exp(-Math.abs(num(p, "a") - num(p, "b"))));
    },
    // Independently: factor out the smaller term instead of the larger one (safe here, the gap is at most 3.5).
    verify: (p) => {
      const lo = Math.min(num(p, "a"), num(p, "b"));
      return lo + Math.log(Math.exp(num(p, "a") - lo) + Math.exp(num(p, "b") - lo));
    },
    tolerance: { abs: 0.001 },
    explanation: text(
      "Factor out the maximum: $\\operatorname{LSE}(a, b) = \\max(a, b) + \\log\\big(1 + e^{-|a - b|}\\big)$. The correction lies between $0$ (a huge gap) and $\\log 2 \\approx 0.693$ (equal inputs).",
      "最大値をくくり出すと $\\operatorname{LSE}(a, b) = \\max(a, b) + \\log\\big(1 + e^{-|a - b|}\\big)$ です。補正項は $0$（差が非常に大きいとき）から $\\log 2 \\approx 0.693$（2 つが等しいとき）の間にあります。",
    ),
  },
  {
    id: "softmax-ce-one-hot",
    type: "param-numeric",
    prompt: text(
      "A classifier gives probability $p = {{p}}$ to the correct class. What is the cross-entropy loss of this example with its one-hot target, in nats? (3 decimals)",
      "分類器が正解クラスに確率 $p = {{p}}$ を与えました。one-hot な正解に対するこの事例の交差エントロピー損失は何ナットですか（小数第 3 位まで）。",
    ),
    params: (rng) => ({ p: round2(rng.uniform(0.01, 0.99)) }),
    answer: (p) => -Math.log(num(p, "p")),
    verify: (p) => Math.log(1 / num(p, "p")),
    tolerance: { abs: 0.001 },
    explanation: text(
      "With a one-hot target $y$, $H(y, p) = -\\sum_k y_k \\log p_k$ keeps only the correct class: the loss is $-\\log p$, which is $0$ for $p = 1$ and grows without bound as $p \\to 0$.",
      "one-hot な正解 $y$ では、$H(y, p) = -\\sum_k y_k \\log p_k$ のうち正解クラスの項だけが残り、損失は $-\\log p$ です。$p = 1$ なら $0$ で、$p \\to 0$ では限りなく大きくなります。",
    ),
  },
  {
    id: "softmax-uniform-ce",
    type: "numeric",
    prompt: text(
      "An untrained 10-class classifier outputs all-zero logits. What is its cross-entropy loss, in nats, whatever the target? (3 decimals)",
      "学習前の 10 クラス分類器がすべて 0 のロジットを出力します。正解が何であっても、交差エントロピー損失は何ナットですか（小数第 3 位まで）。",
    ),
    answer: Math.log(10),
    tolerance: { abs: 0.001 },
    explanation: text(
      "Equal logits give $p = 1/10$ for every class, so the loss is $-\\log(1/10) = \\log 10 \\approx 2.303$. Seeing this value at step 0 is a useful sanity check of a training loop.",
      "ロジットが等しければどのクラスも $p = 1/10$ なので、損失は $-\\log(1/10) = \\log 10 \\approx 2.303$ です。学習ループの最初のステップでこの値が出るかどうかは、よい健全性チェックになります。",
    ),
  },
  {
    id: "softmax-perplexity",
    type: "numeric",
    prompt: text(
      "A language model's mean cross-entropy on a test set is $3.912$ nats per token. What is its perplexity? (nearest integer)",
      "ある言語モデルのテストセットでの平均交差エントロピーは、1 トークンあたり $3.912$ ナットです。パープレキシティはいくつですか（最も近い整数）。",
    ),
    answer: Math.exp(3.912),
    tolerance: { abs: 0.5 },
    explanation: text(
      "Perplexity is $e^{\\text{CE}}$ (with CE in nats): $e^{3.912} \\approx 50$. The model is as uncertain as if it chose uniformly among about 50 tokens at every step.",
      "パープレキシティは $e^{\\text{CE}}$（CE はナット単位）なので、$e^{3.912} \\approx 50$ です。このモデルは、毎回およそ 50 個のトークンから一様に選んでいるのと同じくらい迷っていることになります。",
    ),
  },
  {
    id: "softmax-ce-gradient",
    type: "single",
    prompt: text(
      "For $L = -\\log \\operatorname{softmax}(z)_t$ with one-hot target $y$ and $s = \\operatorname{softmax}(z)$, what is $\\partial L / \\partial z$?",
      "$s = \\operatorname{softmax}(z)$、one-hot な正解を $y$ として、$L = -\\log \\operatorname{softmax}(z)_t$ のとき $\\partial L / \\partial z$ は何ですか。",
    ),
    choices: [
      { id: "a", text: text("$y - s$", "$y - s$") },
      { id: "b", text: text("$s \\odot (1 - s)$", "$s \\odot (1 - s)$") },
      { id: "c", text: text("$-1/s_t$ at the target and $0$ elsewhere", "正解の位置で $-1/s_t$、それ以外で $0$") },
      { id: "d", text: text("$s - y$", "$s - y$") },
    ],
    answer: "d",
    explanation: text(
      "Write $L = \\log\\sum_k e^{z_k} - z_t$: the first term's gradient is $s$, the second's is $y$. The full softmax Jacobian $\\operatorname{diag}(s) - s s^{\\top}$ collapses to this, which is why frameworks fuse softmax with cross-entropy.",
      "$L = \\log\\sum_k e^{z_k} - z_t$ と書けば、第 1 項の勾配は $s$、第 2 項の勾配は $y$ です。ソフトマックスのヤコビ行列 $\\operatorname{diag}(s) - s s^{\\top}$ 全体がこの形に簡約されるので、フレームワークはソフトマックスと交差エントロピーを 1 つにまとめています。",
    ),
  },
  {
    id: "softmax-attention-scaling",
    type: "single",
    prompt: text(
      "Why does scaled dot-product attention divide $QK^{\\top}$ by $\\sqrt{d_k}$?",
      "スケール付き内積アテンションが $QK^{\\top}$ を $\\sqrt{d_k}$ で割るのはなぜですか。",
    ),
    choices: [
      { id: "a", text: text("If the entries of $q$ and $k$ have variance 1, $q \\cdot k$ has variance $d_k$; unscaled scores grow with $d_k$, saturate the softmax and make its gradients vanish", "$q$ と $k$ の成分の分散が 1 なら $q \\cdot k$ の分散は $d_k$ になる。スケーリングしないとスコアが $d_k$ とともに大きくなり、ソフトマックスが飽和して勾配が消える") },
      { id: "b", text: text("To make the attention weights of each row sum to 1", "各行のアテンション重みの合計を 1 にするため") },
      { id: "c", text: text("To make the output independent of the number of keys $n$", "出力をキーの個数 $n$ に依存させないため") },
      { id: "d", text: text("To turn the dot product into a cosine similarity", "内積をコサイン類似度に変えるため") },
    ],
    answer: "a",
    explanation: text(
      "Dividing by the standard deviation $\\sqrt{d_k}$ keeps scores of order 1 at any head width; the softmax already normalizes each row, and the result is not a cosine because the vectors are not normalized.",
      "標準偏差 $\\sqrt{d_k}$ で割ると、ヘッドの幅によらずスコアが 1 程度の大きさに保たれます。各行の正規化はソフトマックスが行い、ベクトル自体は正規化されないのでコサイン類似度にはなりません。",
    ),
  },
  {
    id: "softmax-attention-cost",
    type: "single",
    prompt: text(
      "Self-attention over a sequence of $n$ tokens with head dimension $d$: how does the time to compute $\\operatorname{softmax}(QK^{\\top}/\\sqrt{d})V$ grow?",
      "長さ $n$ の系列、ヘッド次元 $d$ のセルフアテンションで、$\\operatorname{softmax}(QK^{\\top}/\\sqrt{d})V$ の計算時間はどのように増えますか。",
    ),
    choices: [
      { id: "a", text: text("$O(n d^2)$", "$O(n d^2)$") },
      { id: "b", text: text("$O(n^2 d)$", "$O(n^2 d)$") },
      { id: "c", text: text("$O(n d)$", "$O(n d)$") },
      { id: "d", text: text("$O(n^3)$", "$O(n^3)$") },
    ],
    answer: "b",
    explanation: text(
      "$QK^{\\top}$ takes $n^2$ dot products of length $d$, and the weights times $V$ another $n^2 d$ multiply-adds; the $n \\times n$ score matrix also needs $O(n^2)$ memory, which is why long contexts are expensive.",
      "$QK^{\\top}$ は長さ $d$ の内積を $n^2$ 回、重みと $V$ の積もさらに $n^2 d$ 回の積和を必要とします。$n \\times n$ のスコア行列は $O(n^2)$ のメモリも使うので、長い文脈は高くつきます。",
    ),
  },
  {
    id: "softmax-attention-multiplications",
    type: "param-numeric",
    prompt: text(
      "Single-head self-attention on $n = {{n}}$ tokens with $d_k = d_v = {{d}}$. How many scalar multiplications do the two matrix products $QK^{\\top}$ (the scores) and $PV$, where $P = \\operatorname{softmax}(QK^{\\top}/\\sqrt{d_k})$ is the $n \\times n$ matrix of attention weights, take together (ignore the softmax and the scaling)?",
      "トークン数 $n = {{n}}$、$d_k = d_v = {{d}}$ の単一ヘッドのセルフアテンションで、2 つの行列積 $QK^{\\top}$（スコア）と $PV$（$P = \\operatorname{softmax}(QK^{\\top}/\\sqrt{d_k})$ は $n \\times n$ のアテンション重み行列）に必要なスカラーの掛け算は合わせて何回ですか（ソフトマックスとスケーリングは無視します）。",
    ),
    params: (rng) => ({ n: rng.pick([128, 256, 512, 1024, 2048]), d: rng.pick([32, 64, 128]) }),
    answer: (p) => 2 * num(p, "n") ** 2 * num(p, "d"),
    // Counted product by product: (n×d)(d×n) then (n×n)(n×d), each entry a dot product of its inner length.
    verify: (p) => {
      const n = num(p, "n");
      const d = num(p, "d");
      const scores = n * n * d;
      const mix = n * d * n;
      return scores + mix;
    },
    tolerance: { abs: 0 },
    explanation: text(
      "$QK^{\\top}$ has $n^2$ entries, each a dot product of length $d$; $WV$ has $n d$ entries, each a dot product of length $n$. Together $2 n^2 d$: doubling the context quadruples the work.",
      "$QK^{\\top}$ の $n^2$ 個の要素はそれぞれ長さ $d$ の内積、$WV$ の $n d$ 個の要素はそれぞれ長さ $n$ の内積です。合計 $2 n^2 d$ 回なので、文脈長を 2 倍にすると計算量は 4 倍になります。",
    ),
  },
  {
    id: "softmax-attention-memory",
    type: "param-numeric",
    prompt: text(
      "A naive attention implementation stores the full $n \\times n$ score matrix in float32 (4 bytes) for every head and every sequence of the batch. With batch size $B = {{B}}$, $h = {{h}}$ heads and $n = {{n}}$ tokens, how many MiB ($2^{20}$ bytes) does it take?",
      "素朴なアテンションの実装では、バッチ内のすべての系列・すべてのヘッドについて、$n \\times n$ のスコア行列全体を float32（4 バイト）で保持します。バッチサイズ $B = {{B}}$、ヘッド数 $h = {{h}}$、トークン数 $n = {{n}}$ のとき、何 MiB（$2^{20}$ バイト）になりますか。",
    ),
    params: (rng) => ({ B: rng.pick([1, 2, 4, 8]), h: rng.pick([8, 12, 16, 32]), n: rng.pick([512, 1024, 2048, 4096]) }),
    answer: (p) => (num(p, "B") * num(p, "h") * num(p, "n") ** 2 * 4) / 2 ** 20,
    // Independently: one head's matrix in MiB first, then times the number of matrices.
    verify: (p) => {
      const oneMatrixMiB = (num(p, "n") / 1024) * (num(p, "n") / 1024) * 4;
      return oneMatrixMiB * num(p, "B") * num(p, "h");
    },
    tolerance: { rel: 0.001 },
    explanation: text(
      "$B \\cdot h \\cdot n^2 \\cdot 4$ bytes: quadratic in the context length. At $n = 4096$ one head's matrix alone is 64 MiB, which is why fused kernels such as FlashAttention compute the softmax block by block and never store it.",
      "$B \\cdot h \\cdot n^2 \\cdot 4$ バイトで、文脈長の 2 乗に比例します。$n = 4096$ では 1 ヘッド分の行列だけで 64 MiB になります。FlashAttention のような融合カーネルが、ソフトマックスをブロックごとに計算して行列全体を保持しないのはこのためです。",
    ),
  },
  {
    id: "softmax-causal-mask-count",
    type: "param-numeric",
    prompt: text(
      "In causal self-attention on $n = {{n}}$ positions, query $i$ may attend to keys $j \\le i$. How many of the $n^2$ scores are not masked?",
      "$n = {{n}}$ 位置の因果セルフアテンションでは、クエリ $i$ はキー $j \\le i$ だけを参照できます。$n^2$ 個のスコアのうち、マスクされないものは何個ですか。",
    ),
    params: (rng) => ({ n: rng.int(3, 64) }),
    answer: (p) => (num(p, "n") * (num(p, "n") + 1)) / 2,
    verify: (p) => {
      let count = 0;
      for (let i = 0; i < num(p, "n"); i++) for (let j = 0; j <= i; j++) count++;
      return count;
    },
    tolerance: { abs: 0 },
    explanation: text(
      "Row $i$ keeps $i + 1$ scores (the diagonal included), so the total is $1 + 2 + \\dots + n = n(n+1)/2$, a little over half of the matrix.",
      "第 $i$ 行は対角を含めて $i + 1$ 個のスコアを残すので、合計は $1 + 2 + \\dots + n = n(n+1)/2$、行列の半分を少し超える数です。",
    ),
  },
  ...secondRound,
]);
