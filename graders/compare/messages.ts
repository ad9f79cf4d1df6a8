import type { LocalizedText } from "../text";
import type { CaseDetails } from "../verdict";
import type { CloseReport, Tolerance } from "./allclose";
import { formatError, formatNumber, formatPath, formatValue, type Path } from "./format";

function at(path: Path): { en: string; ja: string } {
  const p = formatPath(path);
  return p === "" ? { en: "in the result", ja: "結果" } : { en: `at ${p}`, ja: p };
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
