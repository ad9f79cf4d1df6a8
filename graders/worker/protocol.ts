import type { GradeJob } from "../grade-job";
import type { SandboxJob, SandboxResult } from "../sandbox/types";
import type { Verdict } from "../verdict";

/** Messages between the supervisor (parent) and a grader child, sent over IPC with structured clone ("advanced"). */
export type ToWorker =
  | { id: number; type: "grade"; job: GradeJob }
  | { id: number; type: "sandbox"; job: SandboxJob };

export type FromWorker =
  /** The child loaded isolated-vm and warmed its isolates; it may now get jobs. */
  | { type: "ready" }
  /**
   * Learner code is about to run ("sandbox", with the deadline of that run) or has finished running ("host": the
   * judge is comparing in the host). A child killed in the "sandbox" phase failed the learner's limits; killed in
   * any other phase, it is a platform fault.
   */
  | { id: number; type: "phase"; phase: "sandbox"; deadlineMs: number; memoryMb: number; timeoutMs: number }
  | { id: number; type: "phase"; phase: "host" }
  /** `retire`: this child should not get another job (see sandboxWantsRetirement); the supervisor replaces it. */
  | { id: number; type: "result"; result: Verdict | SandboxResult; retire: boolean }
  /** The platform failed (the judge threw, the exercise did not load). Never the learner's fault. */
  | { id: number; type: "fault"; message: string; retire: boolean };
