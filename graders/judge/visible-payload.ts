import { diagnosisBundle } from "../browser/diagnosis-bundle";
import type { VisibleRunPayload } from "../browser/protocol";
import type { LoadedExercise } from "../exercise/load";
import { judgeSettings, prepareCases } from "./prepare";

/** Built on the server: the visible cases with expected values computed there, for the browser's instant run. */
export function visibleRunPayload(ex: LoadedExercise): VisibleRunPayload {
  const diagnosis = diagnosisBundle(ex);
  return {
    exerciseId: ex.id,
    contentHash: ex.contentHash,
    exports: ex.manifest.exports,
    helpers: ex.manifest.helpers,
    ...(ex.driverSource ? { driver: ex.driverSource } : {}),
    ...(diagnosis ? { diagnosis } : {}),
    settings: judgeSettings(ex),
    cases: prepareCases(ex, 0, "run"),
  };
}
