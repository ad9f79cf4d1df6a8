import { text, type QuizItem } from "../../graders/content";

/** Second-round items (shared/curriculum.md, "Second round"): multi-head attention. */
export const secondRound: QuizItem[] = [
  {
    id: "softmax-mha-parameter-count",
    type: "param-numeric",
    prompt: text(
      "A multi-head attention layer has model width $d = {{d}}$ and {{h}} heads. $W_Q, W_K, W_V$ map $d$ to $d$ (each head uses $d/h$ of the columns) and $W_O$ maps $d$ to $d$. How many weights do the four matrices hold together (no biases)?",
      "マルチヘッドアテンション層のモデル幅は $d = {{d}}$、ヘッド数は {{h}} です。$W_Q, W_K, W_V$ は $d$ から $d$ への写像で（各ヘッドは列のうち $d/h$ 本を使う）、$W_O$ も $d$ から $d$ への写像です。4 つの行列の重みは合わせていくつですか（バイアスなし）。",
    ),
    params: (rng) => {
      const h = rng.pick([2, 4, 8, 12, 16]);
      return { d: h * rng.pick([16, 32, 64]), h };
    },
    answer: (p) => 4 * (p.d as number) ** 2,
    // Head by head: each head has three d × (d/h) projections; W_O is d × d.
    verify: (p) => {
      const [d, h] = [p.d as number, p.h as number];
      let total = d * d;
      for (let head = 0; head < h; head++) total += 3 * d * (d / h);
      return total;
    },
    tolerance: { rel: 1e-12 },
    explanation: text(
      "Each head has three d × (d/h) projections, so h heads hold 3d² together, plus d² for W_O: 4d², whatever the number of heads. More heads split the same parameters into smaller subspaces.",
      "各ヘッドは d × (d/h) の射影を 3 つもつので、h 個のヘッドで合わせて 3d²、これに W_O の d² を足して 4d² です。ヘッド数によりません。ヘッドを増やすと、同じパラメータをより小さな部分空間に分けることになります。",
    ),
  },
  {
    id: "softmax-mha-head-scale",
    type: "single",
    prompt: text(
      "In multi-head attention with width $d$ and $h$ heads, each head's scores $Q_j K_j^\\top$ are divided by what, and why?",
      "幅 $d$、ヘッド数 $h$ のマルチヘッドアテンションでは、各ヘッドのスコア $Q_j K_j^\\top$ を何で割りますか。またその理由は何ですか。",
    ),
    choices: [
      { id: "a", text: text("$\\sqrt d$, because the model width sets the scale of every dot product", "$\\sqrt d$。モデル幅がすべての内積のスケールを決めるから") },
      { id: "b", text: text("$h$, to average the heads", "$h$。ヘッドを平均するため") },
      { id: "c", text: text("$\\sqrt{d/h}$: a head's dot product sums $d/h$ terms, so with unit-variance entries its standard deviation is $\\sqrt{d/h}$", "$\\sqrt{d/h}$。1 つのヘッドの内積は $d/h$ 項の和なので、成分の分散が 1 ならその標準偏差は $\\sqrt{d/h}$ だから") },
      { id: "d", text: text("Nothing: the softmax is invariant to scaling", "何でも割らない。ソフトマックスはスケールに対して不変だから") },
    ],
    answer: "c",
    explanation: text(
      "Dividing by √(d/h) keeps each head's scores at unit scale so the softmax does not saturate. Softmax is invariant to adding a constant, not to scaling: scaling the scores changes how peaked the weights are.",
      "√(d/h) で割ると各ヘッドのスコアが単位程度の大きさに保たれ、ソフトマックスが飽和しません。ソフトマックスが不変なのは定数を足すことに対してで、スケールに対してではありません。スコアを拡大縮小すると重みの尖り具合が変わります。",
    ),
  },
  {
    id: "softmax-mha-concat-output",
    type: "single",
    prompt: text(
      "After the heads attend, their $n \\times (d/h)$ outputs are concatenated to $n \\times d$ and multiplied by $W_O$. What does this step do?",
      "各ヘッドがアテンションをとったあと、$n \\times (d/h)$ の出力を $n \\times d$ に連結し、$W_O$ を掛けます。この処理は何をしていますか。",
    ),
    choices: [
      { id: "a", text: text("It mixes the heads: each output feature is a learned combination of all heads' outputs, which otherwise would stay in separate blocks of coordinates", "ヘッドを混ぜ合わせる。各出力特徴はすべてのヘッドの出力の学習された組み合わせになる（これがなければ各ヘッドの出力は別々の座標ブロックに留まる）") },
      { id: "b", text: text("It averages the attention weights of the heads", "各ヘッドのアテンション重みを平均する") },
      { id: "c", text: text("It normalises each row to sum to 1", "各行の和を 1 に正規化する") },
      { id: "d", text: text("Nothing essential: $W_O$ can always be folded into $W_V$ of each head without changing the model", "本質的には何もしない。$W_O$ はモデルを変えずにいつでも各ヘッドの $W_V$ に畳み込める") },
    ],
    answer: "a",
    explanation: text(
      "Concat(head₁, …, head_h) W_O = Σⱼ headⱼ W_O^(j), where W_O^(j) is the block of d/h rows belonging to head j: every output feature sums contributions from all heads. (Each W_V^(j) W_O^(j) product can be merged algebraically, but only into a d × d matrix per head, not into the d × d/h projection.)",
      "Concat(head₁, …, head_h) W_O = Σⱼ headⱼ W_O^(j) で、W_O^(j) はヘッド j に対応する d/h 行のブロックです。各出力特徴はすべてのヘッドからの寄与の和になります（W_V^(j) W_O^(j) は代数的にはまとめられますが、それはヘッドごとの d × d 行列になり、d × d/h の射影には収まりません）。",
    ),
  },
];
