import { text, type QuizItem, type QuizParams } from "../../graders/content";

const num = (p: QuizParams, name: string): number => p[name] as number;

/** Second-round items (shared/curriculum.md, "Second round"): CP and Tucker decompositions. */
export const secondRound: QuizItem[] = [
  {
    id: "tensors-cp-vs-tucker",
    type: "single",
    prompt: text(
      "What distinguishes a Tucker decomposition $X = G \\times_0 U_0 \\times_1 U_1 \\times_2 U_2$ from a rank-$R$ CP decomposition $X = \\sum_r w_r\\, a_r \\circ b_r \\circ c_r$?",
      "タッカー分解 $X = G \\times_0 U_0 \\times_1 U_1 \\times_2 U_2$ と、ランク $R$ の CP 分解 $X = \\sum_r w_r\\, a_r \\circ b_r \\circ c_r$ の違いは何ですか。",
    ),
    choices: [
      { id: "a", text: text("Tucker has a dense core tensor $G$ that couples every column of every factor with every other; CP is the special case of a superdiagonal core ($G_{rrr} = w_r$, zero elsewhere)", "タッカー分解には、各因子のすべての列どうしを結びつける密なコアテンソル $G$ がある。CP 分解は、コアが超対角（$G_{rrr} = w_r$、それ以外は 0）の特別な場合である") },
      { id: "b", text: text("CP has a core tensor and Tucker does not", "CP 分解にはコアテンソルがあり、タッカー分解にはない") },
      { id: "c", text: text("Tucker only applies to matrices", "タッカー分解は行列にしか使えない") },
      { id: "d", text: text("They are the same decomposition with different names", "名前が違うだけで同じ分解である") },
    ],
    answer: "a",
    explanation: text(
      "A Tucker core (R₁, R₂, R₃) lets each mode have its own rank and every triple of factor columns interact; CP fixes one R for all modes and only the matching triples (r, r, r). CP is unique under mild conditions, Tucker only up to rotations of each factor.",
      "タッカー分解のコア (R₁, R₂, R₃) では、モードごとに別のランクをとれ、因子の列のあらゆる 3 つ組が相互作用します。CP 分解はすべてのモードで共通の R を使い、対応する 3 つ組 (r, r, r) だけが残ります。CP 分解は緩い条件のもとで一意ですが、タッカー分解は各因子の回転の分だけ不定性があります。",
    ),
  },
  {
    id: "tensors-cp-parameter-count",
    type: "param-numeric",
    prompt: text(
      "How many numbers does a rank-{{R}} CP decomposition of a ${{I}} \\times {{J}} \\times {{K}}$ tensor store, with the weights absorbed into the factor matrices?",
      "${{I}} \\times {{J}} \\times {{K}}$ のテンソルのランク {{R}} の CP 分解は、重みを因子行列に吸収した場合、いくつの数を保存しますか。",
    ),
    params: (rng) => ({ I: rng.int(10, 200), J: rng.int(10, 200), K: rng.int(10, 200), R: rng.int(2, 20) }),
    answer: (p) => num(p, "R") * (num(p, "I") + num(p, "J") + num(p, "K")),
    verify: (p) => num(p, "I") * num(p, "R") + num(p, "J") * num(p, "R") + num(p, "K") * num(p, "R"),
    tolerance: { rel: 1e-12 },
    explanation: text(
      "Three factor matrices of sizes I × R, J × R and K × R: R(I + J + K) numbers, against IJK for the full tensor.",
      "大きさ I × R、J × R、K × R の 3 つの因子行列で、R(I + J + K) 個の数です。もとのテンソルは IJK 個です。",
    ),
  },
  {
    id: "tensors-tucker-parameter-count",
    type: "param-numeric",
    prompt: text(
      "How many numbers does a Tucker decomposition of a ${{I}} \\times {{J}} \\times {{K}}$ tensor with core size $({{R1}}, {{R2}}, {{R3}})$ store (core plus the three factor matrices)?",
      "${{I}} \\times {{J}} \\times {{K}}$ のテンソルを、コアの大きさ $({{R1}}, {{R2}}, {{R3}})$ でタッカー分解すると、いくつの数を保存しますか（コアと 3 つの因子行列の合計）。",
    ),
    params: (rng) => ({ I: rng.int(10, 100), J: rng.int(10, 100), K: rng.int(10, 100), R1: rng.int(2, 8), R2: rng.int(2, 8), R3: rng.int(2, 8) }),
    answer: (p) => num(p, "R1") * num(p, "R2") * num(p, "R3") + num(p, "I") * num(p, "R1") + num(p, "J") * num(p, "R2") + num(p, "K") * num(p, "R3"),
    // Count array elements of a literal core and literal factors.
    verify: (p) => {
      const core = new Array(num(p, "R1") * num(p, "R2") * num(p, "R3")).fill(0).length;
      const factors = [["I", "R1"], ["J", "R2"], ["K", "R3"]].map(([a, b]) => new Array(num(p, a!)).fill(0).map(() => new Array(num(p, b!)).fill(0)).flat().length);
      return core + factors.reduce((s, x) => s + x, 0);
    },
    tolerance: { rel: 1e-12 },
    explanation: text(
      "The core has R₁R₂R₃ entries and the factors I × R₁, J × R₂ and K × R₃: R₁R₂R₃ + IR₁ + JR₂ + KR₃. The core grows as the product of the ranks, which is why Tucker suits small ranks per mode.",
      "コアの成分は R₁R₂R₃ 個、因子は I × R₁、J × R₂、K × R₃ なので、合計 R₁R₂R₃ + IR₁ + JR₂ + KR₃ です。コアはランクの積で大きくなるので、タッカー分解はモードごとのランクが小さいときに向いています。",
    ),
  },
  {
    id: "tensors-mode-product-size",
    type: "param-numeric",
    prompt: text(
      "$X$ has shape ${{I}} \\times {{J}} \\times {{K}}$ and $M$ is ${{P}} \\times {{J}}$. How many entries does the mode-1 product $X \\times_1 M$ have (modes numbered 0, 1, 2)?",
      "$X$ の形は ${{I}} \\times {{J}} \\times {{K}}$、$M$ は ${{P}} \\times {{J}}$ です。モード 1 積 $X \\times_1 M$ の成分はいくつありますか（モードは 0, 1, 2 と数えます）。",
    ),
    params: (rng) => ({ I: rng.int(2, 30), J: rng.int(2, 30), K: rng.int(2, 30), P: rng.int(2, 30) }),
    answer: (p) => num(p, "I") * num(p, "P") * num(p, "K"),
    // Build the output shape by replacing axis 1, then multiply its sizes.
    verify: (p) => {
      const shape = [num(p, "I"), num(p, "J"), num(p, "K")];
      shape.splice(1, 1, num(p, "P"));
      return shape.reduce((a, b) => a * b, 1);
    },
    tolerance: { rel: 1e-12 },
    explanation: text(
      "X ×₁ M replaces axis 1 (size J) by an axis of size P at the same position: the shape is I × P × K.",
      "X ×₁ M は軸 1（大きさ J）を同じ位置の大きさ P の軸に置き換えるので、形は I × P × K です。",
    ),
  },
];
