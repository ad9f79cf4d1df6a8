import type { GradeJob } from "../grade-job";
import type { SandboxResult } from "../sandbox/types";
import type { LocalizedText } from "../text";
import { VERDICT_VERSION, type Verdict } from "../verdict";

/**
 * What a learner reads when their run cost a whole grader process: it missed its deadline (killed) or the process
 * died under it (V8 gives up on some out-of-memory states). Says which limit and what usually causes it.
 */
export type WholeRunLimit = "timeout" | "memory";

export interface LimitInfo {
  limit: WholeRunLimit;
  /** The per-case time limit and memory limit of the run, when the child reported them. */
  timeoutMs?: number;
  memoryMb?: number;
  /** How long the run had when it was stopped. */
  deadlineMs?: number;
  /** Set when the memory watchdog stopped the run: the grader process's ceiling in MB. */
  processMb?: number;
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(ms < 10_000 ? 1 : 0);
}

export function limitMessage(info: LimitInfo): LocalizedText {
  if (info.limit === "timeout") {
    const within = info.deadlineMs !== undefined ? { en: ` (${seconds(info.deadlineMs)} s)`, ja: `（${seconds(info.deadlineMs)} 秒）` } : { en: "", ja: "" };
    return {
      en:
        `The whole run exceeded its time limit${within.en}, so the grader running it was stopped. This usually means an ` +
        "infinite loop (a loop whose condition never becomes false, a recursion without a base case, a promise that " +
        "never settles) or an algorithm far slower than needed. No case could be graded.",
      ja:
        `実行全体が制限時間${within.ja}を超えたため、採点プロセスを停止しました。多くの場合、終わらないループ（条件が偽にならない ` +
        "while、ベースケースのない再帰、決して完了しない Promise）か、必要以上に遅いアルゴリズムが原因です。どのケースも採点できませんでした。",
    };
  }
  if (info.processMb !== undefined) {
    return {
      en:
        `Memory limit exceeded: while your code ran, its grader process went over its ceiling of ${info.processMb} MB, so it ` +
        "was stopped. Usually an array or string that grows without end, or many large buffers kept alive at once. No case could be graded.",
      ja:
        `メモリ制限を超えました。コードの実行中に採点プロセスが上限（${info.processMb} MB）を超えたため停止しました。多くの場合、際限なく伸びる配列や文字列、` +
        "または同時に保持された多数の大きなバッファが原因です。どのケースも採点できませんでした。",
    };
  }
  const mb = info.memoryMb !== undefined ? { en: ` of ${info.memoryMb} MB`, ja: `（${info.memoryMb} MB）` } : { en: "", ja: "" };
  return {
    en:
      `The run went past its memory limit${mb.en} so badly that the grader process running it died. This usually means ` +
      "an array or string that grows without end (a push inside a loop that never stops, a string doubled in a loop) " +
      "or a huge allocation such as new Array(1e9).fill(0). No case could be graded.",
    ja:
      `実行がメモリ制限${mb.ja}を大きく超え、採点プロセスが停止しました。多くの場合、際限なく伸びる配列や文字列（止まらないループの中での ` +
      "push、ループで倍々に伸ばす文字列）や、new Array(1e9).fill(0) のような巨大な確保が原因です。どのケースも採点できませんでした。",
  };
}

/** A "failed" verdict with score 0: the learner's code exceeded a limit of the whole run. */
export function limitVerdict(job: GradeJob, contentHash: string, info: LimitInfo, totalMs: number): Verdict {
  return {
    version: VERDICT_VERSION,
    status: "failed",
    score: 0,
    exerciseId: job.exerciseId,
    contentHash,
    seed: job.seed,
    message: limitMessage(info),
    cases: [],
    console: { text: "", truncated: false },
    timings: { transpileMs: 0, runMs: totalMs, totalMs },
  };
}

/** The same outcome for a bare sandbox job: the module never finished running. */
export function limitSandboxResult(info: LimitInfo, totalMs: number): SandboxResult {
  return {
    stage: "load",
    error: { kind: info.limit, message: limitMessage(info).en },
    console: { text: "", truncated: false },
    transpileMs: 0,
    runMs: totalMs,
  };
}

