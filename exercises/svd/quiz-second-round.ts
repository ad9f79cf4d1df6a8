import { text, type QuizItem, type QuizParams } from "../../graders/content";

/** Second-round items (shared/curriculum.md, "Second round"): the spectral theorem and the Gram-matrix route. */
export const secondRound: QuizItem[] = [
  {
    id: "svd-spectral-theorem",
    type: "single",
    prompt: text(
      "Which statement about real square matrices is true?",
      "実正方行列について、正しい記述はどれですか。",
    ),
    choices: [
      { id: "a", text: text("Every real square matrix has real eigenvalues.", "どんな実正方行列も固有値はすべて実数である。") },
      { id: "b", text: text("A real symmetric matrix has real eigenvalues and an orthonormal basis of eigenvectors; the rotation $\\begin{bmatrix} 0 & -1 \\\\ 1 & 0 \\end{bmatrix}$, which is not symmetric, has eigenvalues $\\pm i$.", "実対称行列の固有値はすべて実数で、固有ベクトルの正規直交基底がとれる。対称でない回転行列 $\\begin{bmatrix} 0 & -1 \\\\ 1 & 0 \\end{bmatrix}$ の固有値は $\\pm i$ である。") },
      { id: "c", text: text("Eigenvectors of distinct eigenvalues are orthogonal for every square matrix.", "どんな正方行列でも、異なる固有値の固有ベクトルは直交する。") },
      { id: "d", text: text("A symmetric matrix with a repeated eigenvalue cannot be diagonalised.", "重複した固有値をもつ対称行列は対角化できない。") },
    ],
    answer: "b",
    explanation: text(
      "The spectral theorem: A = Aᵀ gives A = QΛQᵀ with real Λ and orthogonal Q, repeated eigenvalues included (any orthonormal basis of the eigenspace works). Without symmetry, eigenvalues can be complex and eigenvectors need not be orthogonal, e.g. [[1, 1], [0, 2]] has eigenvectors (1, 0) and (1, 1).",
      "スペクトル定理：A = Aᵀ なら、実数の Λ と直交行列 Q で A = QΛQᵀ と書けます。重複固有値があっても同じで、固有空間の任意の正規直交基底が使えます。対称でなければ固有値は複素数になりえ、固有ベクトルも直交するとは限りません。たとえば [[1, 1], [0, 2]] の固有ベクトルは (1, 0) と (1, 1) です。",
    ),
  },
  {
    id: "svd-gram-digits-lost",
    type: "param-numeric",
    prompt: text(
      "$A$ has condition number $\\kappa(A) = 10^{{{k}}}$. If you compute its singular values as square roots of the eigenvalues of $A^\\top A$ in float64, about how many significant decimal digits can the smallest one lose, compared with an SVD computed from $A$ directly (which loses about {{k}})?",
      "$A$ の条件数は $\\kappa(A) = 10^{{{k}}}$ です。float64 で $A^\\top A$ の固有値の平方根として特異値を計算すると、最小の特異値は 10 進で何桁くらいの有効数字を失いうるでしょうか（$A$ から直接 SVD を計算した場合は約 {{k}} 桁です）。",
    ),
    params: (rng) => ({ k: rng.int(2, 7) }),
    answer: (p) => 2 * (p.k as number),
    verify: (p: QuizParams) => Math.round(Math.log10((10 ** (p.k as number)) ** 2)),
    tolerance: { abs: 0.5 },
    explanation: text(
      "κ(AᵀA) = κ(A)²: the eigenvalue σ_min² is resolved only to about ε·σ_max², so about 2·log₁₀ κ digits of σ_min are at risk — at κ = 10⁸ nothing is left. This is why the SVD is computed from A (Golub–Kahan, one-sided Jacobi), not from AᵀA.",
      "κ(AᵀA) = κ(A)² です。固有値 σ_min² は ε·σ_max² 程度の精度でしか求まらないので、σ_min の約 2·log₁₀ κ 桁が失われえます。κ = 10⁸ なら何も残りません。SVD を AᵀA からではなく A から（ゴラブ・カハン法や片側ヤコビ法で）計算するのはこのためです。",
    ),
  },
  {
    id: "svd-psd-eigen-vs-singular",
    type: "multi",
    prompt: text(
      "Let $A = Q \\Lambda Q^\\top$ be a real symmetric matrix. Which statements are true? Select all that apply.",
      "$A = Q \\Lambda Q^\\top$ を実対称行列とします。正しいものをすべて選んでください。",
    ),
    choices: [
      { id: "a", text: text("If every $\\lambda_i \\ge 0$, the singular values are the eigenvalues and $U = V = Q$ is an SVD.", "すべての $\\lambda_i \\ge 0$ なら、特異値は固有値そのもので、$U = V = Q$ が SVD になる。") },
      { id: "b", text: text("If $\\lambda_i = -2$, then $-2$ is a singular value of $A$.", "$\\lambda_i = -2$ なら、$-2$ は $A$ の特異値である。") },
      { id: "c", text: text("The singular values are the $|\\lambda_i|$, sorted in descending order.", "特異値は $|\\lambda_i|$ を大きい順に並べたものである。") },
      { id: "d", text: text("For a negative eigenvalue, the left and right singular vectors are $u_i = -q_i$ and $v_i = q_i$ (or the reverse).", "負の固有値については、左右の特異ベクトルは $u_i = -q_i$、$v_i = q_i$（またはその逆）になる。") },
      { id: "e", text: text("For any square matrix, the singular values are the absolute values of the eigenvalues.", "どんな正方行列でも、特異値は固有値の絶対値である。") },
    ],
    answer: ["a", "c", "d"],
    explanation: text(
      "A = Σ λᵢ qᵢqᵢᵀ = Σ |λᵢ| (sign(λᵢ) qᵢ) qᵢᵀ: the sign moves into one singular vector and σᵢ = |λᵢ| ≥ 0. For non-symmetric matrices this fails: [[0, 1], [0, 0]] has eigenvalues 0, 0 but singular values 1, 0.",
      "A = Σ λᵢ qᵢqᵢᵀ = Σ |λᵢ| (sign(λᵢ) qᵢ) qᵢᵀ なので、符号は片方の特異ベクトルに移り、σᵢ = |λᵢ| ≥ 0 です。対称でない行列では成り立ちません。[[0, 1], [0, 0]] の固有値は 0, 0 ですが、特異値は 1, 0 です。",
    ),
  },
  {
    id: "svd-from-gram-matrix",
    type: "single",
    prompt: text(
      "You know the eigendecomposition $A^\\top A = V \\Lambda V^\\top$ of a full-column-rank $A$ (eigenvalues $\\lambda_1 \\ge \\dots \\ge \\lambda_n > 0$). How do you get the thin SVD $A = U \\Sigma V^\\top$ from it?",
      "列フルランクの $A$ について、固有値分解 $A^\\top A = V \\Lambda V^\\top$（固有値 $\\lambda_1 \\ge \\dots \\ge \\lambda_n > 0$）がわかっています。ここから薄い SVD $A = U \\Sigma V^\\top$ をどう作りますか。",
    ),
    choices: [
      { id: "a", text: text("$\\Sigma = \\Lambda$ and $U = V$", "$\\Sigma = \\Lambda$、$U = V$") },
      { id: "b", text: text("$\\Sigma = \\Lambda^{1/2}$ and $U = A^\\top V$", "$\\Sigma = \\Lambda^{1/2}$、$U = A^\\top V$") },
      { id: "c", text: text("$\\sigma_i = \\sqrt{\\lambda_i}$, the same $V$, and $u_i = A v_i / \\sigma_i$", "$\\sigma_i = \\sqrt{\\lambda_i}$、$V$ はそのまま、$u_i = A v_i / \\sigma_i$") },
      { id: "d", text: text("It cannot be done: $A^\\top A$ loses the signs of the singular values", "できない。$A^\\top A$ では特異値の符号が失われるから") },
    ],
    answer: "c",
    explanation: text(
      "AᵀA = VΣ²Vᵀ, so V holds the right singular vectors and σᵢ = √λᵢ; then Avᵢ = σᵢuᵢ gives U, whose columns are orthonormal because uᵢ·uⱼ = vᵢᵀAᵀAvⱼ/(σᵢσⱼ) = δᵢⱼ. Singular values have no sign to lose — but squaring costs accuracy: a small σ comes out with an absolute error of about ε·σ₁²/σ.",
      "AᵀA = VΣ²Vᵀ なので、V が右特異ベクトルで σᵢ = √λᵢ です。Avᵢ = σᵢuᵢ から U が得られ、uᵢ·uⱼ = vᵢᵀAᵀAvⱼ/(σᵢσⱼ) = δᵢⱼ なのでその列は正規直交です。特異値には失われる符号はありませんが、2 乗するぶん精度は落ちます。小さな σ の絶対誤差はおよそ ε·σ₁²/σ になります。",
    ),
  },
  {
    id: "svd-jacobi-sweeps",
    type: "single",
    prompt: text(
      "A Jacobi rotation in the plane $(p, q)$ makes $a_{pq}$ of a symmetric matrix exactly zero. Why does the method still need several sweeps over all pairs?",
      "平面 $(p, q)$ でのヤコビ回転は、対称行列の $a_{pq}$ をちょうど 0 にします。それでもすべての組を何度もスイープする必要があるのはなぜですか。",
    ),
    choices: [
      { id: "a", text: text("Each rotation changes the eigenvalues slightly, so they must be recomputed", "回転のたびに固有値が少し変わるので、計算し直す必要があるから") },
      { id: "b", text: text("Rounding errors double with every rotation", "回転のたびに丸め誤差が 2 倍になるから") },
      { id: "c", text: text("A sweep only visits half of the pairs", "1 回のスイープでは組の半分しか訪れないから") },
      { id: "d", text: text("A rotation of rows and columns $p, q$ refills entries $a_{pk}, a_{qk}$ that earlier rotations had zeroed; but the off-diagonal mass $\\sum_{i \\ne j} a_{ij}^2$ drops by $2a_{pq}^2$ each time, and near the end it converges quadratically", "行と列 $p, q$ の回転は、前の回転で 0 にした $a_{pk}, a_{qk}$ を再び埋めてしまう。ただし非対角成分の二乗和 $\\sum_{i \\ne j} a_{ij}^2$ は毎回 $2a_{pq}^2$ ずつ減り、終盤は 2 次収束する") },
    ],
    answer: "d",
    explanation: text(
      "Rotations are orthogonal, so they keep the eigenvalues and the Frobenius norm; zeroing a_pq moves its mass onto the diagonal, and the off-diagonal sum of squares falls monotonically. A handful of sweeps (typically 5–10 for n ≤ 100) bring it below ε·‖A‖_F.",
      "回転は直交変換なので、固有値もフロベニウスノルムも変えません。a_pq を 0 にするとその分が対角に移り、非対角成分の二乗和は単調に減ります。数回のスイープ（n ≤ 100 なら普通 5〜10 回）で ε·‖A‖_F を下回ります。",
    ),
  },
];
