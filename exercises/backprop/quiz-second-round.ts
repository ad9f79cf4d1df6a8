import { text, type QuizItem } from "../../graders/content";

/** Second-round items (shared/curriculum.md, "Second round"): the matrix inverse and vector–Jacobian products. */
export const secondRound: QuizItem[] = [
  {
    id: "backprop-inverse-differential",
    type: "single",
    prompt: text(
      "For an invertible matrix $X$, what is the differential $d(X^{-1})$?",
      "正則行列 $X$ について、微分 $d(X^{-1})$ はどれですか。",
    ),
    choices: [
      { id: "a", text: text("$-X^{-2}\\, dX$", "$-X^{-2}\\, dX$") },
      { id: "b", text: text("$X^{-1}\\, dX\\, X^{-1}$", "$X^{-1}\\, dX\\, X^{-1}$") },
      { id: "c", text: text("$-X^{-1}\\, dX\\, X^{-1}$", "$-X^{-1}\\, dX\\, X^{-1}$") },
      { id: "d", text: text("$-(dX)^{-1}$", "$-(dX)^{-1}$") },
    ],
    answer: "c",
    explanation: text(
      "Differentiate X X⁻¹ = I: dX·X⁻¹ + X·d(X⁻¹) = 0, so d(X⁻¹) = −X⁻¹ dX X⁻¹. The scalar rule d(1/x) = −dx/x² becomes −X⁻² dX only when dX commutes with X, which matrices generally do not.",
      "X X⁻¹ = I を微分すると dX·X⁻¹ + X·d(X⁻¹) = 0 なので、d(X⁻¹) = −X⁻¹ dX X⁻¹ です。スカラーの d(1/x) = −dx/x² のように −X⁻² dX と書けるのは dX が X と可換なときだけで、行列では一般に成り立ちません。",
    ),
  },
  {
    id: "backprop-trace-inverse-gradient",
    type: "single",
    prompt: text(
      "What is the gradient of $f(X) = \\operatorname{tr}(X^{-1})$ with respect to an invertible $X$, the matrix with entries $\\partial f / \\partial X_{ij}$?",
      "正則な $X$ について、$f(X) = \\operatorname{tr}(X^{-1})$ の勾配（成分が $\\partial f / \\partial X_{ij}$ の行列）はどれですか。",
    ),
    choices: [
      { id: "a", text: text("$-X^{-1}$", "$-X^{-1}$") },
      { id: "b", text: text("$X^{-\\top}$", "$X^{-\\top}$") },
      { id: "c", text: text("$-X^{-2}$, without transposes", "転置なしの $-X^{-2}$") },
      { id: "d", text: text("$-(X^{-2})^\\top = -X^{-\\top} X^{-\\top}$", "$-(X^{-2})^\\top = -X^{-\\top} X^{-\\top}$") },
    ],
    answer: "d",
    explanation: text(
      "df = tr(d(X⁻¹)) = −tr(X⁻¹ dX X⁻¹) = −tr(X⁻² dX), and tr(M dX) = Σ Mⱼᵢ dXᵢⱼ, so the gradient is −(X⁻²)ᵀ. It is the case G = I of the gradient −X⁻ᵀ G X⁻ᵀ of ⟨G, X⁻¹⟩.",
      "df = tr(d(X⁻¹)) = −tr(X⁻¹ dX X⁻¹) = −tr(X⁻² dX) で、tr(M dX) = Σ Mⱼᵢ dXᵢⱼ なので、勾配は −(X⁻²)ᵀ です。⟨G, X⁻¹⟩ の勾配 −X⁻ᵀ G X⁻ᵀ で G = I とした場合にあたります。",
    ),
  },
  {
    id: "backprop-matrix-jacobian-size",
    type: "single",
    prompt: text(
      "The map $X \\mapsto X^{-1}$ on $1000 \\times 1000$ matrices has a Jacobian. How large is it, and what does backpropagation do instead of forming it?",
      "$1000 \\times 1000$ 行列に対する写像 $X \\mapsto X^{-1}$ にはヤコビ行列があります。その大きさはどれくらいで、誤差逆伝播はそれを作る代わりに何をしますか。",
    ),
    choices: [
      { id: "a", text: text("$1000 \\times 1000$; backpropagation forms it once and caches it", "$1000 \\times 1000$。誤差逆伝播は一度だけ作ってキャッシュする") },
      { id: "b", text: text("$10^6 \\times 10^6$ ($10^{12}$ entries, 8 TB in float64); backpropagation computes only the vector–Jacobian product $G \\mapsto -X^{-\\top} G X^{-\\top}$", "$10^6 \\times 10^6$（$10^{12}$ 成分、float64 で 8 TB）。誤差逆伝播はベクトル・ヤコビ積 $G \\mapsto -X^{-\\top} G X^{-\\top}$ だけを計算する") },
      { id: "c", text: text("$10^6 \\times 10^6$; backpropagation forms it column by column with finite differences", "$10^6 \\times 10^6$。誤差逆伝播は有限差分で列ごとに作る") },
      { id: "d", text: text("$1000 \\times 1000 \\times 1000$; it is a 3-way tensor", "$1000 \\times 1000 \\times 1000$。3 階テンソルになる") },
    ],
    answer: "b",
    explanation: text(
      "A map from n² inputs to n² outputs has an n² × n² Jacobian. Reverse mode only needs Jᵀ applied to the upstream gradient, which the formula gives with two matrix products in O(n³) time and O(n²) memory.",
      "n² 個の入力から n² 個の出力への写像のヤコビ行列は n² × n² です。後退モードで必要なのは上流の勾配に Jᵀ を掛けた結果だけで、公式を使えば行列積 2 回、O(n³) の時間と O(n²) のメモリで求まります。",
    ),
  },
];
