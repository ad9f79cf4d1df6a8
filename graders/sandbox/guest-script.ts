/**
 * The guest bundle (guest/entry.ts: linalg + guest runtime, as one IIFE script). It is built by
 * graders/supervisor/build-worker.ts and injected into the grader worker bundle as a constant, so the worker needs
 * no file access or process spawning to get it.
 */
declare const __ML_DOJO_GUEST_SCRIPT__: string | undefined;

export function guestScriptSource(): string {
  if (typeof __ML_DOJO_GUEST_SCRIPT__ === "string") return __ML_DOJO_GUEST_SCRIPT__;
  throw new Error(
    "The sandbox runs only inside a grader worker bundled by graders/supervisor/build-worker.ts (the guest script is injected there). " +
      "Use createGraderPool() from graders/supervisor instead of calling runInSandbox directly.",
  );
}
