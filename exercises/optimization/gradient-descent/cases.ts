import { svd } from "linalg";
import { defineCases, text, type LocalizedText, type Rng } from "../../../graders/content";

/** Gradient descent with a knob for each typical mistake, so that diagnose can name the one a learner made. */
function descend(A: number[][], b: number[], lr: number, steps: number, gradScale = 1): number[] {
  const n = A[0]?.length ?? 0;
  const theta = new Array<number>(n).fill(0);
  for (let s = 0; s < steps; s++) {
    const r = A.map((row, i) => row.reduce((acc, a, j) => acc + a * theta[j]!, -b[i]!));
    for (let j = 0; j < n; j++) {
      let g = 0;
      for (let i = 0; i < A.length; i++) g += A[i]![j]! * r[i]!;
      theta[j]! -= lr * gradScale * g;
    }
  }
  return theta;
}

/** lr as a multiple of 1/L, where L = σ_max(A)² is the largest eigenvalue of the Hessian AᵀA. */
function lrFor(A: number[][], multiple: number): number {
  const smax = svd(A).S[0]!;
  return multiple / (smax * smax);
}

const matrix = (rng: Rng, m: number, n: number): number[][] => rng.matrix(m, n, (r) => Math.round(r.normal() * 1e4) / 1e4);
const vector = (rng: Rng, m: number): number[] => rng.vector(m, (r) => Math.round(r.normal() * 1e4) / 1e4);

const updateHint = text(
  "Start from θ = 0 and apply exactly `steps` updates θ ← θ − lr·Aᵀ(Aθ − b): step against the gradient, and compute the whole gradient before changing θ.",
  "θ = 0 から始めて、θ ← θ − lr·Aᵀ(Aθ − b) をちょうど `steps` 回繰り返します。勾配と逆向きに進み、θ を更新する前に勾配全体を計算し終えておきましょう。",
);

function close(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x, i) => Math.abs(x - b[i]!) <= 1e-9 + 1e-6 * Math.abs(b[i]!));
}

export default defineCases({
  visible: [
    {
      name: "diagonal A, two steps",
      labelJa: "対角行列 A、2 ステップ",
      args: [[[1, 0], [0, 2]], [1, 1], 0.1, 2],
      // θ₁ = 0.1·Aᵀb = (0.1, 0.2); θ₂ = θ₁ − 0.1·Aᵀ(Aθ₁ − b) = (0.19, 0.32)
      expected: [0.19, 0.32],
      hint: updateHint,
    },
    {
      name: "line fit, 100 steps of lr = 0.05",
      labelJa: "直線のあてはめ、lr = 0.05 で 100 ステップ",
      args: [[[1, 1], [1, 2], [1, 3]], [1, 2, 2], 0.05, 100],
      // exact rational arithmetic; the least-squares solution (2/3, 1/2) is not reached yet
      expected: [0.6059862234356822, 0.5266934311256817],
      hint: updateHint,
    },
    {
      name: "1×1 with lr = 1/L: one step lands on the minimum",
      labelJa: "1×1 で lr = 1/L：1 ステップで最小点に到達",
      args: [[[2]], [4], 0.25, 3],
      expected: [2],
      hint: updateHint,
    },
  ],
  hidden: [
    {
      name: "converging learning rate",
      labelJa: "収束する学習率",
      count: 3,
      generate: (rng) => {
        const m = rng.int(3, 20);
        const n = rng.int(1, m);
        const A = matrix(rng, m, n);
        return [A, vector(rng, m), lrFor(A, rng.uniform(0.2, 1.5)), rng.int(5, 200)];
      },
      hint: updateHint,
    },
    {
      name: "zero or one step",
      labelJa: "0 ステップまたは 1 ステップ",
      count: 2,
      generate: (rng, i) => {
        const m = rng.int(2, 6);
        const n = rng.int(1, 4);
        return [matrix(rng, m, n), vector(rng, m), rng.uniform(0.01, 0.2), i % 2];
      },
      hint: text(
        "steps = 0 returns θ = 0 unchanged; steps = 1 returns lr·Aᵀb.",
        "steps = 0 なら θ = 0 をそのまま返し、steps = 1 なら lr·Aᵀb を返します。",
      ),
    },
    {
      name: "ill-conditioned A",
      labelJa: "悪条件の A",
      count: 1,
      generate: (rng) => {
        const m = rng.int(5, 12);
        const n = rng.int(2, 4);
        const A = matrix(rng, m, n).map((row) => row.map((a, j) => a * 10 ** -j)); // columns of very different scales
        return [A, vector(rng, m), lrFor(A, 1), rng.int(50, 300)];
      },
      hint: updateHint,
    },
    {
      name: "underdetermined (more unknowns than equations)",
      labelJa: "劣決定（未知数が式より多い）",
      count: 1,
      generate: (rng) => {
        const m = rng.int(2, 4);
        const n = rng.int(m + 1, 8);
        const A = matrix(rng, m, n);
        return [A, vector(rng, m), lrFor(A, 1), rng.int(20, 100)];
      },
      hint: updateHint,
    },
    {
      name: "learning rate too large (diverges)",
      labelJa: "大きすぎる学習率（発散）",
      count: 1,
      generate: (rng) => {
        const m = rng.int(3, 8);
        const n = rng.int(1, 3);
        const A = matrix(rng, m, n);
        // lr > 2/L: the error along the top singular direction grows by |1 − lr·L| > 1 per step.
        return [A, vector(rng, m), lrFor(A, 2.3), 25];
      },
      hint: text(
        "With lr > 2/L (L = σ_max(A)²) gradient descent diverges, and the grader expects exactly the diverging iterates: apply the plain update, without clipping or stopping early.",
        "lr > 2/L（L = σ_max(A)²）では勾配降下法は発散します。採点では発散していく反復をそのまま期待しているので、クリッピングや途中での打ち切りはせず、素直な更新式を適用してください。",
      ),
    },
  ],
  diagnose: (ctx): LocalizedText | undefined => {
    const [A, b, lr, steps] = ctx.args as [number[][], number[], number, number];
    const got = ctx.got as number[];
    if (close(got, descend(A, b, lr, steps, -1))) {
      return text(
        "Your iterates climb: they match θ ← θ + lr·∇f. Step against the gradient: θ ← θ − lr·Aᵀ(Aθ − b).",
        "反復が坂を上っています（θ ← θ + lr·∇f と一致）。勾配と逆向きに θ ← θ − lr·Aᵀ(Aθ − b) と進みましょう。",
      );
    }
    if (close(got, descend(A, b, lr, steps, 2))) {
      return text(
        "Your gradient is 2·Aᵀ(Aθ − b), the gradient of ‖Aθ − b‖². This loss has a ½ in front, so ∇f = Aᵀ(Aθ − b).",
        "勾配が 2·Aᵀ(Aθ − b)（‖Aθ − b‖² の勾配）になっています。この損失には ½ が付いているので ∇f = Aᵀ(Aθ − b) です。",
      );
    }
    if (A.length > 1 && close(got, descend(A, b, lr, steps, 1 / A.length))) {
      return text(
        "Your gradient is divided by the number of rows m (the mean loss). This loss is the sum ½‖Aθ − b‖²: ∇f = Aᵀ(Aθ − b), without 1/m.",
        "勾配が行数 m で割られています（平均損失の勾配）。この損失は和 ½‖Aθ − b‖² なので、∇f = Aᵀ(Aθ − b) で 1/m は付きません。",
      );
    }
    for (const k of [steps - 1, steps + 1]) {
      if (k >= 0 && close(got, descend(A, b, lr, k))) {
        // Says "one too many/few" rather than the counts, which would reveal a hidden case's data.
        return k > steps
          ? text("Your result matches one update too many: start from θ = 0 and apply exactly `steps` updates.", "結果が 1 回多く更新した値と一致しています。θ = 0 から始めて、ちょうど `steps` 回更新しましょう。")
          : text("Your result matches one update too few: start from θ = 0 and apply exactly `steps` updates.", "結果が 1 回少なく更新した値と一致しています。θ = 0 から始めて、ちょうど `steps` 回更新しましょう。");
      }
    }
    return undefined;
  },
});

export { descend };
