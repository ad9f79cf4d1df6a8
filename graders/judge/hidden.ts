import { formatError, formatPath } from "../compare";
import type { RunError } from "../sandbox/types";
import type { LocalizedText } from "../text";
import type { CaseDetails } from "../verdict";
import { positionText } from "./run-errors";

/**
 * What a hidden case may say about itself: its class (the case's name), where the result missed and by how much
 * RELATIVELY, a shape or NaN diagnosis. Never the expected value, the inputs, or an absolute error: returning zeros
 * makes the absolute error equal to |expected|. The relative error is rounded to one significant digit and capped at
 * 1, so that it cannot be turned back into an expected value either.
 */

/** One significant digit; 1 and above (also Infinity, an expected 0) is reported as 1, "1 or more". */
export function roundedRelativeError(rel: number): number {
  if (!(rel < 1)) return 1;
  return rel === 0 ? 0 : Number(rel.toPrecision(1));
}

/** Details of a hidden case without data: no expected, got, input, plot or absolute error. */
export function hiddenDetails(details: CaseDetails): CaseDetails {
  const out: CaseDetails = { ...details };
  delete out.expected;
  delete out.got;
  delete out.input;
  delete out.plot;
  delete out.maxAbsError;
  if (out.maxRelError !== undefined) out.maxRelError = roundedRelativeError(out.maxRelError);
  return out;
}

/** "differs at [2] (largest relative error 3e-2; …)" for a hidden numeric mismatch; undefined when not numeric. */
export function hiddenMissMessage(details: CaseDetails | undefined): LocalizedText | undefined {
  if (!details || details.maxRelError === undefined) return undefined;
  const rel = roundedRelativeError(details.maxRelError);
  const relText = rel >= 1 ? { en: "1 or more", ja: "1 以上" } : { en: formatError(rel), ja: formatError(rel) };
  const p = formatPath(details.index ?? []);
  const where = p === "" ? { en: "the result differs", ja: "結果が一致しません" } : { en: `differs at ${p}`, ja: `${p} が一致しません` };
  const tol = details.rtol !== undefined ? { en: `; allowed: rtol ${formatError(details.rtol)}, atol ${formatError(details.atol ?? 0)}`, ja: `、許容範囲 rtol ${formatError(details.rtol)}、atol ${formatError(details.atol ?? 0)}` } : { en: "", ja: "" };
  return {
    en: `${where.en} (largest relative error ${relText.en}${tol.en}). The values of a hidden case are not shown; test your code on inputs of this kind yourself.`,
    ja: `${where.ja}（最大相対誤差 ${relText.ja}${tol.ja}）。非公開ケースの値は表示されません。この種類の入力で自分のコードを試してみましょう。`,
  };
}

/** The class of a thrown error ("TypeError"), never its message: the learner's code may have put the input in it. */
function errorClass(message: string): string | undefined {
  return /^((?:[A-Z][A-Za-z]*)?Error)\b/.exec(message)?.[1];
}

/** Engine messages with no variable part: they cannot carry data, and they say what went wrong. */
const FIXED_ENGINE_MESSAGES = [
  /^RangeError: Maximum call stack size exceeded( \(recursion too deep: check the base case, or use a loop\))?$/,
  /^RangeError: Array buffer allocation failed$/,
  /^RangeError: Invalid array length$/,
  /^RangeError: Invalid string length$/,
];

/**
 * A failed call of a hidden case whose message could carry data (a thrown message, an output description), as the
 * learner may read it; limits and missing exports are about the code, not the case, and keep their own message.
 */
export function hiddenRunErrorMessage(error: RunError): LocalizedText | undefined {
  const pos = positionText(error.position);
  if (error.kind === "throw") {
    if (FIXED_ENGINE_MESSAGES.some((re) => re.test(error.message))) return undefined;
    const cls = errorClass(error.message);
    const what = cls ? { en: `${/^[AEIOU]/.test(cls) ? "an" : "a"} ${cls}`, ja: `${cls}` } : { en: "an error", ja: "エラー" };
    return {
      en: `Your code threw ${what.en}${pos.en} in this hidden case. The message of an error in a hidden case is not shown (it could carry the hidden input); try inputs of this kind yourself.`,
      ja: `この非公開ケースで、コードが ${what.ja} を投げました${pos.ja}。非公開ケースのエラーメッセージは表示されません（非公開の入力を含みうるため）。この種類の入力で自分のコードを試してみましょう。`,
    };
  }
  if (error.kind === "bad-output" && !/promise|async|then/i.test(error.message)) {
    return {
      en: "returned a value that cannot be copied out as plain data. Return numbers, strings, arrays and plain objects only: no functions, class instances with methods, Proxies or cycles.",
      ja: "プレーンなデータとして取り出せない値が返されました。数値・文字列・配列・プレーンなオブジェクトだけを返してください。関数、Proxy、循環参照は返せません。",
    };
  }
  return undefined;
}
