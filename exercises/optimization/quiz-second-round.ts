import { text, type QuizItem } from "../../graders/content";

/** Second-round items (shared/curriculum.md, "Second round"): calculus of variations. */
export const secondRound: QuizItem[] = [
  {
    id: "optimization-euler-lagrange-shortest-path",
    type: "single",
    prompt: text(
      "The length of a curve $y(x)$ from $(a, y_a)$ to $(b, y_b)$ is $L[y] = \\int_a^b \\sqrt{1 + y'(x)^2}\\, dx$. What do the Euler–Lagrange equations $\\frac{\\partial F}{\\partial y} - \\frac{d}{dx} \\frac{\\partial F}{\\partial y'} = 0$ give for the shortest curve?",
      "$(a, y_a)$ から $(b, y_b)$ までの曲線 $y(x)$ の長さは $L[y] = \\int_a^b \\sqrt{1 + y'(x)^2}\\, dx$ です。オイラー・ラグランジュ方程式 $\\frac{\\partial F}{\\partial y} - \\frac{d}{dx} \\frac{\\partial F}{\\partial y'} = 0$ から、最短の曲線について何がわかりますか。",
    ),
    choices: [
      { id: "a", text: text("$y' = 0$: the curve is horizontal", "$y' = 0$。曲線は水平である") },
      { id: "b", text: text("$y'' = y$: the curve is a catenary", "$y'' = y$。曲線は懸垂線である") },
      { id: "c", text: text("No condition: every curve between the points has the same length", "条件は出ない。2 点を結ぶ曲線はすべて同じ長さである") },
      { id: "d", text: text("$y'/\\sqrt{1 + y'^2}$ is constant, so $y'' = 0$: a straight line", "$y'/\\sqrt{1 + y'^2}$ が一定なので $y'' = 0$、つまり直線である") },
    ],
    answer: "d",
    explanation: text(
      "F = √(1 + y′²) does not depend on y, so ∂F/∂y = 0 and d/dx [y′/√(1 + y′²)] = 0. A constant y′/√(1 + y′²) means a constant slope y′: the straight line through the two end points.",
      "F = √(1 + y′²) は y を含まないので ∂F/∂y = 0 となり、d/dx [y′/√(1 + y′²)] = 0 です。y′/√(1 + y′²) が一定なら傾き y′ も一定なので、2 つの端点を通る直線です。",
    ),
  },
  {
    id: "optimization-functional-variation",
    type: "single",
    prompt: text(
      "For $J[y] = \\int_0^1 y'(x)^2\\, dx$ and a perturbation $\\eta$ with $\\eta(0) = \\eta(1) = 0$, what is the first variation $\\delta J = \\frac{d}{d\\varepsilon} J[y + \\varepsilon \\eta] \\big|_{\\varepsilon = 0}$?",
      "$J[y] = \\int_0^1 y'(x)^2\\, dx$ と、$\\eta(0) = \\eta(1) = 0$ を満たす摂動 $\\eta$ について、第 1 変分 $\\delta J = \\frac{d}{d\\varepsilon} J[y + \\varepsilon \\eta] \\big|_{\\varepsilon = 0}$ はどれですか。",
    ),
    choices: [
      { id: "a", text: text("$\\int_0^1 2 y' \\eta' \\, dx = -\\int_0^1 2 y'' \\eta \\, dx$", "$\\int_0^1 2 y' \\eta' \\, dx = -\\int_0^1 2 y'' \\eta \\, dx$") },
      { id: "b", text: text("$\\int_0^1 2 y \\eta \\, dx$", "$\\int_0^1 2 y \\eta \\, dx$") },
      { id: "c", text: text("$\\int_0^1 \\eta'^2 \\, dx$", "$\\int_0^1 \\eta'^2 \\, dx$") },
      { id: "d", text: text("$2 y'(1) \\eta(1)$, a boundary term only", "$2 y'(1) \\eta(1)$（境界項のみ）") },
    ],
    answer: "a",
    explanation: text(
      "J[y + εη] = ∫ (y′ + εη′)² dx, whose ε-derivative at 0 is ∫ 2y′η′ dx; integrating by parts, the boundary term 2y′η vanishes because η(0) = η(1) = 0. δJ = 0 for every η gives y″ = 0, the Euler–Lagrange equation. (∫ η′² is the second-order term.)",
      "J[y + εη] = ∫ (y′ + εη′)² dx を ε で微分して 0 を代入すると ∫ 2y′η′ dx です。部分積分すると、η(0) = η(1) = 0 なので境界項 2y′η は消えます。すべての η で δJ = 0 となる条件が y″ = 0、つまりオイラー・ラグランジュ方程式です（∫ η′² は 2 次の項です）。",
    ),
  },
];
