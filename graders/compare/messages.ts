import type { LocalizedText } from "../text";
import type { CaseDetails } from "../verdict";
import { compareClose, type CloseReport, type Tolerance } from "./allclose";
import { formatError, formatNumber, formatPath, formatValue, type Path } from "./format";

function at(path: Path): { en: string; ja: string } {
  const p = formatPath(path);
  return p === "" ? { en: "in the result", ja: "結果" } : { en: `at ${p}`, ja: p };
}

/** "NaN at [2]." alone: the fact, for when a diagnosis names the likely cause instead of the list of usual ones. */
export function nonFiniteFact(path: Path, value: number): LocalizedText {
  const w = at(path);
  const name = Number.isNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity";
  return { en: `${name} ${w.en}.`, ja: `${w.ja} が ${name} です。` };
}

/** "NaN at [2]" / "Infinity at [0][1]" with what usually causes it. Safe for hidden cases: it shows no data. */
export function nonFiniteMessage(path: Path, value: number): LocalizedText {
  const w = at(path);
  if (Number.isNaN(value)) {
    return {
      en: `NaN ${w.en}. NaN comes from 0/0, ∞ − ∞, ∞/∞ or the log or square root of a negative number: look for an overflow (exp of a large value is Infinity), a division by zero, or a NaN in an input you combined.`,
      ja: `${w.ja} が NaN です。NaN は 0/0、∞ − ∞、∞/∞、負の数の log や平方根から生じます。オーバーフロー（大きな値の exp は Infinity になります）、0 による割り算、NaN を含む値との演算がないか確かめてください。`,
    };
  }
  const name = value > 0 ? "Infinity" : "-Infinity";
  return {
    en: `${name} ${w.en}. A value overflowed (exp(x) is Infinity beyond x ≈ 709, and squares of numbers beyond 1e154 overflow too), something was divided by zero, or log(0) was taken.`,
    ja: `${w.ja} が ${name} です。値がオーバーフローした（exp(x) は x ≈ 709 を超えると Infinity になり、1e154 を超える数の 2 乗もオーバーフローします）か、0 で割ったか、log(0) を計算しています。`,
  };
}

function toleranceText(tol: Tolerance): string {
  return `|got − expected| ≤ ${formatError(tol.atol)} + ${formatError(tol.rtol)}·|expected|`;
}

/**
 * The message and details of a failed allclose comparison: where it first differs, expected against got (visible
 * cases only), the largest errors and the tolerance that failed.
 */
export function closeFailure(report: CloseReport, tol: Tolerance, reveal: boolean): { message: LocalizedText; details: CaseDetails; kind: "non-finite" | "wrong-value" } {
  if (report.nonFinite) {
    const { path, value } = report.nonFinite;
    return {
      kind: "non-finite",
      message: nonFiniteMessage(path, value),
      details: { index: path, ...(reveal ? { got: formatNumber(value) } : {}) },
    };
  }
  const diff = report.firstDiff;
  const path = diff?.path ?? [];
  const p = formatPath(path);
  const where = p === "" ? { en: "the result differs", ja: "結果が一致しません" } : { en: `differs at ${p}`, ja: `${p} が一致しません` };
  const numeric = typeof diff?.expected === "number";
  const values = reveal && diff
    ? { en: `: expected ${formatValue(diff.expected, 80)}, got ${formatValue(diff.got, 80)}`, ja: `（期待値 ${formatValue(diff.expected, 80)}、実際 ${formatValue(diff.got, 80)}）` }
    : { en: "", ja: "" };
  const errors = numeric
    ? {
        en: ` (max abs error ${formatError(report.maxAbsError)}, max rel error ${formatError(report.maxRelError)}; tolerance ${toleranceText(tol)})`,
        ja: `。最大絶対誤差 ${formatError(report.maxAbsError)}、最大相対誤差 ${formatError(report.maxRelError)}（許容範囲 ${toleranceText(tol)}）`,
      }
    : { en: "", ja: "" };
  const details: CaseDetails = { index: path };
  if (numeric) Object.assign(details, { maxAbsError: report.maxAbsError, maxRelError: report.maxRelError, rtol: tol.rtol, atol: tol.atol });
  if (reveal && diff) Object.assign(details, { expected: formatValue(diff.expected, 80), got: formatValue(diff.got, 80) });
  return {
    kind: "wrong-value",
    message: { en: `${where.en}${values.en}${errors.en}.`, ja: `${where.ja}${values.ja}${errors.ja}。` },
    details,
  };
}

const SHORT_VECTOR = 8;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function valueAt(v: unknown, path: Path): unknown {
  let cur = v;
  for (const p of path) cur = (cur as Record<string | number, unknown>)?.[p];
  return cur;
}

const isShortVector = (v: unknown): v is number[] => Array.isArray(v) && v.length <= SHORT_VECTOR && v.every((x) => typeof x === "number");

/** One output (or one field of an object output) that differs: where, what (whole short vectors), how much. */
function partFailure(expected: unknown, got: unknown, tol: Tolerance, reveal: boolean, prefix: Path): { message: LocalizedText; details: CaseDetails } {
  const report = compareClose(expected, got, tol);
  const diff = report.firstDiff!;
  const path = [...prefix, ...diff.path];
  const p = formatPath(path);
  // Two integers (a count such as `storage` or `calls`): the values say it all; relative errors are meaningless there
  // (and Infinity when the count is 0).
  if (typeof expected === "number" && Number.isInteger(expected) && typeof got === "number" && Number.isInteger(got) && prefix.length > 0) {
    const values = reveal ? { en: `: expected ${formatNumber(expected)}, got ${formatNumber(got)}`, ja: `（期待値 ${formatNumber(expected)}、実際 ${formatNumber(got)}）` } : { en: "", ja: "" };
    const name = { en: p, ja: p };
    return {
      message: { en: `${name.en} differs${values.en} (integers, compared exactly)`, ja: `${name.ja} が一致しません${values.ja}（整数なので厳密に比べます）` },
      details: { index: path, ...(reveal ? { expected: formatNumber(expected), got: formatNumber(got) } : {}) },
    };
  }
  // For a short vector, the whole vector says more than one entry of it (a shift, a swap, a missing normalisation).
  const parent = diff.path.length > 0 ? diff.path.slice(0, -1) : [];
  const eParent = valueAt(expected, parent);
  const gParent = valueAt(got, parent);
  const whole = isShortVector(eParent) && isShortVector(gParent) && eParent.length > 1;
  const shownE = whole ? eParent : diff.expected;
  const shownG = whole ? gParent : diff.got;
  const where = p === "" ? { en: "the result differs", ja: "結果が一致しません" } : { en: `differs at ${p}`, ja: `${p} が一致しません` };
  const ofWhat = whole ? { en: ` (first difference; the whole ${formatPath([...prefix, ...parent]) || "vector"} is shown)`, ja: `（最初の不一致。${formatPath([...prefix, ...parent]) || "ベクトル"} 全体を表示）` } : { en: "", ja: "" };
  const values = reveal
    ? { en: `${ofWhat.en}: expected ${formatValue(shownE, 120)}, got ${formatValue(shownG, 120)}`, ja: `${ofWhat.ja}（期待値 ${formatValue(shownE, 120)}、実際 ${formatValue(shownG, 120)}）` }
    : { en: "", ja: "" };
  const numeric = typeof diff.expected === "number";
  const rel = Number.isFinite(report.maxRelError) ? { en: `, max rel error ${formatError(report.maxRelError)}`, ja: `、最大相対誤差 ${formatError(report.maxRelError)}` } : { en: " (some expected entries are 0)", ja: "（期待値が 0 の成分があります）" };
  const errors = numeric
    ? { en: ` (max abs error ${formatError(report.maxAbsError)}${rel.en}; tolerance ${toleranceText(tol)})`, ja: `。最大絶対誤差 ${formatError(report.maxAbsError)}${rel.ja}（許容範囲 ${toleranceText(tol)}）` }
    : { en: "", ja: "" };
  const details: CaseDetails = { index: path };
  if (numeric) Object.assign(details, { maxAbsError: report.maxAbsError, ...(Number.isFinite(report.maxRelError) ? { maxRelError: report.maxRelError } : {}), rtol: tol.rtol, atol: tol.atol });
  if (reveal) Object.assign(details, { expected: formatValue(shownE, 120), got: formatValue(shownG, 120) });
  return { message: { en: `${where.en}${values.en}${errors.en}`, ja: `${where.ja}${values.ja}${errors.ja}` }, details };
}

/**
 * closeFailure for a value known in full: an object output is reported field by field (the first differing field
 * in detail, the others by name, and which fields are right), an integer count without relative errors, and the
 * whole of a short vector instead of one entry of it.
 */
export function mismatchFailure(expected: unknown, got: unknown, tol: Tolerance, reveal: boolean): { message: LocalizedText; details: CaseDetails; kind: "non-finite" | "wrong-value" } {
  const report = compareClose(expected, got, tol);
  if (report.ok || report.nonFinite) return closeFailure(report, tol, reveal);
  if (!isPlainObject(expected) || !isPlainObject(got)) {
    const part = partFailure(expected, got, tol, reveal, []);
    return { kind: "wrong-value", message: { en: `${part.message.en}.`, ja: `${part.message.ja}。` }, details: part.details };
  }
  const keys = Object.keys(expected);
  const failing = keys.filter((k) => !compareClose(expected[k], got[k], tol).ok);
  const right = keys.filter((k) => !failing.includes(k));
  const part = partFailure(expected[failing[0]!], got[failing[0]!], tol, reveal, [failing[0]!]);
  const also = failing.length > 1 ? { en: ` ${failing.slice(1).join(", ")} ${failing.length === 2 ? "differs" : "differ"} too.`, ja: `${failing.slice(1).join("、")} も一致しません。` } : { en: "", ja: "" };
  const ok = right.length > 0 ? { en: ` ${right.join(", ")} ${right.length === 1 ? "is" : "are"} right.`, ja: `${right.join("、")} は正しい値です。` } : { en: "", ja: "" };
  return { kind: "wrong-value", message: { en: `${part.message.en}.${also.en}${ok.en}`, ja: `${part.message.ja}。${also.ja}${ok.ja}` }, details: part.details };
}
