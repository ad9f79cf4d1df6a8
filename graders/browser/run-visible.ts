import { polishVerdict } from "../feedback/dedupe";
import { describeRelations } from "../feedback/relations";
import { judgeRun } from "../judge/judge-run";
import type { JudgeHooks } from "../judge/types";
import type { Verdict } from "../verdict";
import { runLocally } from "./local-runner";
import type { VisibleRunPayload } from "./protocol";

/**
 * The browser's instant run: the learner's code in this realm (a Web Worker), the visible cases, the same judge as
 * the server. Never a grade. Invariant exercises need their property checks, which stay on the server: here their
 * outputs are checked for structure and NaN/Infinity only, and the verdict says so.
 */
export function runVisibleCases(payload: VisibleRunPayload, code: string): Verdict {
  const startedAt = performance.now();
  const invariant = payload.settings.mode === "invariant";
  // The shared relation detectors (×2, a flipped sign, a transpose, …) are self-contained, so Run names them too; an
  // exercise's own diagnosis needs the host and comes with Submit.
  const hooks: JudgeHooks = invariant ? { check: () => [] } : { diagnose: (ctx) => describeRelations(ctx) };
  const result = runLocally({
    code,
    exports: payload.exports,
    helpers: payload.helpers,
    ...(payload.driver ? { driver: payload.driver } : {}),
    calls: payload.cases.map((c) => ({ call: c.call, args: structuredClone(c.args) })),
    limits: payload.settings.limits,
  });
  const verdict = polishVerdict(judgeRun(payload.cases, result, payload.settings, hooks, { exerciseId: payload.exerciseId, contentHash: payload.contentHash, seed: 0 }, startedAt));
  if (invariant && verdict.status === "passed") {
    verdict.message = {
      en: "Shapes and values are finite; the properties (orthonormality, reconstruction, …) are checked when you submit.",
      ja: "形状と有限性は問題ありません。直交性や再構成などの性質は提出時に確認されます。",
    };
  }
  return verdict;
}
