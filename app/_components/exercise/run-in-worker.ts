import type { VisibleRunPayload, WorkerRequest, WorkerResponse } from "../../../graders/browser/protocol";
import type { Verdict } from "../../../graders/verdict";

export type RunOutcome = { ok: true; verdict: Verdict } | { ok: false; reason: "timeout" | "failed"; message?: string };

let worker: Worker | undefined;
let nextId = 1;

function startWorker(): Worker {
  // The graders' browser entry, bundled by Next.js as a separate worker chunk.
  return new Worker(new URL("../../../graders/browser/worker.ts", import.meta.url), { type: "module" });
}

/**
 * The instant Run: the visible cases, judged in a Web Worker with the same judge as the server. A run past the
 * time budget terminates the worker (code in one realm cannot be interrupted from inside) and a fresh one is used
 * next time. Never a grade.
 */
export function runInWorker(payload: VisibleRunPayload, code: string): Promise<RunOutcome> {
  const budgetMs = payload.settings.limits.timeoutMs * Math.max(1, payload.cases.length) + 2_000;
  return new Promise((resolve) => {
    let w: Worker;
    try {
      w = worker ??= startWorker();
    } catch (error) {
      resolve({ ok: false, reason: "failed", message: error instanceof Error ? error.message : String(error) });
      return;
    }
    const id = nextId++;
    const done = (outcome: RunOutcome) => {
      clearTimeout(timer);
      w.removeEventListener("message", onMessage);
      w.removeEventListener("error", onError);
      resolve(outcome);
    };
    const kill = () => {
      w.terminate();
      if (worker === w) worker = undefined;
    };
    const timer = setTimeout(() => {
      kill();
      done({ ok: false, reason: "timeout" });
    }, budgetMs);
    const onMessage = (event: MessageEvent<WorkerResponse>) => {
      if (event.data.id !== id) return;
      done(event.data.ok ? { ok: true, verdict: event.data.verdict } : { ok: false, reason: "failed", message: event.data.message });
    };
    const onError = (event: ErrorEvent) => {
      kill();
      done({ ok: false, reason: "failed", message: event.message });
    };
    w.addEventListener("message", onMessage);
    w.addEventListener("error", onError);
    const request: WorkerRequest = { id, payload, code };
    w.postMessage(request);
  });
}
