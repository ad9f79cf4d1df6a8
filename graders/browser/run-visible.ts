import { polishVerdict } from "../feedback/dedupe";
import { composeDiagnose } from "../feedback/index";
import { judgeRun } from "../judge/judge-run";
import type { JudgeHooks } from "../judge/types";
import type { Verdict } from "../verdict";
import { loadRunDiagnosis } from "./diagnosis-module";
import { runLocally } from "./local-runner";
import type { VisibleRunPayload } from "./protocol";

/**
 * The browser's instant run: the learner's code in this realm (a Web Worker), the visible cases, the same judge as
 * the server, with the exercise's own diagnoses and property checks from the payload's bundle. Never a grade. Without
 * a bundle, invariant outputs are checked for structure and NaN/Infinity only, and the verdict says so.
 */
export function runVisibleCases(payload: VisibleRunPayload, code: string): Verdict {
  const startedAt = performance.now();
  const invariant = payload.settings.mode === "invariant";
  // The same composition as Submit (graders/grade.ts): the exercise's diagnose and hintsWhen, shipped in the payload
  // as a bundle, then the shared relation detectors (×2, a flipped sign, a transpose, …).
  const own = payload.diagnosis ? loadRunDiagnosis(payload.diagnosis) : undefined;
  const diagnose = composeDiagnose(payload.settings.mode, own ?? { visible: [], hidden: [] });
  // Without the exercise's check (no bundle), invariant outputs are checked for structure and NaN/Infinity only.
  const check = own?.check ?? (invariant ? () => [] : undefined);
  const hooks: JudgeHooks = { ...(check ? { check } : {}), ...(diagnose ? { diagnose } : {}), ...(own?.diagnoseShape ? { diagnoseShape: own.diagnoseShape } : {}) };
  const result = runLocally({
    code,
    exports: payload.exports,
    helpers: payload.helpers,
    ...(payload.driver ? { driver: payload.driver } : {}),
    calls: payload.cases.map((c) => ({ call: c.call, args: structuredClone(c.args) })),
    limits: payload.settings.limits,
  });
  const verdict = polishVerdict(judgeRun(payload.cases, result, payload.settings, hooks, { exerciseId: payload.exerciseId, contentHash: payload.contentHash, seed: 0 }, startedAt, code));
  if (invariant && !own?.check && verdict.status === "passed") {
    verdict.message = {
      en: "Shapes and values are finite; the properties (orthonormality, reconstruction, …) are checked when you submit.",
      ja: "形状と有限性は問題ありません。直交性や再構成などの性質は提出時に確認されます。",
    };
  }
  return verdict;
}
