import { defineQuiz, text } from "../../graders/content";
import type { QuizParams } from "../../graders/content";
import { secondRound } from "./quiz-second-round";

/** Parameters are shown to learners as written, so keep them short. */
const round1 = (x: number): number => Math.round(x * 10) / 10;
const num = (p: QuizParams, name: string): number => p[name] as number;
const vec = (p: QuizParams, name: string): number[] => p[name] as number[];

/** Unit directions with short exact coordinates (Pythagorean triples). */
const UNIT_DIRECTIONS: number[][] = [[0.6, 0.8], [0.8, 0.6], [-0.6, 0.8], [0.8, -0.6], [1, 0], [0, -1]];

export default defineQuiz([
  {
    id: "optimization-descent-direction",
    type: "single",
    prompt: text(
      "Gradient descent updates $\\theta \\leftarrow \\theta - \\eta\\,\\nabla f(\\theta)$. Why does it move along $-\\nabla f$?",
      "勾配降下法は $\\theta \\leftarrow \\theta - \\eta\\,\\nabla f(\\theta)$ と更新します。なぜ $-\\nabla f$ の方向に進むのですか。",
    ),
    choices: [
      { id: "a", text: text("$-\\nabla f$ always points exactly at the minimiser", "$-\\nabla f$ は常に最小点をまっすぐ指しているから") },
      { id: "b", text: text("$-\\nabla f$ is the Newton direction", "$-\\nabla f$ はニュートン方向だから") },
      { id: "c", text: text("Among unit directions $u$, the first-order change $\\nabla f \\cdot u$ is most negative for $u = -\\nabla f/\\lVert\\nabla f\\rVert$", "単位方向 $u$ の中で、1 次の変化量 $\\nabla f \\cdot u$ がもっとも負になるのが $u = -\\nabla f/\\lVert\\nabla f\\rVert$ だから") },
      { id: "d", text: text("Any direction would do; the sign is a convention", "どの方向でもよく、符号は慣習にすぎないから") },
    ],
    answer: "c",
    explanation: text(
      "By Cauchy–Schwarz, $\\nabla f \\cdot u \\ge -\\lVert\\nabla f\\rVert$ for $\\lVert u\\rVert = 1$, with equality for $u = -\\nabla f/\\lVert\\nabla f\\rVert$: the steepest local descent. It points at the minimiser only when the level sets are round; on elongated valleys it zig-zags.",
      "コーシー・シュワルツの不等式より $\\lVert u\\rVert = 1$ なら $\\nabla f \\cdot u \\ge -\\lVert\\nabla f\\rVert$ で、等号は $u = -\\nabla f/\\lVert\\nabla f\\rVert$ のときに成り立ちます。これが局所的な最急降下方向です。最小点をまっすぐ指すのは等高線が円のときだけで、細長い谷ではジグザグに進みます。",
    ),
  },
  {
    id: "optimization-newton-1d",
    type: "param-numeric",
    prompt: text(
      "Take one Newton step $x_1 = x_0 - f'(x_0)/f''(x_0)$ on $f(x) = {{a|lead:x^2}} {{b|term:x}} + 1$ from $x_0 = {{x0}}$. What is $x_1$? (3 decimals)",
      "$f(x) = {{a|lead:x^2}} {{b|term:x}} + 1$ に対して、$x_0 = {{x0}}$ からニュートンステップ $x_1 = x_0 - f'(x_0)/f''(x_0)$ を 1 回行います。$x_1$ はいくつですか（小数第 3 位まで）。",
    ),
    // b ≠ 0: the answer −b/2a would be 0, which a guess of 0 gets right.
    params: (rng) => ({ a: rng.int(1, 5), b: rng.pick([-8, -7, -6, -5, -4, -3, -2, -1, 1, 2, 3, 4, 5, 6, 7, 8]), x0: round1(rng.uniform(-5, 5)) }),
    answer: (p) => {
      const [a, b, x0] = [num(p, "a"), num(p, "b"), num(p, "x0")];
      return x0 - (2 * a * x0 + b) / (2 * a);
    },
    // Independently: the model of a quadratic is exact, so one Newton step lands on the vertex −b/2a.
    verify: (p) => -num(p, "b") / (2 * num(p, "a")),
    tolerance: { abs: 0.001 },
    explanation: text(
      "$f'(x_0) = 2ax_0 + b$ and $f'' = 2a$, so $x_1 = x_0 - (2ax_0 + b)/(2a) = -b/(2a)$: on a quadratic, Newton's method reaches the minimum in one step from anywhere.",
      "$f'(x_0) = 2ax_0 + b$、$f'' = 2a$ なので $x_1 = x_0 - (2ax_0 + b)/(2a) = -b/(2a)$ です。2 次関数なら、ニュートン法はどこから始めても 1 ステップで最小点に到達します。",
    ),
  },
  {
    id: "optimization-taylor-second-order",
    type: "single",
    prompt: text(
      "Which is the second-order term of the Taylor expansion of $f:\\mathbb{R}^n\\to\\mathbb{R}$ around $x$, for a step $d$?",
      "$f:\\mathbb{R}^n\\to\\mathbb{R}$ を $x$ のまわりでステップ $d$ についてテイラー展開したとき、2 次の項はどれですか。",
    ),
    choices: [
      { id: "a", text: text("$d^\\top \\nabla^2 f(x)\\, d$", "$d^\\top \\nabla^2 f(x)\\, d$") },
      { id: "b", text: text("$\\tfrac12\\, \\nabla f(x)^\\top d\\, d^\\top \\nabla f(x)$", "$\\tfrac12\\, \\nabla f(x)^\\top d\\, d^\\top \\nabla f(x)$") },
      { id: "c", text: text("$\\tfrac12\\, \\lVert d\\rVert^2\\, \\operatorname{tr}\\nabla^2 f(x)$", "$\\tfrac12\\, \\lVert d\\rVert^2\\, \\operatorname{tr}\\nabla^2 f(x)$") },
      { id: "d", text: text("$\\tfrac12\\, d^\\top \\nabla^2 f(x)\\, d$", "$\\tfrac12\\, d^\\top \\nabla^2 f(x)\\, d$") },
    ],
    answer: "d",
    explanation: text(
      "$f(x + d) = f(x) + \\nabla f(x)^\\top d + \\tfrac12 d^\\top \\nabla^2 f(x) d + O(\\lVert d\\rVert^3)$; the $\\tfrac12$ is the $1/2!$ of the one-dimensional series. Minimising this model over $d$ gives the Newton step.",
      "$f(x + d) = f(x) + \\nabla f(x)^\\top d + \\tfrac12 d^\\top \\nabla^2 f(x) d + O(\\lVert d\\rVert^3)$ です。$\\tfrac12$ は 1 変数の級数の $1/2!$ にあたります。このモデルを $d$ について最小化したものがニュートンステップです。",
    ),
  },
  {
    id: "optimization-directional-derivative",
    type: "param-numeric",
    prompt: text(
      "Let $f(x, y) = {{a|lead:x^2}} {{b|term:xy}}$. What is the directional derivative $\\nabla f \\cdot u$ at $(x, y) = ({{x}}, {{y}})$ along the unit vector $u = {{u}}$? (3 decimals)",
      "$f(x, y) = {{a|lead:x^2}} {{b|term:xy}}$ とします。$(x, y) = ({{x}}, {{y}})$ における単位ベクトル $u = {{u}}$ 方向の方向微分 $\\nabla f \\cdot u$ はいくつですか（小数第 3 位まで）。",
    ),
    // Redrawn while the derivative is 0 (a free guess), e.g. at the origin or along a level direction.
    params: (rng) => {
      for (;;) {
        const p = { a: rng.int(1, 4), b: rng.int(-3, 3), x: rng.int(-3, 3), y: rng.int(-3, 3), u: rng.pick(UNIT_DIRECTIONS) };
        if (Math.abs((2 * p.a * p.x + p.b * p.y) * p.u[0]! + p.b * p.x * p.u[1]!) > 0.01) return p;
      }
    },
    answer: (p) => {
      const [a, b, x, y] = [num(p, "a"), num(p, "b"), num(p, "x"), num(p, "y")];
      const u = vec(p, "u");
      return (2 * a * x + b * y) * u[0]! + b * x * u[1]!;
    },
    // Independently: a central difference of f along u.
    verify: (p) => {
      const [a, b, x, y] = [num(p, "a"), num(p, "b"), num(p, "x"), num(p, "y")];
      const u = vec(p, "u");
      const f = (t: number) => {
        const X = x + t * u[0]!;
        const Y = y + t * u[1]!;
        return a * X * X + b * X * Y;
      };
      return (f(1e-5) - f(-1e-5)) / 2e-5;
    },
    tolerance: { abs: 0.001 },
    explanation: text(
      "$\\nabla f = (2ax + by,\\; bx)$, and the rate of change along a unit vector $u$ is $\\nabla f \\cdot u$. It is largest, $\\lVert\\nabla f\\rVert$, along the gradient itself.",
      "$\\nabla f = (2ax + by,\\; bx)$ で、単位ベクトル $u$ 方向の変化率は $\\nabla f \\cdot u$ です。これが最大値 $\\lVert\\nabla f\\rVert$ をとるのは勾配そのものの方向です。",
    ),
  },
  {
    id: "optimization-uniform-scaling-density",
    type: "numeric",
    prompt: text(
      "Let $x \\sim U(0, 1)$ and $y = 2x$. What is the density $p_Y(y)$ at $y = 1$?",
      "$x \\sim U(0, 1)$、$y = 2x$ とします。$y = 1$ における密度 $p_Y(y)$ はいくつですか。",
    ),
    answer: 0.5,
    tolerance: { abs: 1e-9 },
    explanation: text(
      "$p_Y(y) = p_X(y/2)\\,\\lvert d(y/2)/dy\\rvert = 1 \\cdot \\tfrac12$ on $(0, 2)$: the same total mass spread over an interval twice as long, so the density halves.",
      "$(0, 2)$ 上で $p_Y(y) = p_X(y/2)\\,\\lvert d(y/2)/dy\\rvert = 1 \\cdot \\tfrac12$ です。同じ総量の確率が 2 倍の長さの区間に広がるので、密度は半分になります。",
    ),
  },
  {
    id: "optimization-affine-gaussian-density",
    type: "param-numeric",
    prompt: text(
      "Let $x \\sim \\mathcal N(0, 1)$ and $y = {{a|lead:x}} {{b|term:}}$. Use the change-of-variables formula to find $p_Y({{y0}})$. (4 significant digits)",
      "$x \\sim \\mathcal N(0, 1)$、$y = {{a|lead:x}} {{b|term:}}$ とします。変数変換の公式を使って $p_Y({{y0}})$ を求めてください（有効数字 4 桁）。",
    ),
    // y0 within 2.5 standard deviations of b: densities from about 0.005 to 0.8, asked to 4 significant digits with a
    // relative tolerance, so that 0, a forgotten Jacobian (×|a|) and its inverse (÷|a|) are all rejected.
    params: (rng) => {
      const a = rng.pick([-3, -2, -0.5, 0.5, 2, 3]);
      const b = rng.int(-2, 2);
      return { a, b, y0: round1(b + a * rng.uniform(-2.5, 2.5)) };
    },
    // Through g⁻¹: p_X((y − b)/a) · |1/a|.
    answer: (p) => {
      const [a, b, y0] = [num(p, "a"), num(p, "b"), num(p, "y0")];
      const x = (y0 - b) / a;
      return (Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI)) * Math.abs(1 / a);
    },
    // Independently: y ~ N(b, a²), the density of a normal with standard deviation |a|.
    verify: (p) => {
      const [a, b, y0] = [num(p, "a"), num(p, "b"), num(p, "y0")];
      const sd = Math.abs(a);
      return Math.exp(-((y0 - b) ** 2) / (2 * sd * sd)) / (sd * Math.sqrt(2 * Math.PI));
    },
    tolerance: { rel: 1e-3 },
    explanation: text(
      "$g^{-1}(y) = (y - b)/a$ has derivative $1/a$, so $p_Y(y) = \\varphi\\big((y - b)/a\\big)/\\lvert a\\rvert$: the density of $\\mathcal N(b, a^2)$. The absolute value matters when $a < 0$.",
      "$g^{-1}(y) = (y - b)/a$ の微分は $1/a$ なので $p_Y(y) = \\varphi\\big((y - b)/a\\big)/\\lvert a\\rvert$、つまり $\\mathcal N(b, a^2)$ の密度です。$a < 0$ のときは絶対値が効いてきます。",
    ),
  },
  {
    id: "optimization-mle-gradient-sum",
    type: "multi",
    prompt: text(
      "For i.i.d. data $x_1, \\dots, x_n$, which statements about the log-likelihood $\\ell(\\theta) = \\sum_i \\log p(x_i \\mid \\theta)$ are true? Select all that apply.",
      "独立同分布のデータ $x_1, \\dots, x_n$ に対する対数尤度 $\\ell(\\theta) = \\sum_i \\log p(x_i \\mid \\theta)$ について、正しいものをすべて選んでください。",
    ),
    choices: [
      { id: "a", text: text("Its gradient is the sum of the per-example gradients $\\nabla_\\theta \\log p(x_i \\mid \\theta)$", "その勾配は、データ点ごとの勾配 $\\nabla_\\theta \\log p(x_i \\mid \\theta)$ の和である") },
      { id: "b", text: text("A minibatch average of per-example gradients is an unbiased estimate of $\\nabla \\ell / n$, which is what SGD uses", "ミニバッチでのデータ点ごとの勾配の平均は $\\nabla \\ell / n$ の不偏推定量で、SGD はこれを使う") },
      { id: "c", text: text("Maximising the sum and maximising the mean give the same $\\hat\\theta$; only the scale of the gradient, and so the usable learning rate, changes", "和を最大化しても平均を最大化しても $\\hat\\theta$ は同じで、変わるのは勾配の大きさ、つまり使える学習率だけである") },
      { id: "d", text: text("Taking the log of the likelihood changes the maximiser $\\hat\\theta$", "尤度の対数を取ると、最大点 $\\hat\\theta$ が変わってしまう") },
      { id: "e", text: text("For a Gaussian with fixed variance, maximising $\\ell$ over the mean is least squares", "分散を固定したガウス分布では、平均について $\\ell$ を最大化することは最小二乗法にほかならない") },
    ],
    answer: ["a", "b", "c", "e"],
    explanation: text(
      "Independence turns the likelihood into a product, and the log into a sum, so gradients add up over data; that is what makes minibatch SGD work. The log is increasing, so it keeps the maximiser, and it avoids the underflow of a product of many small densities.",
      "独立性により尤度は積になり、対数を取ると和になるので、勾配はデータ点ごとの勾配の和になります。ミニバッチ SGD が成り立つのはこのためです。対数は単調増加なので最大点は変わらず、多数の小さな密度の積で起こるアンダーフローも避けられます。",
    ),
  },
  {
    id: "optimization-fp16-max",
    type: "numeric",
    prompt: text(
      "What is the largest finite number representable in IEEE half precision (FP16)?",
      "IEEE 半精度（FP16）で表せる最大の有限の数はいくつですか。",
    ),
    answer: 65504,
    tolerance: { abs: 0.5 },
    explanation: text(
      "FP16 has 5 exponent bits (largest exponent 15) and 10 fraction bits, so the maximum is $(2 - 2^{-10})\\cdot 2^{15} = 65504$. Activations or losses beyond it become Infinity, which is one reason mixed-precision training keeps some quantities in FP32.",
      "FP16 は指数部 5 ビット（最大指数 15）と仮数部 10 ビットなので、最大値は $(2 - 2^{-10})\\cdot 2^{15} = 65504$ です。これを超える活性化や損失は Infinity になるため、混合精度学習では一部の量を FP32 のまま保持します。",
    ),
  },
  {
    id: "optimization-loss-scaling",
    type: "single",
    prompt: text(
      "Mixed-precision training multiplies the loss by a factor $S$ (say $2^{16}$) before the backward pass and divides the gradients by $S$ before the update. Why does this help?",
      "混合精度学習では、逆伝播の前に損失に係数 $S$（たとえば $2^{16}$）を掛け、パラメータ更新の前に勾配を $S$ で割ります。これが役立つのはなぜですか。",
    ),
    choices: [
      { id: "a", text: text("Many gradients are smaller than FP16's smallest subnormal ($\\approx 6\\times10^{-8}$) and would flush to zero; scaling shifts them into the representable range, and the scale is removed in FP32", "多くの勾配は FP16 の最小の非正規化数（$\\approx 6\\times10^{-8}$）より小さく、0 になってしまう。スケーリングで表現できる範囲に移し、FP32 でスケールを取り除くから") },
      { id: "b", text: text("It increases the effective learning rate by $S$", "実効的な学習率が $S$ 倍になるから") },
      { id: "c", text: text("It prevents overflow of large gradients", "大きな勾配のオーバーフローを防ぐから") },
      { id: "d", text: text("It makes FP16 arithmetic exact", "FP16 の演算が厳密になるから") },
    ],
    answer: "a",
    explanation: text(
      "By the chain rule every gradient is scaled by $S$, so small values survive in FP16 and the update is unchanged after unscaling. Too large an $S$ overflows to Infinity (above 65504), so dynamic loss scaling lowers $S$ whenever that happens and skips the step.",
      "連鎖律によりすべての勾配が $S$ 倍されるので、小さな値も FP16 で生き残り、スケールを戻せば更新量は変わりません。$S$ が大きすぎると（65504 を超えて）Infinity になるため、動的ロススケーリングではそのたびに $S$ を下げ、そのステップを飛ばします。",
    ),
  },
  {
    id: "optimization-stable-learning-rate",
    type: "param-numeric",
    prompt: text(
      "Gradient descent runs on $f(\\theta) = \\tfrac12\\,\\theta^\\top H\\theta$ with $H = \\operatorname{diag}({{lambdas}})$ (the entries are listed in the vector). Above which learning rate $\\eta$ does it diverge? (3 decimals)",
      "$H = \\operatorname{diag}({{lambdas}})$（ベクトルの成分が対角成分）として、$f(\\theta) = \\tfrac12\\,\\theta^\\top H\\theta$ に勾配降下法を適用します。学習率 $\\eta$ がいくつを超えると発散しますか（小数第 3 位まで）。",
    ),
    params: (rng) => ({ lambdas: [rng.int(1, 20), rng.int(1, 20), rng.int(1, 20)].map((l) => l / 2) }),
    answer: (p) => 2 / Math.max(...vec(p, "lambdas")),
    // Independently: the largest η for which every factor |1 − ηλ| stays ≤ 1, found by bisection.
    verify: (p) => {
      const stable = (eta: number) => vec(p, "lambdas").every((l) => Math.abs(1 - eta * l) <= 1);
      let lo = 0;
      let hi = 10;
      for (let i = 0; i < 60; i++) {
        const mid = (lo + hi) / 2;
        if (stable(mid)) lo = mid;
        else hi = mid;
      }
      return lo;
    },
    tolerance: { abs: 0.001 },
    explanation: text(
      "Each coordinate evolves as $\\theta_i \\leftarrow (1 - \\eta\\lambda_i)\\theta_i$, which shrinks only if $\\lvert 1 - \\eta\\lambda_i\\rvert < 1$, i.e. $\\eta < 2/\\lambda_i$. The largest eigenvalue sets the limit $2/\\lambda_{\\max}$, while the smallest sets the speed.",
      "各座標は $\\theta_i \\leftarrow (1 - \\eta\\lambda_i)\\theta_i$ と変化し、縮むのは $\\lvert 1 - \\eta\\lambda_i\\rvert < 1$、つまり $\\eta < 2/\\lambda_i$ のときだけです。上限 $2/\\lambda_{\\max}$ を決めるのは最大固有値で、収束の速さを決めるのは最小固有値です。",
    ),
  },
  {
    id: "optimization-gd-contraction",
    type: "param-numeric",
    prompt: text(
      "Gradient descent with learning rate $\\eta = {{eta}}$ runs on $f(x) = \\tfrac{ {{lambda}} }{2}x^2$ from $x_0 = {{x0}}$. What is $x_{ {{k}} }$? (4 significant digits)",
      "$f(x) = \\tfrac{ {{lambda}} }{2}x^2$ に、学習率 $\\eta = {{eta}}$ の勾配降下法を $x_0 = {{x0}}$ から適用します。$x_{ {{k}} }$ はいくつですか（有効数字 4 桁）。",
    ),
    // The factor 1 − ηλ stays between 0.2 and 0.9 in size (never 0, as at ηλ = 1): x_k is then never near 0, and
    // x_{k−1}, x_{k+1} differ from x_k by at least 10 %, beyond the relative tolerance.
    params: (rng) => {
      let lambda = rng.int(1, 4);
      let eta = rng.pick([0.1, 0.2, 0.25, 0.3, 0.4, 0.45]);
      while (!(Math.abs(1 - eta * lambda) >= 0.2 && Math.abs(1 - eta * lambda) <= 0.9)) {
        lambda = rng.int(1, 4);
        eta = rng.pick([0.1, 0.2, 0.25, 0.3, 0.4, 0.45]);
      }
      return { lambda, eta, x0: rng.int(1, 5), k: rng.int(2, 6) };
    },
    answer: (p) => (1 - num(p, "eta") * num(p, "lambda")) ** num(p, "k") * num(p, "x0"),
    // Independently: run the k updates.
    verify: (p) => {
      let x = num(p, "x0");
      for (let i = 0; i < num(p, "k"); i++) x -= num(p, "eta") * num(p, "lambda") * x;
      return x;
    },
    tolerance: { rel: 1e-3 },
    explanation: text(
      "$f'(x) = \\lambda x$, so every step multiplies $x$ by $1 - \\eta\\lambda$ and $x_k = (1 - \\eta\\lambda)^k x_0$. A negative factor ($\\eta\\lambda > 1$) makes the iterates alternate in sign while they shrink.",
      "$f'(x) = \\lambda x$ なので、各ステップで $x$ は $1 - \\eta\\lambda$ 倍になり、$x_k = (1 - \\eta\\lambda)^k x_0$ です。係数が負（$\\eta\\lambda > 1$）なら、反復は符号を交互に変えながら縮んでいきます。",
    ),
  },
  {
    id: "optimization-newton-indefinite",
    type: "multi",
    prompt: text(
      "Which statements about the Newton step $d = -H^{-1}g$ are true? Select all that apply.",
      "ニュートンステップ $d = -H^{-1}g$ について、正しいものをすべて選んでください。",
    ),
    choices: [
      { id: "a", text: text("On a strictly convex quadratic it reaches the minimiser in one step", "狭義凸な 2 次関数では 1 ステップで最小点に到達する") },
      { id: "b", text: text("If $H$ is positive definite, $d$ is a descent direction: $g^\\top d < 0$ whenever $g \\ne 0$", "$H$ が正定値なら $d$ は降下方向である。つまり $g \\ne 0$ なら $g^\\top d < 0$") },
      { id: "c", text: text("If $H$ is indefinite, $d$ may point towards a saddle point or uphill", "$H$ が不定値なら、$d$ は鞍点の方向や上り坂を向くことがある") },
      { id: "d", text: text("It is unchanged if $f$ is replaced by $f(Ax)$ for an invertible $A$, up to the change of coordinates (affine invariance)", "可逆な $A$ で $f$ を $f(Ax)$ に置き換えても、座標変換の分を除けばステップは変わらない（アフィン不変性）") },
      { id: "e", text: text("It needs a learning rate tuned to the largest eigenvalue of $H$, like gradient descent", "勾配降下法と同じく、$H$ の最大固有値に合わせて調整した学習率が必要である") },
    ],
    answer: ["a", "b", "c", "d"],
    explanation: text(
      "$g^\\top d = -g^\\top H^{-1} g < 0$ when $H \\succ 0$; with negative eigenvalues that sign is lost. Newton's method rescales every direction by its own curvature, so it needs no step size on a quadratic and is invariant to linear changes of variables.",
      "$H \\succ 0$ なら $g^\\top d = -g^\\top H^{-1} g < 0$ ですが、負の固有値があるとこの符号は保証されません。ニュートン法は各方向をその曲率で補正するので、2 次関数ではステップ幅が不要で、線形な変数変換にも不変です。",
    ),
  },
  ...secondRound,
]);
