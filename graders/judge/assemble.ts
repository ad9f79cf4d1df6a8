import type { SandboxConsole } from "../sandbox/types";
import type { LocalizedText } from "../text";
import { VERDICT_VERSION, type CaseResult, type SourcePosition, type Verdict } from "../verdict";

export interface VerdictParts {
  exerciseId: string;
  contentHash: string;
  seed: number;
  cases: CaseResult[];
  message?: LocalizedText;
  compileError?: { message: string; position?: SourcePosition };
  console?: SandboxConsole;
  timings: { transpileMs: number; runMs: number; totalMs: number };
}

/** Weighted fraction of cases passed; a suspicious case is not a pass. Equal weights when every weight is 0. */
export function scoreOf(cases: readonly CaseResult[]): number {
  const total = cases.reduce((s, c) => s + c.weight, 0);
  if (total <= 0) return cases.length === 0 ? 0 : cases.filter((c) => c.status === "passed").length / cases.length;
  return cases.reduce((s, c) => s + (c.status === "passed" ? c.weight : 0), 0) / total;
}

export function assembleVerdict(parts: VerdictParts): Verdict {
  const base = {
    version: VERDICT_VERSION,
    exerciseId: parts.exerciseId,
    contentHash: parts.contentHash,
    seed: parts.seed,
    console: parts.console ?? { text: "", truncated: false },
    timings: parts.timings,
  };
  if (parts.cases.length === 0) {
    return {
      ...base,
      status: "error",
      score: 0,
      cases: [],
      message: parts.message ?? {
        en: "No case ran, so nothing was graded. This is a fault of the platform, not of your code; it will be re-graded.",
        ja: "テストケースが 1 つも実行されなかったため、採点できませんでした。これはプラットフォーム側の問題で、あなたのコードのせいではありません。再採点されます。",
      },
    };
  }
  const allPassed = parts.cases.every((c) => c.status === "passed");
  return {
    ...base,
    status: allPassed ? "passed" : "failed",
    score: scoreOf(parts.cases),
    cases: parts.cases,
    ...(parts.message ? { message: parts.message } : {}),
    ...(parts.compileError ? { compileError: parts.compileError } : {}),
  };
}

/** An ERROR verdict: the platform failed (content that does not load, a reference or hook that throws, a dead runner). */
export function platformErrorVerdict(
  ids: { exerciseId: string; contentHash: string; seed: number },
  what: string,
  totalMs: number,
): Verdict {
  what = what.replace(/[.\s]+$/, "");
  return {
    version: VERDICT_VERSION,
    status: "error",
    score: 0,
    exerciseId: ids.exerciseId,
    contentHash: ids.contentHash,
    seed: ids.seed,
    message: {
      en: `The grader itself failed, not your code: ${what}. This attempt does not count; it can be re-graded once the problem is fixed.`,
      ja: `採点システム側でエラーが発生しました（あなたのコードの問題ではありません）: ${what}。この提出は回数に数えられず、問題が直り次第再採点できます。`,
    },
    cases: [],
    console: { text: "", truncated: false },
    timings: { transpileMs: 0, runMs: 0, totalMs },
  };
}
