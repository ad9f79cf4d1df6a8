import { defineQuiz, text, type QuizParams, type Rng } from "../../graders/content";

const num = (p: QuizParams, name: string): number => p[name] as number;
const vec = (p: QuizParams, name: string): number[] => p[name] as number[];

/** A distribution over n outcomes in whole percent (each ≥ 5 %), so that prompts show short exact decimals. */
function percentDistribution(rng: Rng, n: number): number[] {
  const cuts = new Set<number>();
  while (cuts.size < n - 1) cuts.add(5 * rng.int(1, 19));
  const sorted = [0, ...[...cuts].sort((a, b) => a - b), 100];
  const p = sorted.slice(1).map((c, i) => c - sorted[i]!);
  return p.some((x) => x === 0) ? percentDistribution(rng, n) : p.map((x) => x / 100);
}

const nats = (p: number[]): number => -p.reduce((s, x) => s + (x > 0 ? x * Math.log(x) : 0), 0);
/** Entropy in bits, converted to nats: a second route to the same number. */
const natsViaBits = (p: number[]): number => -p.reduce((s, x) => s + (x > 0 ? x * Math.log2(x) : 0), 0) * Math.LN2;
const kl = (p: number[], q: number[]): number => p.reduce((s, x, i) => s + (x > 0 ? x * Math.log(x / q[i]!) : 0), 0);
const crossEntropy = (p: number[], q: number[]): number => -p.reduce((s, x, i) => s + x * Math.log(q[i]!), 0);

export default defineQuiz([
  {
    id: "probability-entropy-value",
    type: "param-numeric",
    prompt: text(
      "What is the entropy $H(p) = -\\sum_i p_i \\ln p_i$, in nats, of the distribution $p = {{p}}$? (3 decimals)",
      "分布 $p = {{p}}$ のエントロピー $H(p) = -\\sum_i p_i \\ln p_i$ はナット単位でいくつですか（小数第 3 位まで）。",
    ),
    params: (rng) => ({ p: percentDistribution(rng, rng.int(3, 4)) }),
    answer: (p) => nats(vec(p, "p")),
    verify: (p) => natsViaBits(vec(p, "p")),
    tolerance: { abs: 1e-3 },
    explanation: text(
      "Sum −pᵢ ln pᵢ over the outcomes. The entropy lies between 0 (one certain outcome) and ln n (the uniform distribution).",
      "各結果について −pᵢ ln pᵢ を足し合わせます。エントロピーは 0（1 つの結果が確実）から ln n（一様分布）の間にあります。",
    ),
  },
  {
    id: "probability-kl-asymmetry",
    type: "param-numeric",
    prompt: text(
      "For $p = {{p}}$ and $q = {{q}}$, compute $\\mathrm{KL}(p \\,\\|\\, q) - \\mathrm{KL}(q \\,\\|\\, p)$ in nats. (3 decimals)",
      "$p = {{p}}$、$q = {{q}}$ について、$\\mathrm{KL}(p \\,\\|\\, q) - \\mathrm{KL}(q \\,\\|\\, p)$ をナット単位で求めてください（小数第 3 位まで）。",
    ),
    params: (rng) => {
      const p = percentDistribution(rng, 3);
      let q = percentDistribution(rng, 3);
      // Redraw until the asymmetry is clearly visible at 3 decimals (so "0" is never accepted).
      while (Math.abs(kl(p, q) - kl(q, p)) < 0.02) q = percentDistribution(rng, 3);
      return { p, q };
    },
    answer: (p) => kl(vec(p, "p"), vec(p, "q")) - kl(vec(p, "q"), vec(p, "p")),
    // KL(p‖q) = H(p, q) − H(p): the difference through cross-entropies and entropies instead.
    verify: (p) => {
      const [a, b] = [vec(p, "p"), vec(p, "q")];
      return crossEntropy(a, b) - natsViaBits(a) - (crossEntropy(b, a) - natsViaBits(b));
    },
    tolerance: { abs: 1e-3 },
    explanation: text(
      "KL(p‖q) = Σ pᵢ ln(pᵢ/qᵢ) weights the log-ratio by p; KL(q‖p) weights the opposite log-ratio by q. The two differ in general, so KL is not a distance.",
      "KL(p‖q) = Σ pᵢ ln(pᵢ/qᵢ) は対数比を p で重み付けし、KL(q‖p) は逆向きの対数比を q で重み付けします。一般に両者は異なるので、KL は距離ではありません。",
    ),
  },
  {
    id: "probability-kl-nonnegative",
    type: "single",
    prompt: text(
      "For distributions $p, q$ on the same finite set, which statement about $\\mathrm{KL}(p \\,\\|\\, q)$ is true?",
      "同じ有限集合上の分布 $p, q$ について、$\\mathrm{KL}(p \\,\\|\\, q)$ に関する正しい記述はどれですか。",
    ),
    choices: [
      { id: "a", text: text("It can be negative when $q$ has more entropy than $p$.", "$q$ のエントロピーが $p$ より大きいと負になりうる。") },
      { id: "b", text: text("It is $0$ whenever $p$ and $q$ have the same entropy.", "$p$ と $q$ のエントロピーが等しければ $0$ である。") },
      { id: "c", text: text("It is $\\ge 0$, and $= 0$ exactly when $p = q$.", "常に $\\ge 0$ で、$= 0$ となるのは $p = q$ のときに限る。") },
      { id: "d", text: text("It is always at most $\\ln n$ for $n$ outcomes.", "結果が $n$ 個なら常に $\\ln n$ 以下である。") },
    ],
    answer: "c",
    explanation: text(
      "Gibbs' inequality: by Jensen, −KL = Σ pᵢ ln(qᵢ/pᵢ) ≤ ln Σ qᵢ = 0, with equality only when qᵢ/pᵢ is constant, i.e. p = q. Equal entropies do not suffice (a permuted p has the same entropy), and KL is unbounded when some qᵢ → 0.",
      "ギブスの不等式です。イェンセンの不等式より −KL = Σ pᵢ ln(qᵢ/pᵢ) ≤ ln Σ qᵢ = 0 で、等号は qᵢ/pᵢ が一定、つまり p = q のときだけです。エントロピーが等しいだけでは足りません（p を並べ替えてもエントロピーは同じ）。また qᵢ → 0 なら KL はいくらでも大きくなります。",
    ),
  },
  {
    id: "probability-cross-entropy-identity",
    type: "single",
    prompt: text(
      "A language model $q$ is trained on data from $p$ by minimising the cross-entropy $H(p, q) = -\\sum_i p_i \\ln q_i$. Which identity holds?",
      "データ分布 $p$ に対して、交差エントロピー $H(p, q) = -\\sum_i p_i \\ln q_i$ を最小化して言語モデル $q$ を学習します。成り立つ恒等式はどれですか。",
    ),
    choices: [
      { id: "a", text: text("$H(p, q) = H(q) + \\mathrm{KL}(p \\,\\|\\, q)$", "$H(p, q) = H(q) + \\mathrm{KL}(p \\,\\|\\, q)$") },
      { id: "b", text: text("$H(p, q) = H(p) - \\mathrm{KL}(p \\,\\|\\, q)$", "$H(p, q) = H(p) - \\mathrm{KL}(p \\,\\|\\, q)$") },
      { id: "c", text: text("$H(p, q) = H(p) + \\mathrm{KL}(q \\,\\|\\, p)$", "$H(p, q) = H(p) + \\mathrm{KL}(q \\,\\|\\, p)$") },
      { id: "d", text: text("$H(p, q) = H(p) + \\mathrm{KL}(p \\,\\|\\, q)$", "$H(p, q) = H(p) + \\mathrm{KL}(p \\,\\|\\, q)$") },
    ],
    answer: "d",
    explanation: text(
      "−Σ pᵢ ln qᵢ = −Σ pᵢ ln pᵢ + Σ pᵢ ln(pᵢ/qᵢ). H(p) does not depend on the model, so minimising the cross-entropy minimises KL(p‖q), and the loss can never go below the data's own entropy.",
      "−Σ pᵢ ln qᵢ = −Σ pᵢ ln pᵢ + Σ pᵢ ln(pᵢ/qᵢ) です。H(p) はモデルによらないので、交差エントロピーの最小化は KL(p‖q) の最小化と同じで、損失はデータ自身のエントロピーより小さくなれません。",
    ),
  },
  {
    id: "probability-nats-to-bits",
    type: "param-numeric",
    prompt: text(
      "A language model's cross-entropy is {{h}} nats per token. How many bits per token is that? (2 decimals)",
      "ある言語モデルの交差エントロピーは 1 トークンあたり {{h}} ナットです。1 トークンあたり何ビットですか（小数第 2 位まで）。",
    ),
    params: (rng) => ({ h: rng.int(50, 450) / 100 }),
    answer: (p) => num(p, "h") / Math.LN2,
    verify: (p) => num(p, "h") * Math.log2(Math.E),
    tolerance: { abs: 0.01 },
    explanation: text(
      "log₂ x = ln x / ln 2, so a quantity in nats divided by ln 2 ≈ 0.693 is in bits: 1 nat ≈ 1.443 bits.",
      "log₂ x = ln x / ln 2 なので、ナットの値を ln 2 ≈ 0.693 で割るとビットになります。1 ナット ≈ 1.443 ビットです。",
    ),
  },
  {
    id: "probability-bayes-base-rate",
    type: "param-numeric",
    prompt: text(
      "A disease has prevalence {{prevalence}}. A test has sensitivity $P(+ \\mid D) = {{sensitivity}}$ and specificity $P(- \\mid \\neg D) = {{specificity}}$. What is $P(D \\mid +)$, the probability of disease after a positive test? (3 significant digits)",
      "ある病気の有病率は {{prevalence}} です。検査の感度は $P(+ \\mid D) = {{sensitivity}}$、特異度は $P(- \\mid \\neg D) = {{specificity}}$ です。陽性と出たときに病気である確率 $P(D \\mid +)$ はいくつですか（有効数字 3 桁）。",
    ),
    params: (rng) => ({
      prevalence: rng.pick([0.001, 0.002, 0.005, 0.01, 0.02, 0.05]),
      sensitivity: rng.int(80, 99) / 100,
      specificity: rng.int(900, 995) / 1000,
    }),
    answer: (p) => {
      const [d, se, sp] = [num(p, "prevalence"), num(p, "sensitivity"), num(p, "specificity")];
      return (se * d) / (se * d + (1 - sp) * (1 - d));
    },
    // Odds form: posterior odds = prior odds × likelihood ratio.
    verify: (p) => {
      const odds = (num(p, "prevalence") / (1 - num(p, "prevalence"))) * (num(p, "sensitivity") / (1 - num(p, "specificity")));
      return odds / (1 + odds);
    },
    // The posterior spans 0.008 to 0.9: relative, so that a small one is not accepted as "0".
    tolerance: { rel: 5e-3 },
    explanation: text(
      "Bayes: P(D | +) = P(+ | D) P(D) / [P(+ | D) P(D) + P(+ | ¬D) P(¬D)], with P(+ | ¬D) = 1 − specificity. When the disease is rare, false positives from the large healthy group dominate, so the posterior stays far below the sensitivity.",
      "ベイズの定理より P(D | +) = P(+ | D) P(D) / [P(+ | D) P(D) + P(+ | ¬D) P(¬D)] で、P(+ | ¬D) = 1 − 特異度 です。病気がまれだと、多数の健康な人から出る偽陽性が支配的になり、事後確率は感度よりずっと小さくなります。",
    ),
  },
  {
    id: "probability-chain-rule-sequence",
    type: "single",
    prompt: text(
      "An autoregressive language model assigns a probability to a sequence $x_1, \\dots, x_T$. Which factorisation holds for **every** joint distribution, with no independence assumption?",
      "自己回帰型の言語モデルは系列 $x_1, \\dots, x_T$ に確率を与えます。独立性の仮定なしに、**どんな**同時分布でも成り立つ分解はどれですか。",
    ),
    choices: [
      { id: "a", text: text("$p(x_1, \\dots, x_T) = \\prod_{t} p(x_t)$", "$p(x_1, \\dots, x_T) = \\prod_{t} p(x_t)$") },
      { id: "b", text: text("$p(x_1, \\dots, x_T) = \\prod_{t} p(x_t \\mid x_1, \\dots, x_{t-1})$", "$p(x_1, \\dots, x_T) = \\prod_{t} p(x_t \\mid x_1, \\dots, x_{t-1})$") },
      { id: "c", text: text("$p(x_1, \\dots, x_T) = p(x_1) \\prod_{t \\ge 2} p(x_t \\mid x_{t-1})$", "$p(x_1, \\dots, x_T) = p(x_1) \\prod_{t \\ge 2} p(x_t \\mid x_{t-1})$") },
      { id: "d", text: text("$p(x_1, \\dots, x_T) = \\sum_{t} p(x_t \\mid x_{<t})$", "$p(x_1, \\dots, x_T) = \\sum_{t} p(x_t \\mid x_{<t})$") },
    ],
    answer: "b",
    explanation: text(
      "The chain rule p(a, b) = p(a) p(b | a), applied repeatedly, gives the product of next-token conditionals exactly; the first option assumes independence and the third a first-order Markov chain. Training with next-token cross-entropy fits each factor.",
      "連鎖律 p(a, b) = p(a) p(b | a) を繰り返し使うと、次トークンの条件付き確率の積がそのまま得られます。1 つめの選択肢は独立性を、3 つめは 1 次マルコフ性を仮定しています。次トークンの交差エントロピーで学習すると、各因子が当てはめられます。",
    ),
  },
  {
    id: "probability-sequence-log-prob",
    type: "param-numeric",
    prompt: text(
      "A language model gives $p(x_1) = {{a}}$, $p(x_2 \\mid x_1) = {{b}}$ and $p(x_3 \\mid x_1, x_2) = {{c}}$. What is $\\ln p(x_1, x_2, x_3)$? (3 decimals)",
      "ある言語モデルが $p(x_1) = {{a}}$、$p(x_2 \\mid x_1) = {{b}}$、$p(x_3 \\mid x_1, x_2) = {{c}}$ を与えます。$\\ln p(x_1, x_2, x_3)$ はいくつですか（小数第 3 位まで）。",
    ),
    params: (rng) => ({ a: rng.int(1, 60) / 100, b: rng.int(5, 95) / 100, c: rng.int(5, 95) / 100 }),
    answer: (p) => Math.log(num(p, "a")) + Math.log(num(p, "b")) + Math.log(num(p, "c")),
    verify: (p) => Math.log(num(p, "a") * num(p, "b") * num(p, "c")),
    tolerance: { abs: 1e-3 },
    explanation: text(
      "By the chain rule the joint probability is the product a·b·c, so its logarithm is the sum ln a + ln b + ln c. Models add log-probabilities because a product of thousands of such factors underflows.",
      "連鎖律より同時確率は積 a·b·c なので、その対数は和 ln a + ln b + ln c です。数千もの因子の積はアンダーフローするので、モデルは対数確率を足し合わせます。",
    ),
  },
  {
    id: "probability-independence",
    type: "multi",
    prompt: text(
      "Which statements about independence and conditional independence are true? Select all that apply.",
      "独立性と条件付き独立性について、正しいものをすべて選んでください。",
    ),
    choices: [
      { id: "a", text: text("$X \\perp Y$ means $p(x, y) = p(x)\\,p(y)$ for all $x, y$.", "$X \\perp Y$ とは、すべての $x, y$ で $p(x, y) = p(x)\\,p(y)$ が成り立つことである。") },
      { id: "b", text: text("$X \\perp Y \\mid Z$ implies $X \\perp Y$.", "$X \\perp Y \\mid Z$ ならば $X \\perp Y$ である。") },
      { id: "c", text: text("Two flips of a coin whose bias is unknown are independent given the bias, but not independent once the bias is integrated out.", "偏りが未知のコインを 2 回投げた結果は、偏りを与えれば独立だが、偏りについて積分すると独立ではない。") },
      { id: "d", text: text("$X \\perp Y$ implies $X \\perp Y \\mid Z$ for every $Z$.", "$X \\perp Y$ ならば、どんな $Z$ についても $X \\perp Y \\mid Z$ である。") },
      { id: "e", text: text("Naive Bayes assumes the features are conditionally independent given the class.", "ナイーブベイズは、クラスを与えたもとで特徴量どうしが条件付き独立だと仮定する。") },
    ],
    answer: ["a", "c", "e"],
    explanation: text(
      "Neither kind of independence implies the other: a common cause (the coin's bias) makes conditionally independent variables dependent, and conditioning on a common effect (two independent coins and their sum) makes independent variables dependent — 'explaining away'.",
      "どちらの独立性も他方を導きません。共通の原因（コインの偏り）があると条件付き独立な変数も従属になり、共通の結果（独立な 2 枚のコインとその和）で条件付けると独立な変数が従属になります（説明による打ち消し、explaining away）。",
    ),
  },
  {
    id: "probability-monte-carlo-samples",
    type: "param-numeric",
    prompt: text(
      "A Monte Carlo estimate from $n = {{n}}$ samples has standard error $\\varepsilon$. How many samples are needed for a standard error of $\\varepsilon / {{k}}$?",
      "$n = {{n}}$ 個のサンプルによるモンテカルロ推定の標準誤差が $\\varepsilon$ です。標準誤差を $\\varepsilon / {{k}}$ にするには何個のサンプルが必要ですか。",
    ),
    params: (rng) => ({ n: rng.pick([100, 400, 1000, 2500, 10000]), k: rng.pick([2, 3, 4, 5, 10]) }),
    answer: (p) => num(p, "n") * num(p, "k") ** 2,
    // Solve s/√m = (s/√n)/k for m numerically with s = 1.
    verify: (p) => 1 / ((1 / Math.sqrt(num(p, "n")) / num(p, "k")) ** 2),
    tolerance: { rel: 1e-9 },
    explanation: text(
      "The standard error is s/√n: dividing it by k needs k² times as many samples. Halving the error costs four times the work.",
      "標準誤差は s/√n なので、これを 1/k にするにはサンプルを k² 倍にする必要があります。誤差を半分にするには 4 倍の計算が要ります。",
    ),
  },
  {
    id: "probability-monte-carlo-stderr",
    type: "param-numeric",
    prompt: text(
      "$n = {{n}}$ independent samples of $f(X)$ have sample standard deviation $s = {{s}}$. What is the standard error of their mean? (4 significant digits)",
      "$f(X)$ の独立なサンプル $n = {{n}}$ 個の標本標準偏差が $s = {{s}}$ です。その平均の標準誤差はいくつですか（有効数字 4 桁）。",
    ),
    params: (rng) => ({ n: rng.pick([25, 64, 100, 400, 1000, 5000]), s: rng.int(5, 500) / 100 }),
    answer: (p) => num(p, "s") / Math.sqrt(num(p, "n")),
    verify: (p) => Math.sqrt(num(p, "s") ** 2 / num(p, "n")),
    tolerance: { rel: 1e-3 },
    explanation: text(
      "The variance of a mean of n independent draws is σ²/n, so its standard deviation is σ/√n, estimated by s/√n.",
      "n 個の独立なサンプルの平均の分散は σ²/n なので、その標準偏差は σ/√n で、s/√n で推定します。",
    ),
  },
  {
    id: "probability-elbo-gap",
    type: "single",
    prompt: text(
      "In variational inference with an approximate posterior $q(z)$, the evidence lower bound is $\\mathrm{ELBO}(q) = \\mathbb{E}_{q}[\\ln p(x, z) - \\ln q(z)]$. What is $\\ln p(x) - \\mathrm{ELBO}(q)$?",
      "近似事後分布 $q(z)$ を使う変分推論で、エビデンス下界は $\\mathrm{ELBO}(q) = \\mathbb{E}_{q}[\\ln p(x, z) - \\ln q(z)]$ です。$\\ln p(x) - \\mathrm{ELBO}(q)$ は何に等しいですか。",
    ),
    choices: [
      { id: "a", text: text("$\\mathrm{KL}(q(z) \\,\\|\\, p(z \\mid x)) \\ge 0$", "$\\mathrm{KL}(q(z) \\,\\|\\, p(z \\mid x)) \\ge 0$") },
      { id: "b", text: text("$\\mathrm{KL}(p(z \\mid x) \\,\\|\\, q(z))$", "$\\mathrm{KL}(p(z \\mid x) \\,\\|\\, q(z))$") },
      { id: "c", text: text("$\\mathrm{KL}(q(z) \\,\\|\\, p(z))$, the KL to the prior", "事前分布への KL、$\\mathrm{KL}(q(z) \\,\\|\\, p(z))$") },
      { id: "d", text: text("$0$: the ELBO equals $\\ln p(x)$ for every $q$", "$0$（どんな $q$ でも ELBO は $\\ln p(x)$ に等しい）") },
    ],
    answer: "a",
    explanation: text(
      "ln p(x, z) = ln p(x) + ln p(z | x), so ELBO = ln p(x) − E_q[ln q(z) − ln p(z | x)] = ln p(x) − KL(q(z)‖p(z|x)). The gap is non-negative and closes exactly when q is the true posterior; KL(q‖prior) is a different term, the regulariser inside the ELBO.",
      "ln p(x, z) = ln p(x) + ln p(z | x) なので、ELBO = ln p(x) − E_q[ln q(z) − ln p(z | x)] = ln p(x) − KL(q(z)‖p(z|x)) です。差は非負で、q が真の事後分布のときちょうど 0 になります。KL(q‖事前分布) は別の項で、ELBO の中の正則化項です。",
    ),
  },
  {
    id: "probability-reparameterisation",
    type: "single",
    prompt: text(
      "A VAE samples $z \\sim \\mathcal N(\\mu, \\sigma^2)$ and needs $\\nabla_{\\mu,\\sigma}\\, \\mathbb{E}_z[f(z)]$. With the reparameterisation $z = \\mu + \\sigma \\varepsilon$, $\\varepsilon \\sim \\mathcal N(0, 1)$, where does the gradient flow?",
      "VAE は $z \\sim \\mathcal N(\\mu, \\sigma^2)$ をサンプルし、$\\nabla_{\\mu,\\sigma}\\, \\mathbb{E}_z[f(z)]$ を必要とします。再パラメータ化 $z = \\mu + \\sigma \\varepsilon$、$\\varepsilon \\sim \\mathcal N(0, 1)$ を使うと、勾配はどこを流れますか。",
    ),
    choices: [
      { id: "a", text: text("Through $\\varepsilon$, which is learned along with $\\mu$ and $\\sigma$", "$\\mu$, $\\sigma$ と一緒に学習される $\\varepsilon$ を通って流れる") },
      { id: "b", text: text("Nowhere: sampling is not differentiable, so a score-function estimator is required", "どこにも流れない。サンプリングは微分できないので、スコア関数推定量が必要になる") },
      { id: "c", text: text("Through the deterministic path $z = \\mu + \\sigma\\varepsilon$: $\\partial z/\\partial\\mu = 1$, $\\partial z/\\partial\\sigma = \\varepsilon$, with $\\varepsilon$ a fixed sample", "決定的な経路 $z = \\mu + \\sigma\\varepsilon$ を通って流れる。$\\varepsilon$ は固定したサンプルで、$\\partial z/\\partial\\mu = 1$、$\\partial z/\\partial\\sigma = \\varepsilon$") },
      { id: "d", text: text("Only into $\\mu$; $\\sigma$ receives no gradient", "$\\mu$ にだけ流れ、$\\sigma$ には勾配が届かない") },
    ],
    answer: "c",
    explanation: text(
      "The randomness moves into ε, whose distribution does not depend on the parameters, so E_ε[f(μ + σε)] can be differentiated inside the expectation: ∇ ≈ f′(z)·(1, ε) per sample, usually with much lower variance than the score-function estimator.",
      "乱数は ε に移り、その分布はパラメータに依存しないので、E_ε[f(μ + σε)] は期待値の中で微分できます。サンプルごとに ∇ ≈ f′(z)·(1, ε) で、スコア関数推定量よりふつうずっと分散が小さくなります。",
    ),
  },
  {
    id: "probability-kl-univariate-gaussians",
    type: "param-numeric",
    prompt: text(
      "What is $\\mathrm{KL}\\big(\\mathcal N(\\mu_1, \\sigma_1^2) \\,\\|\\, \\mathcal N(\\mu_2, \\sigma_2^2)\\big)$ in nats for $\\mu_1 = {{mu1}}$, $\\sigma_1 = {{s1}}$, $\\mu_2 = {{mu2}}$, $\\sigma_2 = {{s2}}$? (3 decimals)",
      "$\\mu_1 = {{mu1}}$、$\\sigma_1 = {{s1}}$、$\\mu_2 = {{mu2}}$、$\\sigma_2 = {{s2}}$ のとき、$\\mathrm{KL}\\big(\\mathcal N(\\mu_1, \\sigma_1^2) \\,\\|\\, \\mathcal N(\\mu_2, \\sigma_2^2)\\big)$ はナット単位でいくつですか（小数第 3 位まで）。",
    ),
    params: (rng) => {
      const draw = () => ({ mu1: rng.int(-20, 20) / 10, s1: rng.int(5, 30) / 10, mu2: rng.int(-20, 20) / 10, s2: rng.int(5, 30) / 10 });
      let p = draw();
      // Redraw near-identical pairs: a KL below 0.05 would let "0" pass at 3 decimals.
      while (Math.log(p.s2 / p.s1) + (p.s1 ** 2 + (p.mu1 - p.mu2) ** 2) / (2 * p.s2 ** 2) - 0.5 < 0.05) p = draw();
      return p;
    },
    answer: (p) => {
      const [m1, s1, m2, s2] = [num(p, "mu1"), num(p, "s1"), num(p, "mu2"), num(p, "s2")];
      return Math.log(s2 / s1) + (s1 ** 2 + (m1 - m2) ** 2) / (2 * s2 ** 2) - 0.5;
    },
    // The d-dimensional formula at d = 1: ½[tr(Σ₂⁻¹Σ₁) + Δ²/Σ₂ − 1 + ln Σ₂ − ln Σ₁] with variances.
    verify: (p) => {
      const [v1, v2] = [num(p, "s1") ** 2, num(p, "s2") ** 2];
      return 0.5 * (v1 / v2 + (num(p, "mu2") - num(p, "mu1")) ** 2 / v2 - 1 + Math.log(v2) - Math.log(v1));
    },
    tolerance: { abs: 1e-3 },
    explanation: text(
      "KL(N(μ₁, σ₁²)‖N(μ₂, σ₂²)) = ln(σ₂/σ₁) + (σ₁² + (μ₁ − μ₂)²)/(2σ₂²) − ½, the one-dimensional case of ½[tr(Σ₂⁻¹Σ₁) + Δᵀ Σ₂⁻¹ Δ − d + ln det Σ₂ − ln det Σ₁]. It is 0 only for identical Gaussians.",
      "KL(N(μ₁, σ₁²)‖N(μ₂, σ₂²)) = ln(σ₂/σ₁) + (σ₁² + (μ₁ − μ₂)²)/(2σ₂²) − ½ です。これは ½[tr(Σ₂⁻¹Σ₁) + Δᵀ Σ₂⁻¹ Δ − d + ln det Σ₂ − ln det Σ₁] の 1 次元の場合で、0 になるのは 2 つのガウス分布が同じときだけです。",
    ),
  },
  {
    id: "probability-kl-to-uniform",
    type: "param-numeric",
    prompt: text(
      "$u$ is the uniform distribution on {{n}} outcomes and $p = {{p}}$. What is $\\mathrm{KL}(p \\,\\|\\, u)$ in nats? (3 decimals)",
      "$u$ は {{n}} 個の結果上の一様分布で、$p = {{p}}$ です。$\\mathrm{KL}(p \\,\\|\\, u)$ はナット単位でいくつですか（小数第 3 位まで）。",
    ),
    params: (rng) => {
      let p = percentDistribution(rng, rng.int(3, 4));
      // Far enough from uniform that "0" is not within the 3-decimal tolerance.
      while (Math.log(p.length) - nats(p) < 0.05) p = percentDistribution(rng, p.length);
      return { n: p.length, p };
    },
    answer: (p) => Math.log(num(p, "n")) - nats(vec(p, "p")),
    verify: (p) => kl(vec(p, "p"), vec(p, "p").map(() => 1 / num(p, "n"))),
    tolerance: { abs: 1e-3 },
    explanation: text(
      "KL(p‖u) = Σ pᵢ ln(pᵢ · n) = ln n − H(p): the entropy a distribution lacks compared with the uniform one. So H(p) ≤ ln n, with equality only for p = u.",
      "KL(p‖u) = Σ pᵢ ln(pᵢ · n) = ln n − H(p) で、一様分布と比べてエントロピーがどれだけ足りないかを表します。したがって H(p) ≤ ln n で、等号は p = u のときだけです。",
    ),
  },
  {
    id: "probability-entropy-maximum",
    type: "single",
    prompt: text(
      "Among all distributions on $n$ outcomes, which has the largest entropy, and what is it?",
      "$n$ 個の結果上のすべての分布のうち、エントロピーが最大なのはどれで、その値はいくつですか。",
    ),
    choices: [
      { id: "a", text: text("A one-hot distribution; $\\ln n$", "one-hot な分布。$\\ln n$") },
      { id: "b", text: text("The uniform distribution; $n$", "一様分布。$n$") },
      { id: "c", text: text("Any distribution with all $p_i > 0$; $1$", "すべての $p_i > 0$ を満たす任意の分布。$1$") },
      { id: "d", text: text("The uniform distribution; $\\ln n$", "一様分布。$\\ln n$") },
    ],
    answer: "d",
    explanation: text(
      "H(p) = ln n − KL(p‖u) ≤ ln n, with equality only at p = u. A one-hot distribution has entropy 0, the minimum.",
      "H(p) = ln n − KL(p‖u) ≤ ln n で、等号は p = u のときだけです。one-hot な分布のエントロピーは最小値の 0 です。",
    ),
  },
  {
    id: "probability-log-space",
    type: "single",
    prompt: text(
      "Why do sequence models and Bayesian updates add log-probabilities instead of multiplying probabilities?",
      "系列モデルやベイズ更新では、なぜ確率を掛け合わせる代わりに対数確率を足し合わせるのですか。",
    ),
    choices: [
      { id: "a", text: text("Logarithms make the result exact in floating point", "対数をとると浮動小数点でも結果が厳密になるから") },
      { id: "b", text: text("A product of hundreds of probabilities underflows to 0 in float64 (below about $10^{-308}$), while the sum of their logs stays an ordinary number", "数百個の確率の積は float64 では 0 にアンダーフローする（約 $10^{-308}$ 未満）が、対数の和なら普通の大きさの数のままだから") },
      { id: "c", text: text("Adding is more accurate than multiplying in floating point", "浮動小数点では掛け算より足し算のほうが正確だから") },
      { id: "d", text: text("The log turns probabilities into a distribution that sums to 1", "対数をとると確率が和 1 の分布になるから") },
    ],
    answer: "b",
    explanation: text(
      "500 tokens at probability 0.1 give 10⁻⁵⁰⁰, which is 0 in float64, and normalising then gives 0/0. The log-probability −1151 is harmless; normalise with log-sum-exp, which subtracts the maximum first.",
      "確率 0.1 のトークンが 500 個あると 10⁻⁵⁰⁰ となり、float64 では 0 です。そのあと正規化すると 0/0 になります。対数確率 −1151 なら問題ありません。正規化には、先に最大値を引く log-sum-exp を使います。",
    ),
  },
]);
