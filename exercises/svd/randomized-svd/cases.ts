import { qr, svd } from "linalg";
import { defineCases, text, type PropertyResult, type Rng } from "../../../graders/content";

interface Factors {
  U: number[][];
  S: number[];
  Vt: number[][];
}

/** U diag(s) Vᵀ with random orthonormal factors, plus Gaussian noise of the given size. */
function lowRank(rng: Rng, m: number, n: number, s: number[], noise = 0): number[][] {
  const U = qr(rng.matrix(m, s.length)).Q;
  const V = qr(rng.matrix(n, s.length)).Q;
  return Array.from({ length: m }, (_, i) =>
    Array.from({ length: n }, (_, j) => s.reduce((acc, sk, c) => acc + U[i]![c]! * sk * V[j]![c]!, 0) + noise * rng.normal()),
  );
}

const spectrum = (rng: Rng, r: number): number[] =>
  Array.from({ length: r }, () => rng.uniform(1, 10)).sort((a, b) => b - a);

const fail = (en: string, ja: string): PropertyResult => ({ ok: false, kind: "property", message: text(en, ja) });
const pass = (en: string, ja: string): PropertyResult => ({ ok: true, message: text(en, ja) });

/** max |MᵀM − I| over the columns of M (given as rows × columns). */
function orthonormalityError(M: number[][], cols: number): number {
  let worst = 0;
  for (let a = 0; a < cols; a++) {
    for (let b = 0; b < cols; b++) {
      const d = M.reduce((acc, row) => acc + row[a]! * row[b]!, 0);
      worst = Math.max(worst, Math.abs(d - (a === b ? 1 : 0)));
    }
  }
  return worst;
}

/**
 * A full SVD of A is not the method: on a slowly decaying spectrum a rank-(k + p) sketch cannot reach the exact
 * singular values, so S equal to them (to 1e−10) while the reference's sketch, from the same `rand`, is measurably
 * below them means svd was called on A itself. Named only when both hold.
 */
function fullSvdOfA(A: number[][], k: number, S: number[], sketched: number[]): PropertyResult | undefined {
  const exact = svd(A).S.slice(0, k);
  const equal = (x: number[]) => x.length === exact.length && x.every((s, i) => Math.abs(s - exact[i]!) <= 1e-10 * exact[0]!);
  const sketchGap = Math.max(...sketched.map((s, i) => Math.abs(s - exact[i]!) / exact[0]!));
  if (!equal(S) || !(sketchGap > 1e-4)) return undefined;
  return fail(
    `S equals the exact top-${k} singular values of A, which a rank-(k + p) sketch of this matrix cannot reach (its spectrum decays slowly; the sketch's values lie up to ${sketchGap.toExponential(1)}·σ₁ below). svd(A) on the whole matrix is not allowed here: call svd only on the small B = QᵀA.`,
    `S が A の厳密な上位 ${k} 個の特異値と一致しています。この行列は特異値の減り方がゆるやかなので、階数 k + p のスケッチではそこまで届きません（スケッチの値は最大 ${sketchGap.toExponential(1)}·σ₁ 小さくなります）。行列全体への svd(A) はこの問題では使えません。svd は小さな B = QᵀA にだけ使いましょう。`,
  );
}

function checkFactors(A: number[][], k: number, got: Factors, expected: Factors): PropertyResult[] {
  const { U, S, Vt } = got;
  if (![...U.flat(), ...S, ...Vt.flat()].every(Number.isFinite)) {
    return [fail("U, S or Vt contains NaN or Infinity.", "U・S・Vt のどこかに NaN または Infinity が含まれています。")];
  }
  const out: PropertyResult[] = [];
  const eU = orthonormalityError(U, k);
  if (!(eU <= 1e-8)) {
    return [fail(
      `U does not have orthonormal columns (max |UᵀU − I| = ${eU.toExponential(2)}). Orthonormalize the sketch Y = AΩ with qr and lift back with U = Q·Ũ.`,
      `U の列が正規直交ではありません（max |UᵀU − I| = ${eU.toExponential(2)}）。スケッチ Y = AΩ を qr で正規直交化し、U = Q·Ũ で戻しましょう。`,
    )];
  }
  const Vcols = Vt[0]!.map((_, j) => Vt.map((row) => row[j]!));
  const eV = orthonormalityError(Vcols, k);
  if (!(eV <= 1e-8)) {
    return [fail(`The rows of Vt are not orthonormal (max |VtVtᵀ − I| = ${eV.toExponential(2)}).`,
      `Vt の行が正規直交ではありません（max |VtVtᵀ − I| = ${eV.toExponential(2)}）。`)];
  }
  out.push(pass("U and Vt are orthonormal", "U と Vt は正規直交です"));
  if (S.some((s, i) => s < 0 || (i > 0 && s > S[i - 1]!))) {
    return [...out, fail(`S = [${S.join(", ")}] must be descending and non-negative.`, `S = [${S.join(", ")}] は降順かつ非負でなければなりません。`)];
  }
  out.push(pass("S is descending and non-negative", "S は降順かつ非負です"));
  const full = fullSvdOfA(A, k, S, expected.S);
  if (full) return [...out, full];

  const exact = svd(A).S;
  const total = Math.hypot(...exact);
  const tail = Math.hypot(...exact.slice(k));
  let err2 = 0;
  A.forEach((row, i) => row.forEach((a, j) => {
    const approx = S.reduce((acc, s, c) => acc + U[i]![c]! * s * Vt[c]![j]!, 0);
    err2 += (a - approx) ** 2;
  }));
  const err = Math.sqrt(err2);
  if (tail <= 1e-12 * total) {
    const i = S.findIndex((s, c) => !(Math.abs(s - exact[c]!) <= 1e-6 * exact[0]!));
    if (i >= 0) {
      return [...out, fail(
        `A has rank ≤ k, so S must equal its top-${k} singular values; S[${i}] is ${(S[i]! / exact[i]!).toPrecision(6)} times the right value.`,
        `A の階数は k 以下なので、S は上位 ${k} 個の特異値と一致するはずです。S[${i}] が正しい値の ${(S[i]! / exact[i]!).toPrecision(6)} 倍です。`,
      )];
    }
    out.push(pass("S equals the exact top-k singular values", "S は厳密な上位 k 個の特異値と一致します"));
  }
  if (!(err <= 3 * tail + 1e-9 * total)) {
    return [...out, fail(
      `‖A − U diag(S) Vt‖_F = ${err.toExponential(3)}, more than 3 times the best rank-${k} error ${tail.toExponential(3)}: project A onto the orthonormal basis Q (B = QᵀA) and keep the top k of svd(B).`,
      `‖A − U diag(S) Vt‖_F = ${err.toExponential(3)} で、階数 ${k} での最良誤差 ${tail.toExponential(3)} の 3 倍を超えています。A を正規直交基底 Q に射影し（B = QᵀA）、svd(B) の上位 k 個を残しましょう。`,
    )];
  }
  out.push(pass("the approximation error is near the Eckart–Young optimum", "近似誤差は Eckart–Young の最適値に近い値です"));
  return out;
}

export default defineCases({
  visible: [
    { name: "rank 2, k = 2", labelJa: "階数 2、k = 2", args: [[[1, 2, 3], [2, 4, 6], [1, 1, 1], [0, 1, 2]], 2, 1, 11] },
    { name: "diagonal 5×4, k = 2", labelJa: "5×4 の対角行列、k = 2", args: [[[5, 0, 0, 0], [0, 4, 0, 0], [0, 0, 0.001, 0], [0, 0, 0, 0.0001], [0, 0, 0, 0]], 2, 2, 12] },
    { name: "rank 1, k = 1", labelJa: "階数 1、k = 1", args: [[[2, 4, 6, 8], [1, 2, 3, 4], [3, 6, 9, 12]], 1, 2, 13] },
  ],
  hidden: [
    {
      name: "exact low rank",
      labelJa: "厳密に低ランク",
      count: 2,
      generate: (rng) => {
        const k = rng.int(1, 5);
        return [lowRank(rng, rng.int(15, 40), rng.int(15, 40), spectrum(rng, k)), k, rng.int(3, 8), rng.int(1, 1e6)];
      },
    },
    {
      name: "rank below k",
      labelJa: "階数が k より小さい",
      count: 1,
      generate: (rng) => {
        const k = rng.int(3, 5);
        return [lowRank(rng, 25, 20, spectrum(rng, k - 2)), k, 5, rng.int(1, 1e6)];
      },
    },
    {
      name: "noisy low rank",
      labelJa: "ノイズを含む低ランク",
      count: 2,
      generate: (rng) => {
        const k = rng.int(1, 4);
        return [lowRank(rng, rng.int(20, 40), rng.int(20, 40), spectrum(rng, k), 1e-3), k, rng.int(5, 10), rng.int(1, 1e6)];
      },
    },
    {
      name: "slowly decaying spectrum",
      labelJa: "特異値がゆるやかに減る行列",
      count: 2,
      // σᵢ = 10/√i over the full rank: the sketch's top-k values fall measurably short of the exact ones, so only
      // the sketch, not a full SVD of A, passes; the error stays within the factor 3 of Eckart–Young.
      generate: (rng) => {
        const m = rng.int(25, 35);
        const n = rng.int(25, 35);
        const r = Math.min(m, n);
        return [lowRank(rng, m, n, Array.from({ length: r }, (_, i) => 10 / Math.sqrt(i + 1))), rng.int(2, 4), rng.int(2, 5), rng.int(1, 1e6)];
      },
    },
    {
      name: "wide matrices",
      labelJa: "横長の行列",
      count: 1,
      generate: (rng) => {
        const k = rng.int(1, 3);
        return [lowRank(rng, 10, 40, spectrum(rng, k), 1e-4), k, 5, rng.int(1, 1e6)];
      },
    },
    {
      name: "k + p beyond the size",
      labelJa: "k + p が行列の大きさを超える",
      count: 1,
      generate: (rng) => [rng.matrix(8, 12), 3, 10, rng.int(1, 1e6)],
      hint: text("When k + p exceeds m, qr returns only m columns of Q; B = QᵀA then has m rows.",
        "k + p が m を超えると qr は Q を m 列しか返しません。そのとき B = QᵀA は m 行になります。"),
    },
  ],
  /**
   * Builds `rand` from the case's seed (the last argument) inside the sandbox: mulberry32 uniforms turned into
   * standard normals by Box–Muller. Self-contained on purpose: it is serialized into the sandbox.
   */
  driver: (mod, call, args) => {
    const A = args[0];
    const k = args[1];
    const p = args[2];
    let state = Number(args[3]) >>> 0;
    const uniform = (): number => {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const rand = (): number => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
    const fn = mod[call] as (A: unknown, k: unknown, p: unknown, rand: () => number) => unknown;
    return fn(A, k, p, rand);
  },
  check: (ctx) => checkFactors(ctx.args[0] as number[][], ctx.args[1] as number, ctx.got as Factors, ctx.expected as Factors),
  diagnoseShape: (ctx) => {
    // Named only when U, S and Vt all hold as many triples as the sketch has columns, min(k + p, m, n), more than k.
    const [A, k, p] = ctx.args as [number[][], number, number];
    if (typeof ctx.got !== "object" || ctx.got === null) return undefined;
    const got = ctx.got as { U?: unknown; S?: unknown; Vt?: unknown };
    const r = Math.min(k + p, A.length, A[0]!.length);
    const { U, S, Vt } = got;
    const widthOf = (M: unknown) => (Array.isArray(M) && Array.isArray(M[0]) ? (M[0] as unknown[]).length : -1);
    if (r <= k || !Array.isArray(S) || S.length !== r || widthOf(U) !== r || !Array.isArray(Vt) || Vt.length !== r) return undefined;
    return text(
      `You returned ${r} singular triples where k = ${k} were asked for: the sketch's p = ${p} extra columns are oversampling, there only to make the top k accurate. Keep only the first k columns of U, values of S and rows of Vt.`,
      `k = ${k} 個を求められているのに ${S.length} 組の特異値・特異ベクトルを返しています。スケッチの余分な p = ${p} 列はオーバーサンプリングで、上位 k 個を正確にするためだけのものです。U の最初の k 列、S の最初の k 個、Vt の最初の k 行だけを残しましょう。`,
    );
  },
});
