import { det } from "linalg";
import { defineCases, text, type LocalizedText, type Rng } from "../../../graders/content";

/**
 * A hidden model is plain data: a base density p_X and the inverse map x = g⁻¹(y). The driver builds the three
 * functions from it inside the sandbox.
 *   base: { kind: "normal", mu, sd } (independent coordinates) | { kind: "uniform", lo, hi } (a box)
 *   map:  { kind: "affine", M, c }: x = M·y + c | { kind: "log" }: x = log y (so y = eˣ)
 *       | { kind: "atanh" }: x = atanh y (so y = tanh x) | { kind: "log-affine", M, c }: x = M·log(y) + c
 */
interface Model {
  base: { kind: "normal"; mu: number[]; sd: number[] } | { kind: "uniform"; lo: number[]; hi: number[] };
  map: { kind: "affine"; M: number[][]; c: number[] } | { kind: "log" } | { kind: "atanh" } | { kind: "log-affine"; M: number[][]; c: number[] };
}

const driver = (mod: Record<string, unknown>, call: string, args: unknown[]): unknown => {
  // Self-contained: it runs inside the sandbox.
  const model = args[0] as {
    base: { kind: string; mu?: number[]; sd?: number[]; lo?: number[]; hi?: number[] };
    map: { kind: string; M?: number[][]; c?: number[] };
  };
  const y = args[1] as number[];
  const base = model.base;
  const map = model.map;
  const logPx = (x: number[]): number => {
    let s = 0;
    for (let i = 0; i < x.length; i++) {
      const xi = x[i] as number;
      if (base.kind === "normal") {
        const sd = (base.sd as number[])[i] as number;
        const z = (xi - ((base.mu as number[])[i] as number)) / sd;
        s += -0.5 * Math.log(2 * Math.PI) - Math.log(sd) - 0.5 * z * z;
      } else {
        const lo = (base.lo as number[])[i] as number;
        const hi = (base.hi as number[])[i] as number;
        if (xi < lo || xi > hi) return -Infinity;
        s -= Math.log(hi - lo);
      }
    }
    return s;
  };
  const affine = (u: number[]): number[] =>
    (map.M as number[][]).map((row, i) => row.reduce((acc, m, j) => acc + m * (u[j] as number), (map.c as number[])[i] as number));
  const gInv = (v: number[]): number[] => {
    if (map.kind === "affine") return affine(v);
    if (map.kind === "log") return v.map(Math.log);
    if (map.kind === "atanh") return v.map(Math.atanh);
    return affine(v.map(Math.log));
  };
  const jacGInv = (v: number[]): number[][] => {
    if (map.kind === "affine") return (map.M as number[][]).map((row) => row.slice());
    if (map.kind === "log-affine") return (map.M as number[][]).map((row) => row.map((m, j) => m / (v[j] as number)));
    const d = (i: number): number => (map.kind === "log" ? 1 / (v[i] as number) : 1 / (1 - (v[i] as number) * (v[i] as number)));
    return v.map((_, i) => v.map((__, j) => (i === j ? d(i) : 0)));
  };
  const f = mod[call] as (lp: typeof logPx, gi: typeof gInv, jac: typeof jacGInv, y: number[]) => unknown;
  return f(logPx, gInv, jacGInv, y.slice());
};

const round = (x: number, digits = 4): number => Math.round(x * 10 ** digits) / 10 ** digits;
const normal = (rng: Rng, d: number): Model["base"] => ({
  kind: "normal",
  mu: rng.vector(d, (r) => round(r.normal(0, 0.5))),
  sd: rng.vector(d, (r) => round(r.uniform(0.5, 2))),
});
/** A well-conditioned random matrix: identity plus a small perturbation, then each row scaled. */
const wellConditioned = (rng: Rng, d: number): number[][] =>
  Array.from({ length: d }, (_, i) => {
    const s = round(rng.uniform(0.5, 2)) * (rng.next() < 0.5 ? -1 : 1);
    return Array.from({ length: d }, (__, j) => round(s * ((i === j ? 1 : 0) + rng.normal(0, 0.3))));
  });

const formulaHint = text(
  "log p_Y(y) = log p_X(g⁻¹(y)) + log|det J_{g⁻¹}(y)|: evaluate log p_X at x = g⁻¹(y), and add the log of the absolute determinant of the Jacobian of g⁻¹.",
  "log p_Y(y) = log p_X(g⁻¹(y)) + log|det J_{g⁻¹}(y)| です。log p_X は x = g⁻¹(y) で評価し、g⁻¹ のヤコビ行列の行列式の絶対値の対数を足しましょう。",
);

function near(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 + 1e-7 * Math.abs(b);
}

export default defineCases({
  visible: [
    {
      name: "y = 2x for x ~ U(0, 1), at y = 0.5",
      labelJa: "x ~ U(0, 1)、y = 2x の y = 0.5 での値",
      args: [{ base: { kind: "uniform", lo: [0], hi: [1] }, map: { kind: "affine", M: [[0.5]], c: [0] } }, [0.5]],
      // p_Y = ½ on (0, 2)
      expected: -0.6931471805599453,
      hint: formulaHint,
    },
    {
      name: "log-normal: y = eˣ for x ~ N(0, 1), at y = 2",
      labelJa: "対数正規分布：x ~ N(0, 1)、y = eˣ の y = 2 での値",
      args: [{ base: { kind: "normal", mu: [0], sd: [1] }, map: { kind: "log" } }, [2]],
      // −½log 2π − ½(log 2)² − log 2
      expected: -1.8523122207237188,
      hint: formulaHint,
    },
    {
      name: "swapping two coordinates (det = −1), at y = (1, 2)",
      labelJa: "2 つの座標の入れ替え（det = −1）、y = (1, 2) での値",
      args: [{ base: { kind: "normal", mu: [0, 0], sd: [1, 1] }, map: { kind: "affine", M: [[0, 1], [1, 0]], c: [0, 0] } }, [1, 2]],
      // −log 2π − ½‖y‖²; |det| = 1 adds nothing
      expected: -4.337877066409345,
      hint: formulaHint,
    },
  ],
  hidden: [
    {
      name: "scaling a uniform variable",
      labelJa: "一様分布の変数のスケーリング",
      count: 1,
      generate: (rng) => {
        const s = round(rng.uniform(0.2, 5));
        return [{ base: { kind: "uniform", lo: [0], hi: [1] }, map: { kind: "affine", M: [[1 / s]], c: [0] } }, [round(rng.uniform(0.01, 0.99) * s)]];
      },
      hint: formulaHint,
    },
    {
      name: "affine map of a Gaussian",
      labelJa: "ガウス分布のアフィン変換",
      count: 2,
      generate: (rng) => {
        const d = rng.int(2, 5);
        const model: Model = { base: normal(rng, d), map: { kind: "affine", M: wellConditioned(rng, d), c: rng.vector(d, (r) => round(r.normal())) } };
        return [model, rng.vector(d, (r) => round(r.normal(0, 1.5)))];
      },
      hint: formulaHint,
    },
    {
      name: "orientation-reversing map (det J < 0)",
      labelJa: "向きを反転する写像（det J < 0）",
      count: 1,
      generate: (rng) => {
        const d = rng.int(1, 4);
        let M = wellConditioned(rng, d);
        if (det(M) > 0) M = [M[0]!.map((m) => -m), ...M.slice(1)];
        return [{ base: normal(rng, d), map: { kind: "affine", M, c: new Array<number>(d).fill(0) } }, rng.vector(d, (r) => round(r.normal()))];
      },
      hint: text(
        "Here det J is negative (the map reverses orientation): a density needs |det J|, so take the log of the absolute value.",
        "ここでは det J が負です（写像が向きを反転します）。密度に必要なのは |det J| なので、絶対値の対数を取りましょう。",
      ),
    },
    {
      name: "log-normal: y = eˣ",
      labelJa: "対数正規分布：y = eˣ",
      count: 1,
      generate: (rng) => {
        const d = rng.int(1, 4);
        return [{ base: normal(rng, d), map: { kind: "log" } }, rng.vector(d, (r) => round(Math.exp(r.normal())))];
      },
      hint: formulaHint,
    },
    {
      name: "tanh-squashed Gaussian: y = tanh(x)",
      labelJa: "tanh で押しつぶしたガウス分布：y = tanh(x)",
      count: 1,
      generate: (rng) => {
        const d = rng.int(1, 4);
        return [{ base: normal(rng, d), map: { kind: "atanh" } }, rng.vector(d, (r) => round(r.uniform(-0.95, 0.95)))];
      },
      hint: formulaHint,
    },
    {
      name: "non-constant, non-diagonal Jacobian: x = M·log(y) + c",
      labelJa: "定数でも対角でもないヤコビ行列：x = M·log(y) + c",
      count: 1,
      generate: (rng) => {
        const d = rng.int(2, 4);
        const model: Model = { base: normal(rng, d), map: { kind: "log-affine", M: wellConditioned(rng, d), c: rng.vector(d, (r) => round(r.normal())) } };
        return [model, rng.vector(d, (r) => round(Math.exp(r.normal(0, 0.7))))];
      },
      hint: formulaHint,
    },
  ],
  driver,
  diagnose: (ctx): LocalizedText | undefined => {
    // Run the same driver with a probe in place of the learner's function, to get the formula's parts.
    const probe = {
      [ctx.call]: (lp: (x: number[]) => number, gi: (y: number[]) => number[], jac: (y: number[]) => number[][], y: number[]) => [lp(gi(y)), det(jac(y)), lp(y)],
    };
    const [lpx, dJ, lpy] = driver(probe, ctx.call, ctx.args) as [number, number, number];
    const logAbs = Math.log(Math.abs(dJ));
    const got = ctx.got as number;
    if (Number.isNaN(got) && dJ < 0) {
      return text(
        "det J is negative here, and the log of a negative number is NaN: use log|det J|, the absolute value.",
        "ここでは det J が負なので、その対数は NaN になります。絶対値を取って log|det J| を使いましょう。",
      );
    }
    if (logAbs !== 0 && near(got, lpx - logAbs)) {
      return text(
        "You subtracted log|det J|. J is the Jacobian of g⁻¹ (from y back to x), so its log-determinant is added: log p_X(g⁻¹(y)) + log|det J_{g⁻¹}(y)|.",
        "log|det J| を引いています。J は g⁻¹（y から x へ戻す写像）のヤコビ行列なので、その対数行列式は足します：log p_X(g⁻¹(y)) + log|det J_{g⁻¹}(y)|。",
      );
    }
    if (logAbs !== 0 && near(got, lpx)) {
      return text(
        "The Jacobian term is missing: add log|det J_{g⁻¹}(y)|, the log of how much g⁻¹ stretches volume around y.",
        "ヤコビアンの項が抜けています。g⁻¹ が y のまわりで体積をどれだけ伸び縮みさせるかを表す log|det J_{g⁻¹}(y)| を足しましょう。",
      );
    }
    if (Number.isFinite(lpy) && near(got, lpy + logAbs)) {
      return text(
        "You evaluated log p_X at y. The density of X must be read at the point that maps to y: x = g⁻¹(y).",
        "log p_X を y で評価しています。X の密度は y に写る点 x = g⁻¹(y) で評価する必要があります。",
      );
    }
    return undefined;
  },
});
