import { defaultContentRoot } from "./exercise/catalog";
import { composeDiagnose } from "./feedback";
import { polishVerdict } from "./feedback/dedupe";
import { ExerciseLoadError, loadExercise, type LoadedExercise } from "./exercise/load";
import type { GradeJob } from "./grade-job";
import { platformErrorVerdict } from "./judge/assemble";
import { freshCopy } from "./judge/judge-case";
import { judgeRun, RunnerFault } from "./judge/judge-run";
import { ContentFault, judgeSettings, prepareCases } from "./judge/prepare";
import { MAX_CODE_BYTES, type SandboxJob, type SandboxResult } from "./sandbox/types";
import type { Verdict } from "./verdict";

/** Whatever runs learner code: the supervised isolate pool on the server, a forked child in the CLI. */
export type SandboxRunner = (job: SandboxJob) => Promise<SandboxResult>;

export interface GradeOptions {
  /** Root of the content tree; exercises/ of the working directory (or ML_DOJO_EXERCISES_DIR) by default. */
  contentRoot?: string;
  /** An already loaded exercise (the check command); skips the lookup by id. */
  exercise?: LoadedExercise;
}

/** Host paths never reach a learner: they are replaced by <content> and <server>. */
function scrub(message: string, root: string): string {
  return message.split(root).join("<content>").split(process.cwd()).join("<server>");
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Grades one submission: loads the exercise, builds the case list (visible; hidden cases from the seed for
 * "submit"), computes expected values in the host, runs every call in one sandbox job, and judges each outcome on
 * the copied-out values. Never throws: a platform fault becomes an ERROR verdict that says it is not the learner's.
 */
export async function gradeJob(job: GradeJob, runner: SandboxRunner, options: GradeOptions = {}): Promise<Verdict> {
  const startedAt = performance.now();
  const root = options.contentRoot ?? defaultContentRoot();
  const elapsed = () => Math.round(performance.now() - startedAt);
  let ex: LoadedExercise;
  try {
    ex = options.exercise ?? loadExercise(job.exerciseId, root);
  } catch (error) {
    const what = error instanceof ExerciseLoadError && error.reason === "unknown"
      ? `there is no exercise "${job.exerciseId}"`
      : `the exercise could not be loaded (${scrub(errorMessage(error), root)})`;
    return platformErrorVerdict({ exerciseId: job.exerciseId, contentHash: "", seed: job.seed }, what, elapsed());
  }
  const ids = { exerciseId: ex.id, contentHash: ex.contentHash, seed: job.seed };
  const fault = (what: string) => platformErrorVerdict(ids, scrub(what, root), elapsed());

  let cases;
  try {
    cases = prepareCases(ex, job.seed, job.scope);
  } catch (error) {
    return fault(error instanceof ContentFault ? error.message : `preparing the cases failed: ${errorMessage(error)}`);
  }
  if (cases.length === 0) return fault("the exercise has no cases");
  if (new TextEncoder().encode(job.code).length > MAX_CODE_BYTES) {
    const refused: SandboxResult = {
      stage: "compile",
      error: { message: `the code is larger than ${MAX_CODE_BYTES / 1024} KB; remove unused code` },
      console: { text: "", truncated: false },
      transpileMs: 0,
      runMs: 0,
    };
    return judgeRun(cases, refused, judgeSettings(ex), {}, ids, startedAt);
  }

  const sandboxJob: SandboxJob = {
    code: job.code,
    exports: ex.manifest.exports,
    helpers: ex.manifest.helpers,
    ...(ex.driverSource ? { driver: ex.driverSource } : {}),
    // Hidden cases run quiet: their console output could show their inputs.
    calls: cases.map((c) => ({ call: c.call, args: freshCopy(c.args), ...(c.visibility === "hidden" ? { quiet: true } : {}) })),
    limits: ex.manifest.limits,
  };
  let result: SandboxResult;
  try {
    result = await runner(sandboxJob);
  } catch (error) {
    return fault(`the sandbox failed: ${errorMessage(error)}`);
  }
  try {
    const diagnose = composeDiagnose(ex.manifest.mode, ex.cases);
    const hooks = {
      ...(ex.cases.check ? { check: ex.cases.check } : {}),
      ...(diagnose ? { diagnose } : {}),
      ...(ex.cases.diagnoseShape ? { diagnoseShape: ex.cases.diagnoseShape } : {}),
    };
    return polishVerdict(judgeRun(cases, result, judgeSettings(ex), hooks, ids, startedAt, job.code));
  } catch (error) {
    if (error instanceof RunnerFault) return fault(error.message);
    return fault(`a check of the exercise failed while judging: ${errorMessage(error)}`);
  }
}
