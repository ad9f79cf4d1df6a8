import { matmul, qr, solve, transpose } from "linalg";
import { defineCases, text, type LocalizedText, type Rng } from "../../../graders/content";

/** Q·diag(λ)·Qᵀ with a random orthogonal Q: a symmetric matrix with exactly the eigenvalues λ. */
function symmetricWith(rng: Rng, lambdas: number[]): number[][] {
  const n = lambdas.length;
  const { Q } = qr(rng.matrix(n, n));
  const QL = Q.map((row) => row.map((q, j) => q * lambdas[j]!));
  const H = matmul(QL, transpose(Q));
  // Exactly symmetric, as a Hessian is.
  return H.map((row, i) => row.map((_, j) => (H[i]![j]! + H[j]![i]!) / 2));
}

/** Eigenvalues with |λ| in [0.3, 30]: κ ≤ 100, so a solve is accurate to about 1e-14 relative. */
const eigen = (rng: Rng, n: number, signs: "positive" | "mixed"): number[] =>
  Array.from({ length: n }, (_, i) => {
    const mag = 10 ** rng.uniform(-0.5, 1.5);
    const negative = signs === "mixed" && (i === 0 || rng.next() < 0.4); // mixed: at least one negative
    return negative ? -mag : mag;
  });

const gradient = (rng: Rng, n: number): number[] => rng.vector(n, (r) => Math.round(r.normal(0, 2) * 1e4) / 1e4);

const stepHint = text(
  "The Newton step minimises the quadratic model gᵀd + ½dᵀHd: set its gradient g + Hd to zero and solve H·d = −g (note the minus sign).",
  "ニュートンステップは 2 次モデル gᵀd + ½dᵀHd を最小にする d です。その勾配 g + Hd を 0 とおいて H·d = −g を解きましょう（マイナス符号に注意）。",
);

function close(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x, i) => Math.abs(x - b[i]!) <= 1e-8 + 1e-6 * Math.abs(b[i]!));
}

export default defineCases({
  visible: [
    { name: "1-D: g = 4, H = 2", labelJa: "1 次元：g = 4、H = 2", args: [[4], [[2]]], expected: [-2], hint: stepHint },
    { name: "diagonal Hessian", labelJa: "対角ヘッセ行列", args: [[1, 2], [[2, 0], [0, 4]]], expected: [-0.5, -0.5], hint: stepHint },
    {
      name: "coupled 2×2 Hessian",
      labelJa: "非対角成分のある 2×2 ヘッセ行列",
      args: [[1, 2], [[4, 1], [1, 3]]],
      // H⁻¹ = (1/11)·[[3, −1], [−1, 4]], so −H⁻¹g = −(1/11, 7/11)
      expected: [-0.09090909090909091, -0.6363636363636364],
      hint: stepHint,
    },
  ],
  hidden: [
    {
      name: "1-D quadratic",
      labelJa: "1 次元の 2 次関数",
      count: 1,
      generate: (rng) => [gradient(rng, 1), [[10 ** rng.uniform(-1, 1)]]],
      hint: stepHint,
    },
    {
      name: "positive definite Hessian (convex)",
      labelJa: "正定値ヘッセ行列（凸）",
      count: 3,
      generate: (rng) => {
        const n = rng.int(2, 8);
        return [gradient(rng, n), symmetricWith(rng, eigen(rng, n, "positive"))];
      },
      hint: stepHint,
    },
    {
      name: "diagonal Hessian",
      labelJa: "対角ヘッセ行列",
      count: 1,
      generate: (rng) => {
        const n = rng.int(2, 6);
        const d = eigen(rng, n, "positive");
        return [gradient(rng, n), d.map((di, i) => d.map((_, j) => (i === j ? di : 0)))];
      },
      hint: stepHint,
    },
    {
      name: "indefinite Hessian (saddle point)",
      labelJa: "不定値ヘッセ行列（鞍点）",
      count: 2,
      generate: (rng) => {
        const n = rng.int(2, 6);
        return [gradient(rng, n), symmetricWith(rng, eigen(rng, n, "mixed"))];
      },
      hint: text(
        "The Newton step is −H⁻¹g even when H is indefinite; it then heads for the saddle point of the model rather than a minimum.",
        "H が不定値でもニュートンステップは −H⁻¹g です。そのときステップは最小点ではなく、2 次モデルの鞍点へ向かいます。",
      ),
    },
    {
      name: "30 variables",
      labelJa: "30 変数",
      count: 1,
      generate: (rng) => [gradient(rng, 30), symmetricWith(rng, eigen(rng, 30, "positive"))],
      hint: stepHint,
    },
  ],
  diagnose: (ctx): LocalizedText | undefined => {
    const [g, H] = ctx.args as [number[], number[][]];
    const got = ctx.got as number[];
    const d = solve(H, g);
    if (close(got, d)) {
      return text(
        "Your step is +H⁻¹g: it points the wrong way. The Newton step is d = −H⁻¹g.",
        "ステップが +H⁻¹g になっていて、向きが逆です。ニュートンステップは d = −H⁻¹g です。",
      );
    }
    if (close(got, g.map((x) => -x))) {
      return text(
        "Your step is −g, a plain gradient step. Newton's method rescales it by the curvature: solve H·d = −g.",
        "ステップが −g、つまりただの勾配ステップになっています。ニュートン法では曲率で補正します。H·d = −g を解きましょう。",
      );
    }
    if (close(got, H.map((row) => -row.reduce((s, h, j) => s + h * g[j]!, 0)))) {
      return text(
        "Your step is −H·g: it multiplies by H instead of solving with it. The Newton step is −H⁻¹g: solve H·d = −g.",
        "ステップが −H·g になっていて、H で解く代わりに H を掛けています。ニュートンステップは −H⁻¹g です。H·d = −g を解きましょう。",
      );
    }
    if (close(got, g.map((x, i) => -x / H[i]![i]!))) {
      return text(
        "Your step divides by the diagonal of H only. The off-diagonal entries couple the variables: solve the full system H·d = −g.",
        "ステップが H の対角成分だけで割っています。非対角成分が変数どうしを結び付けているので、連立方程式 H·d = −g 全体を解きましょう。",
      );
    }
    return undefined;
  },
});
