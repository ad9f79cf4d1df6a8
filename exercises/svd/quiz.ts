import { svd } from "linalg";
import { defineQuiz, text, type QuizParams, type Rng } from "../../graders/content";
import { secondRound } from "./quiz-second-round";

/** A descending list of n distinct positive integers, for spectra a learner can square in their head. */
function integerSpectrum(rng: Rng, n: number, max: number): number[] {
  const picked = new Set<number>();
  while (picked.size < n) picked.add(rng.int(1, max));
  return [...picked].sort((a, b) => b - a);
}

function nums(p: QuizParams, name: string): number[] {
  return p[name] as number[];
}

function mat(p: QuizParams, name: string): number[][] {
  return p[name] as number[][];
}

function num(p: QuizParams, name: string): number {
  return p[name] as number;
}

/** Largest and smallest singular values of a 2-column matrix from the eigenvalues of the 2×2 matrix AᵀA. */
function sigmasViaGram(A: number[][]): [number, number] {
  let a = 0;
  let b = 0;
  let d = 0;
  for (const [x, y] of A as [number, number][]) {
    a += x * x;
    b += x * y;
    d += y * y;
  }
  // λ² − tr·λ + det = 0 with tr = a + d, det = ad − b²; the root with the plus sign is the larger one.
  const tr = a + d;
  const disc = Math.sqrt(Math.max((a - d) ** 2 + 4 * b * b, 0));
  const lmax = (tr + disc) / 2;
  // The smaller root from det/λmax avoids cancellation when the two are far apart.
  const lmin = lmax > 0 ? (a * d - b * b) / lmax : 0;
  return [Math.sqrt(lmax), Math.sqrt(Math.max(lmin, 0))];
}

export default defineQuiz([
  {
    id: "svd-vs-eigendecomposition",
    type: "multi",
    prompt: text(
      "Which statements about the SVD and the eigendecomposition of real matrices are true? Select all that apply.",
      "実行列の特異値分解(SVD)と固有値分解について、正しいものをすべて選んでください。",
    ),
    choices: [
      { id: "a", text: text("Every real $m \\times n$ matrix has an SVD $A = U \\Sigma V^\\top$ with orthogonal $U$, $V$.", "どんな実 $m \\times n$ 行列にも、直交行列 $U$, $V$ による SVD $A = U \\Sigma V^\\top$ が存在する。") },
      { id: "b", text: text("Every real square matrix can be written $A = Q \\Lambda Q^\\top$ with an orthogonal $Q$.", "どんな実正方行列も、直交行列 $Q$ を使って $A = Q \\Lambda Q^\\top$ と書ける。") },
      { id: "c", text: text("For a symmetric positive semidefinite matrix, the SVD and the eigendecomposition coincide.", "対称半正定値行列では、SVD と固有値分解は一致する。") },
      { id: "d", text: text("The nonzero singular values of $A$ are the square roots of the nonzero eigenvalues of $A^\\top A$ (for any shape: when $m < n$, $A^\\top A$ also has $n - m$ extra zero eigenvalues).", "$A$ の 0 でない特異値は、$A^\\top A$ の 0 でない固有値の平方根である（形によらない。$m < n$ なら $A^\\top A$ には余分な固有値 0 が $n - m$ 個ある）。") },
      { id: "e", text: text("Singular values can be negative when $A$ has negative eigenvalues.", "$A$ が負の固有値をもつとき、特異値も負になりうる。") },
    ],
    answer: ["a", "c", "d"],
    explanation: text(
      "The SVD exists for every matrix and its singular values are √λ(AᵀA) ≥ 0; an orthogonal eigendecomposition exists only for symmetric matrices (spectral theorem), and it equals the SVD when the eigenvalues are also ≥ 0.",
      "SVD はどんな行列にも存在し、特異値は √λ(AᵀA) ≥ 0 です。直交行列による固有値分解ができるのは対称行列だけで(スペクトル定理)、固有値も非負ならそれが SVD と一致します。",
    ),
  },
  {
    id: "svd-symmetric-negative-eigenvalue",
    type: "single",
    prompt: text(
      "A symmetric $2 \\times 2$ matrix has eigenvalues $3$ and $-5$. What are its singular values?",
      "対称な $2 \\times 2$ 行列の固有値が $3$ と $-5$ です。特異値はどれですか。",
    ),
    choices: [
      { id: "a", text: text("$3$ and $-5$", "$3$ と $-5$") },
      { id: "b", text: text("$\\sqrt{5}$ and $\\sqrt{3}$", "$\\sqrt{5}$ と $\\sqrt{3}$") },
      { id: "c", text: text("$5$ and $3$", "$5$ と $3$") },
      { id: "d", text: text("$25$ and $9$", "$25$ と $9$") },
    ],
    answer: "c",
    explanation: text(
      "For a symmetric matrix the singular values are the absolute values of the eigenvalues, sorted: the sign moves into one of the singular vectors.",
      "対称行列の特異値は固有値の絶対値を大きい順に並べたものです。符号は特異ベクトルの片方に吸収されます。",
    ),
  },
  {
    id: "svd-eckart-young-error",
    type: "param-numeric",
    prompt: text(
      "A matrix has singular values $\\sigma = {{S}}$. What is the Frobenius error $\\lVert A - A_k \\rVert_F$ of its best rank-$k$ approximation for $k = {{k}}$? (3 significant digits)",
      "ある行列の特異値が $\\sigma = {{S}}$ です。$k = {{k}}$ のとき、最良のランク $k$ 近似のフロベニウス誤差 $\\lVert A - A_k \\rVert_F$ はいくつですか(有効数字 3 桁)。",
    ),
    params: (rng) => ({ S: integerSpectrum(rng, 4, 12), k: rng.int(1, 2) }),
    answer: (p) => Math.hypot(...nums(p, "S").slice(num(p, "k"))),
    verify: (p) => {
      const S = nums(p, "S");
      const k = num(p, "k");
      const total = S.reduce((s, x) => s + x * x, 0);
      const kept = S.slice(0, k).reduce((s, x) => s + x * x, 0);
      return Math.sqrt(total - kept); // integers: the subtraction is exact here
    },
    tolerance: { rel: 5e-3 },
    explanation: text(
      "By Eckart–Young, ‖A − A_k‖_F = √(σ_{k+1}² + … + σ_p²): the root of the sum of squares of the discarded singular values.",
      "Eckart–Young の定理より ‖A − A_k‖_F = √(σ_{k+1}² + … + σ_p²)、つまり捨てた特異値の 2 乗和の平方根です。",
    ),
  },
  {
    id: "svd-energy-ratio",
    type: "param-numeric",
    prompt: text(
      "A matrix has singular values $\\sigma = {{S}}$. What fraction of $\\lVert A \\rVert_F^2$ does its best rank-$k$ approximation keep for $k = {{k}}$? Answer as a number between 0 and 1 (3 decimals).",
      "ある行列の特異値が $\\sigma = {{S}}$ です。$k = {{k}}$ のとき、最良のランク $k$ 近似は $\\lVert A \\rVert_F^2$ の何割を保ちますか。0 から 1 の数で答えてください(小数第 3 位まで)。",
    ),
    params: (rng) => ({ S: integerSpectrum(rng, 5, 10), k: rng.int(1, 3) }),
    answer: (p) => {
      const S = nums(p, "S");
      const sq = S.map((s) => s * s);
      return sq.slice(0, num(p, "k")).reduce((a, b) => a + b, 0) / sq.reduce((a, b) => a + b, 0);
    },
    verify: (p) => {
      const S = nums(p, "S");
      const total = S.reduce((s, x) => s + x * x, 0);
      const tail = S.slice(num(p, "k")).reduce((s, x) => s + x * x, 0);
      return 1 - tail / total;
    },
    tolerance: { abs: 1e-3 },
    explanation: text(
      "Energy is ‖A‖²_F = Σσᵢ², so the rank-k share is Σ_{i≤k}σᵢ² / Σσᵢ²: square before you add.",
      "エネルギーは ‖A‖²_F = Σσᵢ² なので、ランク k の割合は Σ_{i≤k}σᵢ² / Σσᵢ² です。足す前に 2 乗するのがポイントです。",
    ),
  },
  {
    id: "svd-rank-1-energy-worked",
    type: "numeric",
    prompt: text(
      "For $A = \\begin{pmatrix} 4 & 0 \\\\ 3 & -5 \\\\ 0 & 3 \\end{pmatrix}$, $A^\\top A = \\begin{pmatrix} 25 & -15 \\\\ -15 & 34 \\end{pmatrix}$. What percentage of $\\lVert A \\rVert_F^2$ does the best rank-1 approximation keep? (one decimal)",
      "$A = \\begin{pmatrix} 4 & 0 \\\\ 3 & -5 \\\\ 0 & 3 \\end{pmatrix}$ のとき $A^\\top A = \\begin{pmatrix} 25 & -15 \\\\ -15 & 34 \\end{pmatrix}$ です。最良のランク 1 近似は $\\lVert A \\rVert_F^2$ の何パーセントを保ちますか(小数第 1 位まで)。",
    ),
    answer: 76.54315214129801,
    tolerance: { abs: 0.06 },
    explanation: text(
      "The eigenvalues of AᵀA solve λ² − 59λ + 625 = 0, so λ₁ ≈ 45.160 = σ₁²; the share is 45.160 / 59 ≈ 76.5 % (59 = trace = ‖A‖²_F).",
      "AᵀA の固有値は λ² − 59λ + 625 = 0 の解なので λ₁ ≈ 45.160 = σ₁² です。割合は 45.160 / 59 ≈ 76.5 % になります(59 = トレース = ‖A‖²_F)。",
    ),
  },
  {
    id: "svd-storage-count",
    type: "param-numeric",
    prompt: text(
      "A ${{m}} \\times {{n}}$ matrix is stored as its rank-${{k}}$ truncated SVD ($U_k$, the $k$ singular values and $V_k$). How many numbers does that take?",
      "${{m}} \\times {{n}}$ 行列を、ランク ${{k}}$ で打ち切った SVD($U_k$、$k$ 個の特異値、$V_k$)として保存します。必要な数は何個ですか。",
    ),
    params: (rng) => ({ m: rng.int(20, 400), n: rng.int(20, 400), k: rng.int(2, 20) }),
    answer: (p) => num(p, "k") * (num(p, "m") + num(p, "n") + 1),
    verify: (p) => num(p, "k") * num(p, "m") + num(p, "k") * num(p, "n") + num(p, "k"),
    tolerance: { abs: 0.5 },
    explanation: text(
      "k columns of U (km numbers), k columns of V (kn) and k singular values: k(m + n + 1) in all.",
      "U の k 列(km 個)、V の k 列(kn 個)、特異値 k 個で、合計 k(m + n + 1) 個です。",
    ),
  },
  {
    id: "svd-compression-ratio",
    type: "param-numeric",
    prompt: text(
      "A ${{m}} \\times {{n}}$ matrix is replaced by its rank-${{k}}$ truncated SVD. What percentage of the original $mn$ numbers does the factored form need? (one decimal)",
      "${{m}} \\times {{n}}$ 行列をランク ${{k}}$ の打ち切り SVD で置き換えます。分解形に必要な数は、元の $mn$ 個の何パーセントですか(小数第 1 位まで)。",
    ),
    params: (rng) => ({ m: rng.int(50, 500), n: rng.int(50, 500), k: rng.int(1, 25) }),
    answer: (p) => (100 * num(p, "k") * (num(p, "m") + num(p, "n") + 1)) / (num(p, "m") * num(p, "n")),
    verify: (p) => {
      const m = num(p, "m");
      const n = num(p, "n");
      const k = num(p, "k");
      return 100 * (k / n + k / m + k / (m * n));
    },
    tolerance: { abs: 0.06 },
    explanation: text(
      "The ratio is k(m + n + 1) / (mn); for 100 × 80 at rank 5 that is 905 / 8000 = 11.3 %. Low rank pays off only while k is well below mn / (m + n).",
      "比は k(m + n + 1) / (mn) で、100 × 80 をランク 5 にすると 905 / 8000 = 11.3 % です。k が mn / (m + n) より十分小さいときだけ得になります。",
    ),
  },
  {
    id: "svd-sigma-max-2x2",
    type: "param-numeric",
    prompt: text(
      "What is the largest singular value $\\sigma_1$ of $A = {{A}}$? Hint: $\\sigma_1^2$ is the largest eigenvalue of $A^\\top A$. (3 significant digits)",
      "$A = {{A}}$ の最大特異値 $\\sigma_1$ はいくつですか。ヒント:$\\sigma_1^2$ は $A^\\top A$ の最大固有値です(有効数字 3 桁)。",
    ),
    params: (rng) => {
      for (;;) {
        const A = rng.matrix(2, 2, (r) => r.int(-5, 5));
        if (A.flat().some((x) => x !== 0)) return { A };
      }
    },
    answer: (p) => sigmasViaGram(mat(p, "A"))[0],
    verify: (p) => svd(mat(p, "A")).S[0]!,
    tolerance: { rel: 5e-3 },
    explanation: text(
      "Form AᵀA, solve λ² − tr(AᵀA)·λ + det(AᵀA) = 0 and take σ₁ = √λ_max; det(AᵀA) = det(A)² is a handy check.",
      "AᵀA を作り、λ² − tr(AᵀA)·λ + det(AᵀA) = 0 を解いて σ₁ = √λ_max とします。det(AᵀA) = det(A)² も検算に便利です。",
    ),
  },
  {
    id: "svd-sigma-min-3x2",
    type: "param-numeric",
    prompt: text(
      "What is the smallest singular value $\\sigma_2$ of the $3 \\times 2$ matrix $A = {{A}}$? (3 significant digits)",
      "$3 \\times 2$ 行列 $A = {{A}}$ の最小特異値 $\\sigma_2$ はいくつですか(有効数字 3 桁)。",
    ),
    params: (rng) => {
      for (;;) {
        const A = rng.matrix(3, 2, (r) => r.int(-4, 4));
        const [s1, s2] = sigmasViaGram(A);
        if (s2 > 0.2 * s1) return { A };
      }
    },
    answer: (p) => sigmasViaGram(mat(p, "A"))[1],
    verify: (p) => svd(mat(p, "A")).S[1]!,
    tolerance: { rel: 5e-3 },
    explanation: text(
      "AᵀA is only 2×2: its eigenvalues λ₁ ≥ λ₂ give σ₂ = √λ₂, and λ₂ = det(AᵀA)/λ₁ avoids a subtraction of nearly equal numbers.",
      "AᵀA は 2×2 なので、その固有値 λ₁ ≥ λ₂ から σ₂ = √λ₂ が得られます。λ₂ = det(AᵀA)/λ₁ とすれば、ほぼ等しい数の引き算も避けられます。",
    ),
  },
  {
    id: "svd-pinv-diagonal",
    type: "single",
    prompt: text(
      "What is the pseudo-inverse of $D = \\operatorname{diag}(2, 0, 5)$?",
      "$D = \\operatorname{diag}(2, 0, 5)$ の擬似逆行列はどれですか。",
    ),
    choices: [
      { id: "a", text: text("$\\operatorname{diag}(0.5, \\infty, 0.2)$", "$\\operatorname{diag}(0.5, \\infty, 0.2)$") },
      { id: "b", text: text("It does not exist, because $D$ is singular.", "$D$ は特異なので存在しない。") },
      { id: "c", text: text("$\\operatorname{diag}(0.2, 0, 0.5)$", "$\\operatorname{diag}(0.2, 0, 0.5)$") },
      { id: "d", text: text("$\\operatorname{diag}(0.5, 0, 0.2)$", "$\\operatorname{diag}(0.5, 0, 0.2)$") },
    ],
    answer: "d",
    explanation: text(
      "Σ⁺ inverts the non-zero diagonal entries in place and leaves the zeros at zero; every matrix, singular or not, has a pseudo-inverse.",
      "Σ⁺ は 0 でない対角成分をその場で逆数にし、0 は 0 のまま残します。特異かどうかに関係なく、どんな行列にも擬似逆行列があります。",
    ),
  },
  {
    id: "svd-penrose-conditions",
    type: "multi",
    prompt: text(
      "Let $A = \\begin{pmatrix} 1 & 0 \\\\ 0 & 0 \\end{pmatrix}$ and $X = \\begin{pmatrix} 1 & 1 \\\\ 0 & 1 \\end{pmatrix}$. Which Penrose conditions does $X$ **fail**? Select all that apply.",
      "$A = \\begin{pmatrix} 1 & 0 \\\\ 0 & 0 \\end{pmatrix}$、$X = \\begin{pmatrix} 1 & 1 \\\\ 0 & 1 \\end{pmatrix}$ とします。$X$ が**満たさない**ペンローズ条件をすべて選んでください。",
    ),
    choices: [
      { id: "c1", text: text("$A X A = A$", "$A X A = A$") },
      { id: "c2", text: text("$X A X = X$", "$X A X = X$") },
      { id: "c3", text: text("$(A X)^\\top = A X$", "$(A X)^\\top = A X$") },
      { id: "c4", text: text("$(X A)^\\top = X A$", "$(X A)^\\top = X A$") },
    ],
    answer: ["c2", "c3"],
    explanation: text(
      "AX = [[1, 1], [0, 0]] is not symmetric, and XAX = [[1, 1], [0, 0]] ≠ X; AXA = A and XA = [[1, 0], [0, 0]] are fine. The pseudo-inverse here is A itself.",
      "AX = [[1, 1], [0, 0]] は対称でなく、XAX = [[1, 1], [0, 0]] ≠ X です。AXA = A と XA = [[1, 0], [0, 0]] は条件を満たします。この A の擬似逆行列は A 自身です。",
    ),
  },
  {
    id: "svd-min-norm-solution",
    type: "multi",
    prompt: text(
      "$A$ is $5 \\times 3$ of rank 2. Which of these give the minimum-norm least-squares solution of $Ax \\approx b$? Select all that apply.",
      "$A$ はランク 2 の $5 \\times 3$ 行列です。$Ax \\approx b$ の最小ノルム最小二乗解を与えるものをすべて選んでください。",
    ),
    choices: [
      { id: "a", text: text("$x = A^+ b$, with the pseudo-inverse from the SVD", "SVD から作った擬似逆行列による $x = A^+ b$") },
      { id: "b", text: text("$x = (A^\\top A)^{-1} A^\\top b$", "$x = (A^\\top A)^{-1} A^\\top b$") },
      { id: "c", text: text("The limit of the ridge solution $(A^\\top A + \\lambda I)^{-1} A^\\top b$ as $\\lambda \\to 0^+$", "リッジ解 $(A^\\top A + \\lambda I)^{-1} A^\\top b$ の $\\lambda \\to 0^+$ での極限") },
      { id: "d", text: text("Any $x$ with $A^\\top A x = A^\\top b$", "$A^\\top A x = A^\\top b$ を満たす任意の $x$") },
    ],
    answer: ["a", "c"],
    explanation: text(
      "AᵀA is singular at rank 2, so (b) does not exist and (d) has a whole line of solutions; A⁺b picks the shortest one, and so does ridge as λ → 0⁺, since σ/(σ² + λ) → 1/σ for σ > 0 and stays 0 for σ = 0.",
      "ランク 2 では AᵀA が特異なので (b) は存在せず、(d) の解は直線上に無数にあります。A⁺b はその中で最短のものを選び、λ → 0⁺ のリッジ解も同じです。σ > 0 では σ/(σ² + λ) → 1/σ、σ = 0 では 0 のままだからです。",
    ),
  },
  {
    id: "svd-condition-number",
    type: "param-numeric",
    prompt: text(
      "What is the 2-norm condition number $\\kappa(A) = \\sigma_{\\max} / \\sigma_{\\min}$ of $A = {{A}}$? (3 significant digits)",
      "$A = {{A}}$ の 2 ノルム条件数 $\\kappa(A) = \\sigma_{\\max} / \\sigma_{\\min}$ はいくつですか(有効数字 3 桁)。",
    ),
    params: (rng) => {
      const a = rng.pick([-1, 1]) * rng.int(1, 50);
      let b = rng.pick([-1, 1]) * rng.int(1, 50);
      while (Math.abs(b) === Math.abs(a)) b = rng.pick([-1, 1]) * rng.int(1, 50);
      return { A: [[a, 0, 0], [0, b, 0], [0, 0, rng.pick([-1, 1]) * rng.int(1, 50)]] };
    },
    answer: (p) => {
      const d = mat(p, "A").map((row, i) => Math.abs(row[i]!));
      return Math.max(...d) / Math.min(...d);
    },
    verify: (p) => {
      const S = svd(mat(p, "A")).S;
      return S[0]! / S[S.length - 1]!;
    },
    tolerance: { rel: 5e-3 },
    explanation: text(
      "The singular values of a diagonal matrix are the absolute values of its diagonal entries, so κ = max|dᵢ| / min|dᵢ|; signs do not matter.",
      "対角行列の特異値は対角成分の絶対値なので、κ = max|dᵢ| / min|dᵢ| です。符号は関係ありません。",
    ),
  },
  {
    id: "svd-digits-lost",
    type: "numeric",
    prompt: text(
      "float64 carries about 16 significant decimal digits. Solving $Ax = b$ with a backward-stable method when $\\kappa(A) = 10^{13}$, about how many correct significant digits can you expect in $x$?",
      "float64 の有効数字は 10 進で約 16 桁です。$\\kappa(A) = 10^{13}$ の $Ax = b$ を後退安定な方法で解くとき、$x$ の正しい有効数字は何桁くらい期待できますか。",
    ),
    answer: 3,
    tolerance: { abs: 1 },
    explanation: text(
      "The relative error is about κ·ε ≈ 10¹³ × 1.1·10⁻¹⁶ ≈ 10⁻³: log₁₀ κ = 13 digits are lost, leaving about 3.",
      "相対誤差はおよそ κ·ε ≈ 10¹³ × 1.1·10⁻¹⁶ ≈ 10⁻³ です。log₁₀ κ = 13 桁が失われ、残るのは 3 桁ほどです。",
    ),
  },
  {
    id: "svd-ridge-filter-limits",
    type: "single",
    prompt: text(
      "Ridge regression weights the direction of singular value $\\sigma > 0$ by the filter $f(\\sigma) = \\sigma / (\\sigma^2 + \\lambda)$. What does $f$ do as $\\lambda \\to 0$ and as $\\lambda \\to \\infty$?",
      "リッジ回帰では、特異値 $\\sigma > 0$ の方向にフィルタ $f(\\sigma) = \\sigma / (\\sigma^2 + \\lambda)$ の重みがかかります。$\\lambda \\to 0$ と $\\lambda \\to \\infty$ で $f$ はどうなりますか。",
    ),
    choices: [
      { id: "a", text: text("$f \\to 1/\\sigma$ (least squares) as $\\lambda \\to 0$; $f \\approx \\sigma/\\lambda \\to 0$ as $\\lambda \\to \\infty$", "$\\lambda \\to 0$ で $f \\to 1/\\sigma$(最小二乗法)、$\\lambda \\to \\infty$ で $f \\approx \\sigma/\\lambda \\to 0$") },
      { id: "b", text: text("$f \\to 0$ as $\\lambda \\to 0$; $f \\to 1/\\sigma$ as $\\lambda \\to \\infty$", "$\\lambda \\to 0$ で $f \\to 0$、$\\lambda \\to \\infty$ で $f \\to 1/\\sigma$") },
      { id: "c", text: text("$f \\to \\sigma$ as $\\lambda \\to 0$; $f \\to 1$ as $\\lambda \\to \\infty$", "$\\lambda \\to 0$ で $f \\to \\sigma$、$\\lambda \\to \\infty$ で $f \\to 1$") },
      { id: "d", text: text("$f \\to 1/\\sigma$ in both limits: $\\lambda$ only rescales $x$", "どちらの極限でも $f \\to 1/\\sigma$($\\lambda$ は $x$ の大きさを変えるだけ)") },
    ],
    answer: "a",
    explanation: text(
      "At λ = 0 ridge is plain least squares (f = 1/σ); for large λ every direction is damped like σ/λ, so x → Aᵀb/λ → 0, and small σ (σ² ≪ λ) are damped first.",
      "λ = 0 ではリッジ回帰はただの最小二乗法(f = 1/σ)です。λ が大きいとすべての方向が σ/λ 程度に抑えられて x → Aᵀb/λ → 0 となり、小さな σ(σ² ≪ λ)の方向から先に抑えられます。",
    ),
  },
  {
    id: "svd-ridge-filter-value",
    type: "param-numeric",
    prompt: text(
      "With $\\lambda = {{lambda}}$, what weight $\\sigma / (\\sigma^2 + \\lambda)$ does ridge regression give to the direction with $\\sigma = {{sigma}}$? (3 significant digits)",
      "$\\lambda = {{lambda}}$ のとき、リッジ回帰は $\\sigma = {{sigma}}$ の方向にどれだけの重み $\\sigma / (\\sigma^2 + \\lambda)$ をかけますか(有効数字 3 桁)。",
    ),
    params: (rng) => ({ sigma: rng.pick([0.1, 0.5, 1, 2, 5, 10]), lambda: rng.pick([0.01, 0.1, 1, 10, 100]) }),
    answer: (p) => num(p, "sigma") / (num(p, "sigma") ** 2 + num(p, "lambda")),
    verify: (p) => 1 / (num(p, "sigma") + num(p, "lambda") / num(p, "sigma")),
    tolerance: { rel: 5e-3 },
    explanation: text(
      "Compare the result with 1/σ: the ratio f·σ = σ²/(σ² + λ) is the fraction of the least-squares weight that survives.",
      "結果を 1/σ と比べてみましょう。比 f·σ = σ²/(σ² + λ) が、最小二乗法の重みのうち残る割合です。",
    ),
  },
  {
    id: "svd-spectral-error",
    type: "single",
    prompt: text(
      "For the best rank-$k$ approximation $A_k$ from the SVD, what is the spectral-norm error $\\lVert A - A_k \\rVert_2$?",
      "SVD から作った最良のランク $k$ 近似 $A_k$ について、スペクトルノルムの誤差 $\\lVert A - A_k \\rVert_2$ はどれですか。",
    ),
    choices: [
      { id: "a", text: text("$\\sqrt{\\sum_{i>k} \\sigma_i^2}$", "$\\sqrt{\\sum_{i>k} \\sigma_i^2}$") },
      { id: "b", text: text("$\\sigma_{k+1}$", "$\\sigma_{k+1}$") },
      { id: "c", text: text("$\\sigma_k$", "$\\sigma_k$") },
      { id: "d", text: text("$\\sum_{i>k} \\sigma_i$", "$\\sum_{i>k} \\sigma_i$") },
    ],
    answer: "b",
    explanation: text(
      "A − A_k = Σ_{i>k} σᵢuᵢvᵢᵀ, whose largest singular value is σ_{k+1}; the root of the sum of squares, √(Σ_{i>k} σᵢ²), is its Frobenius norm.",
      "A − A_k = Σ_{i>k} σᵢuᵢvᵢᵀ で、その最大特異値は σ_{k+1} です。2 乗和の平方根 √(Σ_{i>k} σᵢ²) はフロベニウスノルムのほうです。",
    ),
  },
  {
    id: "svd-randomized-cost",
    type: "single",
    prompt: text(
      "You need the top $k$ singular triplets of a dense $m \\times n$ matrix with $m \\ge n \\gg k$, using $p$ extra oversampling columns. Which costs are right, up to constants?",
      "$m \\ge n \\gg k$ の密な $m \\times n$ 行列について、上位 $k$ 個の特異値と特異ベクトルが欲しいとします(オーバーサンプリングは $p$ 列)。定数倍を除いて正しい計算量はどれですか。",
    ),
    choices: [
      { id: "a", text: text("full SVD $O(mn)$; randomized SVD $O(k^2)$", "完全な SVD は $O(mn)$、ランダム化 SVD は $O(k^2)$") },
      { id: "b", text: text("both $O(m^2 n^2)$", "どちらも $O(m^2 n^2)$") },
      { id: "c", text: text("full SVD $O(mn^2)$; randomized SVD $O(mn(k+p))$", "完全な SVD は $O(mn^2)$、ランダム化 SVD は $O(mn(k+p))$") },
      { id: "d", text: text("full SVD $O(mn^2)$; randomized SVD $O(n^3)$", "完全な SVD は $O(mn^2)$、ランダム化 SVD は $O(n^3)$") },
    ],
    answer: "c",
    explanation: text(
      "Randomized SVD multiplies A by an n×(k+p) random matrix (O(mn(k+p))), orthonormalises the m×(k+p) result and takes a small SVD, instead of the O(mn²) work of a full SVD.",
      "ランダム化 SVD は A に n×(k+p) の乱数行列を掛け(O(mn(k+p)))、得られた m×(k+p) 行列を正規直交化して小さな SVD を取るだけなので、完全な SVD の O(mn²) より大幅に安く済みます。",
    ),
  },
  {
    id: "svd-normal-equations-conditioning",
    type: "single",
    prompt: text(
      "$A$ has full column rank and $\\kappa(A) = 10^{6}$. Why is solving least squares through the normal equations $A^\\top A x = A^\\top b$ risky in float64?",
      "$A$ は列フルランクで $\\kappa(A) = 10^{6}$ です。最小二乗問題を正規方程式 $A^\\top A x = A^\\top b$ で解くのが float64 で危ういのはなぜですか。",
    ),
    choices: [
      { id: "a", text: text("$A^\\top A$ is not symmetric", "$A^\\top A$ が対称でないから") },
      { id: "b", text: text("The normal equations give a different minimiser than the SVD", "正規方程式は SVD とは別の最小点を与えるから") },
      { id: "c", text: text("$A^\\top A$ is always singular", "$A^\\top A$ は常に特異だから") },
      { id: "d", text: text("$\\kappa(A^\\top A) = \\kappa(A)^2 = 10^{12}$, so about 12 of the 16 digits can be lost", "$\\kappa(A^\\top A) = \\kappa(A)^2 = 10^{12}$ となり、16 桁のうち約 12 桁が失われうるから") },
    ],
    answer: "d",
    explanation: text(
      "In exact arithmetic both give the same x, but forming AᵀA squares the condition number. An SVD or QR solution works with κ(A) itself and keeps about 10 digits here when the residual ‖b − Ax‖ is small; with a large residual the least-squares problem itself is sensitive like κ(A)²·‖b − Ax‖/(‖A‖‖x‖), and no method does better than that.",
      "厳密な計算ならどちらも同じ x になりますが、AᵀA を作ると条件数が 2 乗されます。SVD や QR による解法は κ(A) のまま扱えるので、残差 ‖b − Ax‖ が小さければこの場合も 10 桁ほど保てます。残差が大きいときは、最小二乗問題そのものが κ(A)²·‖b − Ax‖/(‖A‖‖x‖) 程度の感度をもち、どの解法でもそれ以上にはなりません。",
    ),
  },
  ...secondRound,
]);
