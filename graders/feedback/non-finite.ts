import { findNonFinite, formatPath } from "../compare";
import type { LocalizedText } from "../text";

/**
 * The likely cause of a NaN or ±Infinity in the learner's output, named only when the case shows the evidence for
 * it (no false hints): an empty array among the inputs (Math.max() of nothing is −Infinity), an all-zero vector
 * (a division by its norm or sum), inputs beyond exp's or a square's range, inputs so small that their squares
 * vanish, or NaN only at the first or last position of a vector (an index one past either end reads undefined).
 * Says nothing about the inputs' values, only which of these facts holds, so it is safe on hidden cases.
 */
export interface NonFiniteContext {
  args: unknown[];
  expected: unknown;
  got: unknown;
  /** Hidden cases get only properties of the class (a zero vector, a range), never an input entry at a position. */
  visibility?: "visible" | "hidden";
}

/** exp(x) overflows beyond ln(Number.MAX_VALUE) ≈ 709.78. */
const EXP_LIMIT = 709;
/** Beyond this, inputs are "scaled" data (1e100), not logits that someone would exponentiate. */
const EXP_RANGE_END = 1e6;
/** x² overflows beyond √(Number.MAX_VALUE) ≈ 1.34e154; report a little below, where sums of squares do. */
const SQUARE_LIMIT = 1e150;
/** x² underflows to 0 below about 1e-162 (√ of the smallest subnormal); report where it loses all its digits. */
const TINY_LIMIT = 1e-150;

interface InputFacts {
  empty: boolean;
  zeroVector: boolean;
  maxAbs: number;
  minAbsNonZero: number;
}

function inputFacts(args: unknown[]): InputFacts {
  const facts: InputFacts = { empty: false, zeroVector: false, maxAbs: 0, minAbsNonZero: Infinity };
  const visit = (v: unknown, depth: number): void => {
    if (depth > 6) return;
    // Top-level numbers are counts and parameters (iters, k, a temperature), not data that is exponentiated or squared.
    if (typeof v === "number" && depth >= 2) {
      const a = Math.abs(v);
      if (Number.isFinite(a)) {
        facts.maxAbs = Math.max(facts.maxAbs, a);
        if (a > 0) facts.minAbsNonZero = Math.min(facts.minAbsNonZero, a);
      }
      return;
    }
    if (Array.isArray(v)) {
      if (v.length === 0) facts.empty = true;
      else if (v.length > 1 && v.every((x) => x === 0)) facts.zeroVector = true;
      for (const x of v) visit(x, depth + 1);
      // An all-zero column of a matrix is a zero vector too (a column norm of 0).
      if (v.length > 1 && v.every((r) => Array.isArray(r) && r.length > 0 && r.every((x) => typeof x === "number"))) {
        const rows = v as number[][];
        const cols = rows[0]!.length;
        if (rows.every((r) => r.length === cols) && cols > 0) {
          for (let j = 0; j < cols; j++) if (rows.every((r) => r[j] === 0)) facts.zeroVector = true;
        }
      }
      return;
    }
    if (typeof v === "object" && v !== null) for (const x of Object.values(v)) visit(x, depth + 1);
  };
  visit(args, 0);
  return facts;
}

/** Same nesting of arrays and lengths (numbers at the leaves): an output computed entry by entry from the input. */
function sameShape(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameShape(x, b[i]));
  return typeof a === "number" && typeof b === "number";
}

function valueAt(v: unknown, path: readonly (string | number)[]): unknown {
  let cur = v;
  for (const p of path) cur = (cur as Record<string | number, unknown> | undefined)?.[p];
  return cur;
}

/** "first" or "last" when the only non-finite entries of the vector holding the first one are at one end. */
function onlyAtAnEnd(got: unknown, path: readonly (string | number)[]): "first" | "last" | undefined {
  if (path.length === 0) return undefined;
  const parent = valueAt(got, path.slice(0, -1));
  if (!Array.isArray(parent) || parent.length < 3 || !parent.every((x) => typeof x === "number")) return undefined;
  const bad = parent.map((x, i) => (Number.isFinite(x as number) ? -1 : i)).filter((i) => i >= 0);
  if (bad.length !== 1 || !Number.isNaN(parent[bad[0]!] as number)) return undefined;
  if (bad[0] === parent.length - 1) return "last";
  if (bad[0] === 0) return "first";
  return undefined;
}

export function nonFiniteCause(ctx: NonFiniteContext): LocalizedText | undefined {
  const nf = findNonFinite(ctx.got);
  if (!nf) return undefined;
  const expectedHere = valueAt(ctx.expected, nf.path);
  // An expected NaN or Infinity is the right answer there; the judge compares those itself.
  if (typeof expectedHere === "number" && !Number.isFinite(expectedHere)) return undefined;
  const facts = inputFacts(ctx.args);
  const isNaN = Number.isNaN(nf.value);
  if (facts.empty && nf.value === -Infinity) {
    return {
      en: "An input of this case is an empty array, and your output has −Infinity: Math.max() of an empty list is −Infinity (Math.min() of one is Infinity). Handle the empty case before taking a maximum, as the statement says.",
      ja: "このケースの入力には空の配列があり、出力に −Infinity が出ています。空のリストの Math.max() は −Infinity です（Math.min() は Infinity）。最大値をとる前に、問題文のとおり空の場合を扱いましょう。",
    };
  }
  if (ctx.visibility !== "hidden" && !isNaN && nf.path.length > 0 && ctx.args.some((a) => valueAt(a, nf.path) === 0 && sameShape(a, ctx.got))) {
    const where = formatPath(nf.path);
    return {
      en: `The input has a 0 at ${where}, the very entry where your output is ${nf.value > 0 ? "Infinity" : "-Infinity"}: 1/0 = Infinity. An entry-by-entry reciprocal or quotient of the input divides by that 0; check whether the formula asks for the matrix inverse or another expression instead.`,
      ja: `出力が ${nf.value > 0 ? "Infinity" : "-Infinity"} になっている ${where} では、入力の成分がちょうど 0 です（1/0 = Infinity）。入力の成分ごとの逆数や商をとると、この 0 で割ることになります。式が求めているのが逆行列など別のものでないか確かめましょう。`,
    };
  }
  if (facts.zeroVector && (isNaN || expectedHere === 0)) {
    return {
      en: "An input of this case contains an all-zero row, column or vector, so some norm, sum or singular value is 0 here: dividing by it gives 0/0 = NaN or x/0 = ±Infinity. Treat that zero as the statement says instead of dividing by it.",
      ja: "このケースの入力には成分がすべて 0 の行・列・ベクトルがあるので、ここではノルムや和、特異値のどれかが 0 になります。それで割ると 0/0 = NaN や x/0 = ±Infinity になります。割る前に、その 0 を問題文のとおりに扱いましょう。",
    };
  }
  if (facts.maxAbs > SQUARE_LIMIT) {
    return {
      en: "Some inputs of this case are beyond 1e150 in size: their squares (in a norm, a variance, a dot product) overflow to Infinity, and Infinity/Infinity or Infinity − Infinity is NaN. Scale by the largest magnitude first, or use Math.hypot.",
      ja: "このケースには絶対値が 1e150 を超える入力があります。その 2 乗（ノルム、分散、内積の中）は Infinity にオーバーフローし、Infinity/Infinity や Infinity − Infinity は NaN になります。先に最大の絶対値で割るか、Math.hypot を使いましょう。",
    };
  }
  if (facts.maxAbs > EXP_LIMIT && facts.maxAbs <= EXP_RANGE_END) {
    return {
      en: "Some inputs of this case are larger than 709 in size. If your code takes exp of them, exp(x) overflows to Infinity (and exp(−x) underflows to 0), and Infinity/Infinity, Infinity − Infinity and 0/0 are NaN: rearrange the computation so that exp never sees such a value.",
      ja: "このケースには絶対値が 709 を超える入力があります。それを exp に渡すと exp(x) は Infinity にオーバーフローし（exp(−x) は 0 にアンダーフロー）、Infinity/Infinity、Infinity − Infinity、0/0 は NaN になります。exp にそのような値が渡らないように計算を組み替えましょう。",
    };
  }
  if (facts.minAbsNonZero < TINY_LIMIT) {
    return {
      en: "Some inputs of this case are smaller than 1e-150 in size: their squares underflow to 0, so a norm or variance computed from squares is 0 and dividing by it gives NaN or Infinity. Scale by the largest magnitude first, or use Math.hypot.",
      ja: "このケースには絶対値が 1e-150 より小さい入力があります。その 2 乗は 0 にアンダーフローするので、2 乗から求めたノルムや分散が 0 になり、それで割ると NaN や Infinity になります。先に最大の絶対値で割るか、Math.hypot を使いましょう。",
    };
  }
  const end = onlyAtAnEnd(ctx.got, nf.path);
  if (end) {
    const where = formatPath(nf.path);
    return end === "last"
      ? {
          en: `Only the last entry ${where} is NaN and the inputs are ordinary numbers: that is what reading one past the end of an array gives (x[i + 1] at the last i is undefined, and arithmetic on undefined is NaN). Check the loop bounds and the indices near the end.`,
          ja: `最後の成分 ${where} だけが NaN で、入力はふつうの数です。配列の末尾の 1 つ先を読むとこうなります（最後の i での x[i + 1] は undefined で、undefined との演算は NaN です）。ループの範囲と末尾付近の添字を確かめましょう。`,
        }
      : {
          en: `Only the first entry ${where} is NaN and the inputs are ordinary numbers: that is what reading before the start of an array gives (x[i − 1] at i = 0 is undefined, and arithmetic on undefined is NaN). Check the loop bounds and the indices at the start.`,
          ja: `最初の成分 ${where} だけが NaN で、入力はふつうの数です。配列の先頭より前を読むとこうなります（i = 0 での x[i − 1] は undefined で、undefined との演算は NaN です）。ループの範囲と先頭付近の添字を確かめましょう。`,
        };
  }
  return undefined;
}
