/**
 * Web Worker entry of the instant "Run". The page posts a WorkerRequest and terminates the worker when
 * settings.limits.timeoutMs passes without an answer (code in this realm cannot be interrupted from inside).
 * Not a security boundary: grades come only from the server's sandbox.
 */
import { runVisibleCases } from "./run-visible";
import type { WorkerRequest, WorkerResponse } from "./protocol";

export function handleWorkerRequest(req: WorkerRequest): WorkerResponse {
  try {
    return { id: req.id, ok: true, verdict: runVisibleCases(req.payload, req.code) };
  } catch (error) {
    return { id: req.id, ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

interface WorkerScope {
  onmessage: ((event: { data: WorkerRequest }) => void) | null;
  postMessage(message: WorkerResponse): void;
}

// In a worker, globalThis is the DedicatedWorkerGlobalScope; the project's lib settings do not include "webworker".
const scope = globalThis as unknown as WorkerScope;
if (typeof scope.postMessage === "function" && typeof (globalThis as { document?: unknown }).document === "undefined") {
  scope.onmessage = (event) => scope.postMessage(handleWorkerRequest(event.data));
}
