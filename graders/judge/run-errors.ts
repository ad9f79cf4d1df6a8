import type { RunError } from "../sandbox/types";
import { MAX_OUTPUT_ELEMENTS } from "../sandbox/types";
import type { LocalizedText } from "../text";
import type { FailureKind, SourcePosition } from "../verdict";

export interface RunErrorJudgement {
  kind: FailureKind;
  message: LocalizedText;
  position?: SourcePosition;
}

export function positionText(p: SourcePosition | undefined): LocalizedText {
  if (!p) return { en: "", ja: "" };
  return p.column !== undefined
    ? { en: ` (line ${p.line}, column ${p.column})`, ja: `（${p.line} 行 ${p.column} 列）` }
    : { en: ` (line ${p.line})`, ja: `（${p.line} 行）` };
}

/** The export a missing-export message names, e.g. `softmax` in "softmax is not a function". */
function exportName(message: string): string | undefined {
  return /(?:export\s+)?["'`]?([A-Za-z_$][\w$]*)["'`]?\s+is not (?:a function|exported|defined)/.exec(message)?.[1]
    ?? /export(?:ed)?\s+["'`]([A-Za-z_$][\w$]*)["'`]/.exec(message)?.[1];
}

/**
 * A failed call (or a module that failed to load) in the learner's terms: which limit, what usually causes it,
 * where in their source. The sandbox's messages are English; the Japanese text is written here, by kind.
 */
export function judgeRunError(error: RunError, limits: { timeoutMs: number; memoryMb: number }, exports: readonly string[]): RunErrorJudgement {
  const pos = positionText(error.position);
  const withPos = (j: Omit<RunErrorJudgement, "position">): RunErrorJudgement => (error.position ? { ...j, position: error.position } : j);
  if ((error.kind === "timeout" || error.kind === "memory") && /^not run\b/i.test(error.message)) {
    const limit = error.kind === "timeout" ? { en: `time limit (${limits.timeoutMs} ms per case)`, ja: `時間制限（1 ケースあたり ${limits.timeoutMs} ミリ秒）` } : { en: `memory limit (${limits.memoryMb} MB)`, ja: `メモリ制限（${limits.memoryMb} MB）` };
    return {
      kind: error.kind,
      message: {
        en: `Not run: an earlier case reached the ${limit.en}, which stopped the whole run. Fix that case first.`,
        ja: `未実行: 先に実行したケースが${limit.ja}に達し、実行全体が止まりました。まずそのケースを直しましょう。`,
      },
    };
  }
  switch (error.kind) {
    case "timeout":
      return withPos({
        kind: "timeout",
        message: {
          en: `Stopped at the time limit of ${limits.timeoutMs} ms${pos.en}. Usually an infinite loop (a loop whose condition never changes) or an algorithm far slower than needed, such as recomputing a sum inside a loop.`,
          ja: `時間制限（${limits.timeoutMs} ミリ秒）に達したため停止しました${pos.ja}。条件が変わらない無限ループや、ループの中で同じ和を計算し直すなど、必要以上に遅いアルゴリズムが原因であることがほとんどです。`,
        },
      });
    case "memory":
      return withPos({
        kind: "memory",
        message: {
          en: `Stopped at the memory limit of ${limits.memoryMb} MB${pos.en}. Usually an array that keeps growing (a push inside a loop that never ends) or an intermediate far bigger than needed, such as forming a full n²×n² matrix.`,
          ja: `メモリ制限（${limits.memoryMb} MB）に達したため停止しました${pos.ja}。終わらないループの中での push のように増え続ける配列や、n²×n² の行列を丸ごと作るなど、必要以上に大きな中間結果が原因であることがほとんどです。`,
        },
      });
    case "missing-export": {
      const name = exportName(error.message) ?? exports[0] ?? "the function";
      return withPos({
        kind: "runtime-error",
        message: {
          en: `${name} is not a function: export it from your module, e.g. \`export function ${name}(…) { … }\`. The exercise expects ${exports.join(", ")}.`,
          ja: `${name} が関数としてエクスポートされていません（${name} is not a function）。\`export function ${name}(…) { … }\` のようにエクスポートしてください。この課題で必要なのは ${exports.join("、")} です。`,
        },
      });
    }
    case "bad-output":
      if (/promise|async|then/i.test(error.message)) {
        return withPos({
          kind: "type",
          message: {
            en: "returned a Promise: the function must return its result synchronously (remove async and await).",
            ja: "Promise が返されました。関数は結果を同期的に返す必要があります（async と await を外してください）。",
          },
        });
      }
      return withPos({
        kind: "type",
        message: {
          en: `returned a value that cannot be copied out as plain data (${error.message}). Return numbers, strings, arrays and plain objects only: no functions, class instances with methods, Proxies or cycles.`,
          ja: `プレーンなデータとして取り出せない値が返されました（${error.message}）。数値・文字列・配列・プレーンなオブジェクトだけを返してください。関数、Proxy、循環参照は返せません。`,
        },
      });
    case "output-too-large":
      return withPos({
        kind: "output-too-large",
        message: {
          en: `The output is too large (more than ${MAX_OUTPUT_ELEMENTS.toLocaleString("en")} numbers or characters). Check the loop bounds and the shape of what you return.`,
          ja: `出力が大きすぎます（数値または文字が ${MAX_OUTPUT_ELEMENTS.toLocaleString("en")} 個を超えています）。ループの範囲と、返す値の形状を確かめてください。`,
        },
      });
    case "throw":
      return withPos({
        kind: "runtime-error",
        message: {
          en: `Your code threw an error${pos.en}: ${error.message}`,
          ja: `コードの実行中にエラーが発生しました${pos.ja}: ${error.message}`,
        },
      });
  }
}
