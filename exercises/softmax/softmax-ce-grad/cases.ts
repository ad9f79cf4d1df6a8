import { centralDiff, defineCases, text, withAnalyticGradient } from "../../../graders/content";
import type { LocalizedText, Rng } from "../../../graders/content";

const overflowHint = text(
  "exp overflowed: subtract max(z) from the logits before exp — the softmax inside the gradient is unchanged by the shift.",
  "exp がオーバーフローしました。exp の前にロジットから max(z) を引きましょう。勾配の中のソフトマックスはこのシフトで変わりません。",
);

const divisionHint = text(
  "NaN or Infinity although these inputs cannot overflow exp: look for a division by zero or a log(0). After the max shift, the denominator Σ exp(z_j − max) is at least 1.",
  "この入力では exp はオーバーフローしないのに NaN や Infinity が出ています。0 での割り算や log(0) を探しましょう。最大値でシフトすれば、分母 Σ exp(z_j − max) は 1 以上です。",
);

/** Whether exp of some of these numbers, unshifted, would overflow or underflow in float64. */
const extreme = (xs: number[]): boolean => xs.some((x) => Math.abs(x) > 700);

/**
 * The loss L(z) = log Σ exp(z) − z_t, written independently of the reference's gradient, for central differences.
 * Computed as (m − z_t) + log1p(Σ_{k≠argmax} exp(z_k − m)): m − z_t is exact, and log1p keeps full relative accuracy
 * when the target dominates and L is tiny; m + log(sum) − z_t would leave rounding noise of ~1e−13 near logits of
 * 1000, which the difference quotient magnifies by 1/2h into a visible gradient error.
 */
function loss(z: number[], t: number): number {
  let top = 0;
  for (let k = 1; k < z.length; k++) if (z[k]! > z[top]!) top = k;
  const m = z[top]!;
  let rest = 0;
  for (let k = 0; k < z.length; k++) if (k !== top) rest += Math.exp(z[k]! - m);
  return m - z[t]! + Math.log1p(rest);
}

function softmax(z: number[]): number[] {
  const m = Math.max(...z);
  const e = z.map((x) => Math.exp(x - m));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / sum);
}

function isNumberArray(x: unknown): x is number[] {
  return Array.isArray(x) && x.every((v) => typeof v === "number");
}

function near(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((x, i) => Math.abs(x - b[i]!) <= 1e-9 + 1e-6 * Math.abs(b[i]!));
}

const fmt = (x: number): string => Number(x.toPrecision(6)).toString();

function logitsAndTarget(rng: Rng, C: number, mean = 0, sd = 3): [number[], number] {
  return [rng.vector(C, (r) => r.normal(mean, sd)), rng.int(0, C - 1)];
}

/**
 * Logits of moderate size and no near-certain class: there every right formula (a shift by max(z) or by
 * logsumexp(z), p(1 − p) or p·(1 − p) in any order) agrees with the reference to about 1e−14. With logits near 1000
 * a shift by logsumexp(z) keeps only ε·|z| ≈ 2e−13 of p, and with one p near 1 the term 1 − p keeps only ε/(1 − p)
 * (measured: up to 3e−12): those cases are left to the gradient check and the entry-wise comparison.
 */
function moderateLogits(z: readonly number[]): boolean {
  const m = Math.max(...z);
  const total = z.reduce((s, v) => s + Math.exp(v - m), 0);
  return z.every((v) => Math.abs(v) <= 50) && 1 / total <= 0.99;
}

export default withAnalyticGradient(defineCases({
  visible: [
    { name: "three logits, target 0", labelJa: "3 つのロジット、正解 0", args: [[2, 1, 0.1], 0], expected: [-0.3409988611140321, 0.24243297070471392, 0.09856589040931817] },
    { name: "three logits, target 2", labelJa: "3 つのロジット、正解 2", args: [[2, 1, 0.1], 2], expected: [0.6590011388859679, 0.24243297070471392, -0.9014341095906818] },
    { name: "all equal logits", labelJa: "すべて等しいロジット", args: [[0, 0, 0, 0], 1], expected: [0.25, -0.75, 0.25, 0.25] },
    {
      name: "large logits",
      labelJa: "大きなロジット",
      args: [[1000, 1001, 1002], 0],
      expected: [-0.9099694268296196, 0.24472847105479764, 0.6652409557748219],
      hint: text(
        "Logits near 1000: e^1000 is Infinity in float64, yet the gradient is the same as for [0, 1, 2].",
        "1000 付近のロジットです。float64 では e^1000 は Infinity ですが、勾配は [0, 1, 2] の場合と同じです。",
      ),
    },
  ],
  hidden: [
    { name: "random logits", labelJa: "ランダムなロジット", count: 3, generate: (rng, i) => logitsAndTarget(rng, i === 0 ? rng.int(2, 5) : rng.int(5, 50)) },
    { name: "two classes", labelJa: "2 クラス", count: 1, generate: (rng) => logitsAndTarget(rng, 2) },
    {
      name: "large logits",
      labelJa: "大きなロジット",
      count: 2,
      generate: (rng) => logitsAndTarget(rng, rng.int(2, 20), 1000, 3),
      hint: text(
        "The logits here are near 1000: e^z overflows to Infinity in float64 beyond z ≈ 709.78.",
        "このケースのロジットは 1000 付近です。float64 では z ≈ 709.78 を超えると e^z は Infinity にオーバーフローします。",
      ),
    },
    {
      name: "confidently wrong",
      labelJa: "自信満々の誤り",
      count: 1,
      // A wrong class gets a logit 20..30 above the rest: the gradient is close to +1 there and −1 at the target.
      generate: (rng) => {
        const C = rng.int(3, 20);
        const [z, t] = logitsAndTarget(rng, C, 0, 1);
        z[(t + rng.int(1, C - 1)) % C] = rng.uniform(20, 30);
        return [z, t];
      },
    },
  ],
  numericGradient: (args, h) => {
    const [z, t] = args as [number[], number];
    return { "": centralDiff((x) => loss(x, t), z, h) };
  },
  diagnose: ({ args, got, expected }): LocalizedText | undefined => {
    const [z, t] = args;
    if (!isNumberArray(z) || typeof t !== "number" || !isNumberArray(got) || !isNumberArray(expected)) return undefined;
    // A typical mistake explains this output only if it really changes the answer for this input.
    const looksLike = (alt: number[]): boolean => near(got, alt) && !near(expected, alt);
    if (got.some((g) => !Number.isFinite(g))) return extreme(z) ? overflowHint : divisionHint;
    const s = softmax(z);
    const sMinusY = s.map((si, i) => si - (i === t ? 1 : 0));
    if (looksLike(sMinusY.map((g) => -g))) {
      return text(
        "The sign is flipped: you returned y − s. The loss decreases when the target logit grows, so ∂L/∂z_t must be negative: ∂L/∂z = s − y.",
        "符号が逆です（y − s を返しています）。正解のロジットが大きくなると損失は減るので、∂L/∂z_t は負でなければなりません。∂L/∂z = s − y です。",
      );
    }
    if (looksLike(s.map((si) => si * (1 - si)))) {
      return text(
        "s(1 − s) is the diagonal of the softmax Jacobian ∂s_i/∂z_i, not the gradient of the loss. Differentiate L = log Σ exp(z) − z_t instead.",
        "s(1 − s) はソフトマックスのヤコビ行列の対角成分 ∂s_i/∂z_i であって、損失の勾配ではありません。L = log Σ exp(z) − z_t を微分しましょう。",
      );
    }
    if (looksLike(s)) {
      return text(
        "You returned softmax(z), the gradient of log Σ exp(z) only: also differentiate −z_t, i.e. subtract the one-hot target y.",
        "返しているのは softmax(z)、つまり log Σ exp(z) の勾配だけです。−z_t の項も微分しましょう。one-hot の正解 y を引きます。",
      );
    }
    if (got.every((g, i) => i === t || g === 0)) {
      return text(
        "Only the target entry is nonzero: log Σ exp(z) depends on every logit, so every logit gets a gradient.",
        "正解の要素以外が 0 になっています。log Σ exp(z) はすべてのロジットに依存するので、すべてのロジットに勾配があります。",
      );
    }
    const total = got.reduce((a, b) => a + b, 0);
    if (Math.abs(total) > 1e-6) {
      return text(
        `Your gradient sums to ${fmt(total)}, not 0: adding the same constant to every logit leaves the loss unchanged, so the entries must sum to 0.`,
        `勾配の和が 0 ではなく ${fmt(total)} です。すべてのロジットに同じ定数を足しても損失は変わらないので、要素の和は 0 になるはずです。`,
      );
    }
    return undefined;
  },
}), {
  // graders/bench/finite-difference-error.ts: central differences of the forward reach 1e-10 at best per submission (10 seeds).
  fields: [""],
  bound: 1e-12,
  applies: ([z]) => moderateLogits(z as number[]),
  measured: "1e−10",
});
