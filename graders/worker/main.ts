/**
 * Entry of a grader child process. Bundled to .cache/grader-worker.cjs and started by the supervisor with
 * `node --no-node-snapshot --permission --allow-addons --allow-fs-read=<app dir>`: it may read the app
 * and load the isolated-vm addon, nothing else (no writes, no child processes, no workers).
 * Learner code runs only in isolates owned by this process; if one takes the process down, the supervisor
 * records a limit verdict and starts another.
 */
import { gradeJob } from "../grade";
import { sandboxDeadlineMs } from "../sandbox/budget";
import { closeSandbox, runInSandbox, sandboxWantsRetirement, warmSandbox } from "../sandbox/run";
import type { SandboxJob, SandboxResult } from "../sandbox/types";
import type { FromWorker, ToWorker } from "./protocol";

const marginMs = Number(process.env.ML_DOJO_DEADLINE_MARGIN_MS ?? "1000");

function send(msg: FromWorker): void {
  process.send?.(msg);
}

/** The runner handed to the judge: it tells the supervisor when learner code starts and stops running. */
function runnerFor(id: number): (job: SandboxJob) => Promise<SandboxResult> {
  return async (job) => {
    send({
      id,
      type: "phase",
      phase: "sandbox",
      deadlineMs: sandboxDeadlineMs(job.limits, job.calls.length, marginMs),
      memoryMb: job.limits.memoryMb,
      timeoutMs: job.limits.timeoutMs,
    });
    try {
      return await runInSandbox(job);
    } finally {
      send({ id, type: "phase", phase: "host" });
    }
  };
}

async function handle(msg: ToWorker): Promise<void> {
  try {
    const result = msg.type === "grade" ? await gradeJob(msg.job, runnerFor(msg.id)) : await runnerFor(msg.id)(msg.job);
    send({ id: msg.id, type: "result", result, retire: sandboxWantsRetirement() });
  } catch (error) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    send({ id: msg.id, type: "fault", message: message.slice(0, 2000), retire: sandboxWantsRetirement() });
  }
}

/** Jobs run one at a time, in order: the supervisor may send the next one before this one is answered. */
const inbox: ToWorker[] = [];
let pumping = false;

async function pump(): Promise<void> {
  if (pumping) return;
  pumping = true;
  while (inbox.length > 0) {
    await handle(inbox.shift()!);
    // A retiring child starts nothing more; the supervisor kills it and requeues what it had sent.
    if (sandboxWantsRetirement()) return;
  }
  pumping = false;
}

process.on("message", (msg: ToWorker) => {
  inbox.push(msg);
  void pump();
});
// The supervisor went away: nothing is left to grade for.
process.on("disconnect", () => {
  closeSandbox();
  process.exit(0);
});
process.on("unhandledRejection", (reason) => {
  // A promise of a disposed isolate may reject after its run was already answered; that is not a fault.
  process.stderr.write(`grader worker: unhandled rejection: ${String(reason)}\n`);
});

warmSandbox().then(
  () => send({ type: "ready" }),
  (error: unknown) => {
    process.stderr.write(`grader worker: could not start the sandbox: ${String(error)}\n`);
    process.exit(70);
  },
);
