import { qr } from "linalg";
import { defineCases, text, type PropertyResult, type Rng } from "../../../graders/content";

interface Eig {
  values: number[];
  vectors: number[][];
}

function symmetric(rng: Rng, n: number): number[][] {
  const B = rng.matrix(n, n);
  return B.map((row, i) => row.map((v, j) => (v + B[j]![i]!) / 2));
}

/** Q diag(λ) Qᵀ with a random orthogonal Q: a symmetric matrix with exactly these eigenvalues. */
function withEigenvalues(rng: Rng, lam: number[]): number[][] {
  const n = lam.length;
  const Q = qr(rng.matrix(n, n)).Q;
  const A = Q.map((qi) => Q.map((qj) => qi.reduce((s, v, k) => s + v * lam[k]! * qj[k]!, 0)));
  return A.map((row, i) => row.map((v, j) => (j < i ? A[j]![i]! : v))); // exactly symmetric
}

const fail = (en: string, ja: string): PropertyResult => ({ ok: false, kind: "property", message: text(en, ja) });
const pass = (en: string, ja: string): PropertyResult => ({ ok: true, message: text(en, ja) });
const e2 = (x: number): string => x.toExponential(2);

/** Frobenius norm of the off-diagonal part. */
function offNorm(M: number[][]): number {
  return Math.hypot(...M.flatMap((row, i) => row.filter((_, j) => j !== i)));
}

function check(A: number[][], got: Eig, ref: Eig): PropertyResult[] {
  const { values, vectors } = got;
  const n = A.length;
  if (![...values, ...vectors.flat()].every(Number.isFinite)) {
    return [fail(
      "values or vectors contain NaN or Infinity. Compute tan θ with Math.hypot(1, τ) rather than √(1 + τ²), which overflows when a_pq is tiny against a_qq − a_pp.",
      "values または vectors に NaN か Infinity が含まれています。tan θ は √(1 + τ²) ではなく Math.hypot(1, τ) で計算しましょう。a_pq が a_qq − a_pp に比べてごく小さいと √(1 + τ²) はオーバーフローします。",
    )];
  }
  const out: PropertyResult[] = [];
  const unsorted = values.findIndex((v, i) => i > 0 && v > values[i - 1]!);
  if (unsorted >= 0) {
    return [fail(
      `values are not in descending order (values[${unsorted - 1}] = ${values[unsorted - 1]} < values[${unsorted}] = ${values[unsorted]}). Sort them, largest first (negative values last), and reorder the vectors the same way.`,
      `values が降順になっていません（values[${unsorted - 1}] = ${values[unsorted - 1]} < values[${unsorted}] = ${values[unsorted]}）。大きい順（負の値は最後）に並べ、vectors も同じ順に並べ替えましょう。`,
    )];
  }
  out.push(pass("values are in descending order", "values は降順です"));
  let orth = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      const d = vectors[i]!.reduce((s, v, k) => s + v * vectors[j]![k]!, 0);
      orth = Math.max(orth, Math.abs(d - (i === j ? 1 : 0)));
    }
  }
  if (!(orth <= 1e-9)) {
    return [...out, fail(
      `The vectors are not orthonormal: max |vᵢ·vⱼ − δᵢⱼ| = ${e2(orth)}. A product of rotations is orthogonal: apply every rotation to the accumulated V, and return its columns.`,
      `vectors が正規直交ではありません：max |vᵢ·vⱼ − δᵢⱼ| = ${e2(orth)}。回転の積は直交行列です。すべての回転を累積した V にかけ、その列を返しましょう。`,
    )];
  }
  out.push(pass("the vectors are orthonormal", "vectors は正規直交です"));
  const size = Math.hypot(...A.flat());
  let worst = 0;
  let at = 0;
  vectors.forEach((v, i) => {
    const r = Math.hypot(...A.map((row, k) => row.reduce((s, a, l) => s + a * v[l]!, 0) - values[i]! * v[k]!));
    if (r > worst) [worst, at] = [r, i];
  });
  if (!(worst <= 1e-9 * size)) {
    // VᵀAV with the learner's vectors: how much of A's off-diagonal mass their rotations removed.
    const B = vectors.map((vi) => vectors.map((vj) => vi.reduce((s, x, k) => s + x * A[k]!.reduce((t, a, l) => t + a * vj[l]!, 0), 0)));
    const before = offNorm(A);
    const after = offNorm(B);
    // Every vector a signed unit vector: a permutation of the identity, i.e. no rotation happened.
    const identity = vectors.every((v) => v.filter((x) => x !== 0).length === 1 && v.some((x) => Math.abs(x) === 1));
    const base = `‖A v${at} − λ${at} v${at}‖ = ${e2(worst)}, more than 1e−9·‖A‖_F = ${e2(1e-9 * size)}.`;
    const baseJa = `‖A v${at} − λ${at} v${at}‖ = ${e2(worst)} が 1e−9·‖A‖_F = ${e2(1e-9 * size)} を超えています。`;
    if (identity && before > 0) {
      return [...out, fail(
        `${base} Your vectors are the unit vectors: no rotation was applied, although A's off-diagonal part has norm ${e2(before)}. Is your stopping test absolute? A's entries are about ${e2(size / n)} here: compare the off-diagonal mass with ‖A‖_F instead.`,
        `${baseJa} vectors が単位ベクトルのままで、回転が一度もかかっていません。A の非対角部分のノルムは ${e2(before)} あります。停止条件が絶対的な値になっていませんか。このケースの A の成分は約 ${e2(size / n)} です。非対角成分の大きさは ‖A‖_F と比べましょう。`,
      )];
    }
    if (after >= 0.5 * before) {
      return [...out, fail(
        `${base} With your vectors, VᵀAV still has off-diagonal norm ${e2(after)} against ${e2(before)} for A: your rotations do not remove the off-diagonal entries. Check the sign of the angle: after rotating the pair (p, q), the new a_pq must be exactly 0 (with A ← JᵀAJ, t = tan θ solves t² + 2τt − 1 = 0 for τ = (a_qq − a_pp)/(2a_pq)).`,
        `${baseJa} あなたの vectors で作った VᵀAV の非対角部分のノルムは ${e2(after)} で、A の ${e2(before)} から減っていません。回転で非対角成分が消えていません。角度の符号を確認しましょう。組 (p, q) を回転したあと、新しい a_pq はちょうど 0 でなければなりません（A ← JᵀAJ のとき、t = tan θ は τ = (a_qq − a_pp)/(2a_pq) に対する t² + 2τt − 1 = 0 の解です）。`,
      )];
    }
    return [...out, fail(
      `${base} Your rotations reduced the off-diagonal norm from ${e2(before)} to ${e2(after)}, but not to zero: one pass over the pairs is not enough, because each rotation refills entries that an earlier one cleared. Repeat sweeps until the off-diagonal norm is below about 1e−15·‖A‖_F.`,
      `${baseJa} 回転によって非対角部分のノルムは ${e2(before)} から ${e2(after)} に減りましたが、0 にはなっていません。ある回転は前の回転で消した成分を再び埋めるので、全ての組を 1 回たどるだけでは足りません。非対角部分のノルムが 1e−15·‖A‖_F 程度を下回るまでスイープを繰り返しましょう。`,
    )];
  }
  out.push(pass("A vᵢ = λᵢ vᵢ for every i", "すべての i で A vᵢ = λᵢ vᵢ です"));
  const i = values.findIndex((v, k) => !(Math.abs(v - ref.values[k]!) <= 1e-9 * size));
  if (i >= 0) {
    return [...out, fail(
      `values[${i}] = ${values[i]} is not the ${i + 1}-th largest eigenvalue of A (off by more than 1e−9·‖A‖_F), although A vᵢ = λᵢ vᵢ holds: is every vector's value the diagonal entry of the rotated matrix that belongs to it?`,
      `values[${i}] = ${values[i]} は A の ${i + 1} 番目に大きい固有値ではありません（1e−9·‖A‖_F を超えてずれています）。A vᵢ = λᵢ vᵢ は成り立っているので、各ベクトルの値が回転後の行列の対応する対角成分になっているか確認しましょう。`,
    )];
  }
  out.push(pass("values are the eigenvalues of A", "values は A の固有値です"));
  return out;
}

export default defineCases({
  visible: [
    { name: "2×2 [[2, 1], [1, 2]]", labelJa: "2×2 [[2, 1], [1, 2]]", args: [[[2, 1], [1, 2]]] },
    { name: "3×3 with a negative eigenvalue", labelJa: "負の固有値をもつ 3×3", args: [[[4, 1, 2], [1, 3, 0], [2, 0, 1]]] },
    { name: "diagonal, unsorted", labelJa: "対角（並びがばらばら）", args: [[[1, 0, 0], [0, -3, 0], [0, 0, 2]]] },
    { name: "1×1", labelJa: "1×1", args: [[[-7]]] },
  ],
  hidden: [
    { name: "random symmetric", labelJa: "ランダムな対称行列", count: 3, generate: (rng, i) => [symmetric(rng, [rng.int(2, 4), rng.int(5, 8), rng.int(9, 12)][i] ?? 5)] },
    {
      name: "repeated eigenvalues",
      labelJa: "重複した固有値",
      count: 2,
      generate: (rng) => {
        const n = rng.int(3, 8);
        const a = rng.uniform(-5, 5);
        const b = rng.uniform(-5, 5);
        return [withEigenvalues(rng, Array.from({ length: n }, (_, k) => (k < n / 2 ? a : b)))];
      },
    },
    {
      name: "negative eigenvalues",
      labelJa: "負の固有値",
      count: 2,
      generate: (rng, i) => {
        const n = rng.int(3, 8);
        return [withEigenvalues(rng, rng.vector(n, (r) => (i === 0 ? -r.uniform(0.5, 5) : r.uniform(-5, 5))))];
      },
    },
    {
      name: "diagonal and 1×1",
      labelJa: "対角行列と 1×1",
      count: 2,
      generate: (rng, i) => {
        const n = i === 0 ? rng.int(2, 6) : 1;
        const d = rng.vector(n, (r) => r.uniform(-5, 5));
        return [d.map((x, r) => d.map((_, c) => (r === c ? x : 0)))];
      },
    },
    {
      name: "entries scaled by 1e±100",
      labelJa: "成分を 1e±100 倍",
      count: 2,
      generate: (rng, i) => {
        const s = i === 0 ? 1e100 : 1e-100;
        return [symmetric(rng, rng.int(3, 8)).map((row) => row.map((v) => v * s))];
      },
      hint: text(
        "The entries here are about 1e100 or 1e−100. A stopping test against a fixed number never stops on the first and never starts on the second; one relative to ‖A‖_F works at any scale.",
        "このケースの成分は 1e100 程度または 1e−100 程度です。固定の数と比べる停止条件では、前者では止まらず、後者では一度も回転しません。‖A‖_F に対する相対的な条件ならどんなスケールでも動きます。",
      ),
    },
  ],
  check: ({ args, got, expected }) => check((args as [number[][]])[0], got as Eig, expected as Eig),
});
