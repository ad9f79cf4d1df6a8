import type { SandboxResult } from "../sandbox/types";
import type { Verdict } from "../verdict";
import { assembleVerdict } from "./assemble";
import { judgeCase, notRunCase } from "./judge-case";
import { judgeRunError, positionText } from "./run-errors";
import type { JudgeHooks, JudgeSettings, PreparedCase } from "./types";

export interface RunIds {
  exerciseId: string;
  contentHash: string;
  seed: number;
}

/** The runner answered with a different number of outcomes than calls: the platform, not the learner, failed. */
export class RunnerFault extends Error {}

/**
 * Turns a sandbox result into a verdict: compile and load failures fail every case with positions; otherwise each
 * call's outcome is judged on the copied-out value. Used by the server, the CLI and the browser's instant run.
 */
export function judgeRun(
  cases: readonly PreparedCase[],
  result: SandboxResult,
  settings: JudgeSettings,
  hooks: JudgeHooks,
  ids: RunIds,
  startedAt: number,
  /** The learner's source, so that a crash can quote its line and name its function. */
  source?: string,
): Verdict {
  const round2 = (ms: number) => Math.round(ms * 100) / 100;
  const timing = () => ({ transpileMs: round2(result.transpileMs), runMs: round2(result.runMs), totalMs: Math.round(performance.now() - startedAt) });
  if (result.stage === "compile") {
    const pos = positionText(result.error.position);
    const message = {
      en: `Your code does not compile${pos.en}: ${result.error.message}`,
      ja: `コードをコンパイルできません${pos.ja}: ${result.error.message}`,
    };
    const reason = { en: "Not run: the code does not compile.", ja: "未実行: コードをコンパイルできません。" };
    return assembleVerdict({
      ...ids,
      cases: cases.map((c) => notRunCase(c, "runtime-error", reason)),
      message,
      compileError: result.error,
      console: result.console,
      timings: timing(),
    });
  }
  if (result.stage === "load") {
    const j = judgeRunError(result.error, settings.limits, settings.exports);
    // A limit may stop a run at any point (the supervisor reports a killed run as a load failure): no "while loading".
    const limit = result.error.kind === "timeout" || result.error.kind === "memory";
    const message = limit
      ? j.message
      : {
          en: `Your module failed while loading, before any case ran. ${j.message.en}`,
          ja: `どのケースも実行する前に、モジュールの読み込みで失敗しました。${j.message.ja}`,
        };
    const reason = limit
      ? { en: "Not run: the run was stopped at a limit (see above).", ja: "未実行: 実行が制限に達して停止しました（上の説明を参照）。" }
      : { en: "Not run: the module failed to load.", ja: "未実行: モジュールの読み込みに失敗しました。" };
    return assembleVerdict({
      ...ids,
      cases: cases.map((c) => notRunCase(c, j.kind, reason)),
      message,
      console: result.console,
      timings: timing(),
    });
  }
  if (result.calls.length !== cases.length) {
    throw new RunnerFault(`the sandbox returned ${result.calls.length} outcomes for ${cases.length} calls`);
  }
  const judged = cases.map((c, i) => judgeCase(c, result.calls[i]!, settings, hooks, source));
  return assembleVerdict({ ...ids, cases: judged, console: result.console, timings: timing() });
}
