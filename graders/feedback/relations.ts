/**
 * Detectors of simple relations between a learner's output and the expected one, shared by every exercise: a
 * constant factor (×2, ×½, ×−1, ×n for a size n of the input), a constant offset (ln n, ½·log 2π per point, …), the
 * log or exp of the right value, the transpose. Each names a relation only when the output satisfies it to 1e−6
 * of the output's scale, so a hint never fires on an output that does not match it. They print factors and the
 * names of sizes, never values of the case, so they are safe on hidden cases. Self-contained (no host-only
 * imports): the browser's Run uses them too.
 */
import type { LocalizedText } from "../text";

export interface RelationContext {
  args: unknown[];
  expected: unknown;
  got: unknown;
}

const REL = 1e-6;

function numbers(v: unknown, out: number[] = []): number[] | undefined {
  if (typeof v === "number") {
    out.push(v);
    return out;
  }
  if (Array.isArray(v)) {
    for (const x of v) if (!numbers(x, out)) return undefined;
    return out;
  }
  return undefined;
}

const isMatrix = (v: unknown): v is number[][] => Array.isArray(v) && v.length > 0 && v.every((r) => Array.isArray(r) && r.every((x) => typeof x === "number"));

/** Sizes an exercise's input has, with a name a learner recognises: lengths of vectors, rows and columns of matrices. */
function inputSizes(args: unknown[]): { n: number; en: string; ja: string }[] {
  const out: { n: number; en: string; ja: string }[] = [];
  args.forEach((a, i) => {
    const which = args.length > 1 ? ` of argument ${i + 1}` : " of the input";
    const whichJa = args.length > 1 ? `第 ${i + 1} 引数の` : "入力の";
    if (isMatrix(a)) {
      out.push({ n: a.length, en: `the number of rows${which} (${a.length})`, ja: `${whichJa}行数（${a.length}）` });
      out.push({ n: a[0]!.length, en: `the number of columns${which} (${a[0]!.length})`, ja: `${whichJa}列数（${a[0]!.length}）` });
    } else if (Array.isArray(a) && a.every((x) => typeof x === "number")) {
      out.push({ n: a.length, en: `the length${which} (${a.length})`, ja: `${whichJa}長さ（${a.length}）` });
    }
  });
  return out.filter((s) => s.n > 1);
}

const near = (a: number, b: number, scale: number) => Math.abs(a - b) <= REL * scale;

function scaleOf(E: number[]): number {
  let m = 0;
  for (const x of E) m = Math.max(m, Math.abs(x));
  return m;
}

/** got = c·expected for one c ≠ 1 (to 1e−6 of the scale), or undefined. */
export function constantFactor(E: number[], G: number[]): number | undefined {
  const s = scaleOf(E);
  if (s === 0 || E.length !== G.length) return undefined;
  let ee = 0;
  let ge = 0;
  for (let i = 0; i < E.length; i++) {
    ee += E[i]! * E[i]!;
    ge += G[i]! * E[i]!;
  }
  const c = ge / ee;
  if (!Number.isFinite(c) || Math.abs(c - 1) < 1e-6) return undefined;
  for (let i = 0; i < E.length; i++) if (!near(G[i]!, c * E[i]!, s * Math.max(1, Math.abs(c)))) return undefined;
  return c;
}

/** got = expected + c elementwise for one c ≠ 0, or undefined. */
export function constantOffset(E: number[], G: number[]): number | undefined {
  if (E.length !== G.length || E.length === 0) return undefined;
  const c = G[0]! - E[0]!;
  const s = Math.max(scaleOf(E), Math.abs(c));
  if (c === 0 || Math.abs(c) <= REL * s) return undefined;
  for (let i = 1; i < E.length; i++) if (!near(G[i]! - E[i]!, c, s)) return undefined;
  return c;
}

const fmt = (x: number) => String(Number(x.toPrecision(4)));

function nameFactor(c: number, args: unknown[], generic = true): LocalizedText | undefined {
  if (near(c, -1, 1)) return { en: "has the opposite sign of the right value (a flipped sign)", ja: "正しい値と符号が逆です（符号の反転）" };
  if (near(c, 2, 2)) return { en: "is exactly twice the right value: a factor 2 too many (a ½ dropped, a term counted twice, or a step of h where 2h belongs)", ja: "正しい値のちょうど 2 倍です。余分な係数 2 があります（½ の抜け、項の二重計上、2h のところを h で割るなど）" };
  if (near(c, 0.5, 1)) return { en: "is exactly half the right value (a missing factor 2, or a ½ too many)", ja: "正しい値のちょうど半分です（係数 2 の抜け、または余分な ½）" };
  if (near(c, -2, 2) || near(c, -0.5, 1)) return { en: `is ${fmt(c)} times the right value: a flipped sign and a factor 2`, ja: `正しい値の ${fmt(c)} 倍です。符号の反転と係数 2 の両方がずれています` };
  for (const s of inputSizes(args)) {
    if (near(c, s.n, s.n)) return { en: `is ${s.n} times the right value, ${s.en}: a sum where a mean belongs, or a mean divided out twice`, ja: `正しい値の ${s.n} 倍、つまり${s.ja}倍です。平均のところで和をとっている可能性があります` };
    if (near(c, 1 / s.n, 1)) return { en: `is the right value divided by ${s.en}: a mean where a sum belongs, or an extra division`, ja: `正しい値を${s.ja}で割った値です。和のところで平均をとっているか、余分に割っています` };
    if (near(c, s.n / (s.n - 1), 2) && s.n > 2) return { en: `is n/(n − 1) times the right value with n = ${s.en}: a divisor n − 1 where n belongs`, ja: `正しい値の n/(n − 1) 倍です（n = ${s.ja}）。n で割るところを n − 1 で割っています` };
    if (near(c, (s.n - 1) / s.n, 1) && s.n > 2) return { en: `is (n − 1)/n times the right value with n = ${s.en}: a divisor n where n − 1 belongs`, ja: `正しい値の (n − 1)/n 倍です（n = ${s.ja}）。n − 1 で割るところを n で割っています` };
  }
  // A factor that rounds to 1 at four digits is an accuracy problem (a one-sided difference, say), not a factor.
  if (!generic || Math.abs(c - 1) < 5e-4) return undefined;
  return { en: `is ${fmt(c)} times the right value everywhere: a constant factor is off`, ja: `どこでも正しい値の ${fmt(c)} 倍です。定数倍がずれています` };
}

function nameOffset(c: number, args: unknown[], generic = true, scale = Math.abs(c)): LocalizedText | undefined {
  // Named constants must match to rounding (1e−9 of the values' size), or a lucky offset would get a name.
  const exact = (x: number, y: number) => Math.abs(x - y) <= 1e-9 * Math.max(1, scale);
  const half = 0.5 * Math.log(2 * Math.PI);
  const sign = c > 0 ? "too large" : "too small";
  const signJa = c > 0 ? "大きすぎ" : "小さすぎ";
  const a = Math.abs(c);
  for (const s of inputSizes(args)) {
    if (exact(a, Math.log(s.n))) return { en: `is ${sign} by exactly ln n with n = ${s.en}: a log of a count is missing or extra (a sum against a mean inside the log)`, ja: `ちょうど ln n だけ${signJa}です（n = ${s.ja}）。個数の log が抜けているか余分です（log の中の和と平均の取り違え）` };
  }
  for (let k = 1; k <= 4096; k++) {
    if (exact(a, k * half)) return { en: `is ${sign} by exactly ${k === 1 ? "" : `${k}·`}½·log 2π: the normalising constant −½·log 2π per dimension and point is ${c > 0 ? "missing" : "counted twice"}`, ja: `ちょうど ${k === 1 ? "" : `${k}·`}½·log 2π だけ${signJa}です。1 次元・1 点あたりの正規化定数 −½·log 2π が${c > 0 ? "抜けています" : "二重に入っています"}` };
    if (k * half > a * 1.01) break;
  }
  if (exact(a, Math.log(2))) return { en: `is ${sign} by exactly ln 2`, ja: `ちょうど ln 2 だけ${signJa}です` };
  if (!generic) return undefined;
  return { en: `is ${sign} by the same constant everywhere: an additive term is missing or extra`, ja: `どこでも同じ定数だけ${signJa}です。足し算の項が抜けているか余分です` };
}

/** One relation between got and expected (a number or an array of numbers), named; undefined when none holds. */
export function relationOf(expected: unknown, got: unknown, args: unknown[]): LocalizedText | undefined {
  const E = numbers(expected);
  const G = numbers(got);
  if (!E || !G || E.length !== G.length || E.length === 0) return undefined;
  if (![...E, ...G].every(Number.isFinite)) return undefined;
  const s = scaleOf(E);
  if (E.every((e, i) => near(G[i]!, e, s || 1))) return undefined;
  if (isMatrix(expected) && isMatrix(got) && expected.length === expected[0]!.length && expected.length > 1) {
    const T = expected.map((row, i) => row.map((_, j) => expected[j]![i]!));
    if (got.every((row, i) => row.every((x, j) => near(x, T[i]![j]!, s)))) return { en: "is the transpose of the right value", ja: "正しい値の転置になっています" };
  }
  if (E.length === 1) {
    // Any number is some multiple of, and some offset from, any other: for a scalar only a named relation says something.
    const e = E[0]!;
    const g = G[0]!;
    return (e !== 0 ? nameFactor(g / e, args, false) : undefined) ?? nameOffset(g - e, args, false, Math.max(Math.abs(e), Math.abs(g)));
  }
  // A "c times everywhere" or "offset everywhere" needs at least two entries that carry the claim: with one
  // significant entry (the rest ≈ 0), any error of it looks like a factor.
  if (E.filter((e) => Math.abs(e) > 1e-3 * s).length < 2) return undefined;
  const factor = constantFactor(E, G);
  if (factor !== undefined) return nameFactor(factor, args);
  const offset = constantOffset(E, G);
  if (offset !== undefined) return nameOffset(offset, args, true, Math.max(scaleOf(E), scaleOf(G)));
  if (E.some((e) => e < -1e-3 * s) && E.every((e, i) => near(G[i]!, Math.abs(e), s))) return { en: "has the right magnitudes, but every sign made positive: an absolute value where none belongs", ja: "大きさは正しいのに、符号がすべて正になっています。不要な絶対値があります" };
  const sortedE = E.slice().sort((a, b) => a - b);
  const sortedG = G.slice().sort((a, b) => a - b);
  if (new Set(E).size > 1 && sortedE.every((e, i) => near(sortedG[i]!, e, s))) return { en: "has the right values in a different order: check the order of the axes (rows against columns, row-major against column-major)", ja: "値はそろっていますが、並び順が違います。軸の順序（行と列、行優先と列優先）を確かめましょう" };
  if (E.every((e) => e > 0) && E.every((e, i) => near(G[i]!, Math.log(e), Math.max(1, Math.abs(Math.log(e)))))) return { en: "is the log of the right value: return the value itself, not its log", ja: "正しい値の log になっています。log ではなく値そのものを返しましょう" };
  if (E.every((e) => e < 700) && E.every((e, i) => near(G[i]!, Math.exp(e), Math.max(1, Math.exp(e))))) return { en: "is exp of the right value: the right value is its log", ja: "正しい値の exp になっています。正しい値はその log です" };
  return undefined;
}

/**
 * The relation of the whole output, or field by field for an object output ("dW is the transpose …; dV is right").
 * Says which fields are right only alongside a relation, so that the sentence always names something concrete.
 */
export function describeRelations(ctx: RelationContext): LocalizedText | undefined {
  const { expected, got, args } = ctx;
  if (typeof expected === "object" && expected !== null && !Array.isArray(expected) && typeof got === "object" && got !== null) {
    const found: LocalizedText[] = [];
    const right: string[] = [];
    for (const [key, e] of Object.entries(expected)) {
      const g = (got as Record<string, unknown>)[key];
      const E = numbers(e);
      const G = numbers(g);
      if (E && G && E.length === G.length && E.every((x, i) => near(G[i]!, x, scaleOf(E) || 1))) {
        right.push(key);
        continue;
      }
      const r = relationOf(e, g, args);
      if (r) found.push({ en: `\`${key}\` ${r.en}`, ja: `\`${key}\` は${r.ja}` });
    }
    if (found.length === 0) return undefined;
    const rightText = right.length > 0 ? { en: ` (${right.map((k) => `\`${k}\``).join(", ")} ${right.length === 1 ? "is" : "are"} right.)`, ja: `（${right.map((k) => `\`${k}\``).join("、")} は正しい値です。）` } : { en: "", ja: "" };
    return { en: `${found.map((f) => f.en).join("; ")}.${rightText.en}`, ja: `${found.map((f) => f.ja).join("。")}。${rightText.ja}` };
  }
  const r = relationOf(expected, got, args);
  return r ? { en: `Your output ${r.en}.`, ja: `出力は${r.ja}。` } : undefined;
}
