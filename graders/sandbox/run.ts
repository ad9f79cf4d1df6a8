import { performance } from "node:perf_hooks";
import { HOST_TIMER_MARGIN_MS, runBudgetMs } from "./budget";
import type { GuestError, GuestReply, GuestRequest } from "./guest/protocol";
import { guestScriptSource } from "./guest-script";
import { IsolatePool, type PreparedContext } from "./isolate-pool";
import { memoryMessage, notRunMessage, timeoutMessage } from "./messages";
import { transpileLearnerCode, type TranspileResult } from "./transpile";
import {
  MAX_CONSOLE_CHARS,
  MAX_OUTPUT_ELEMENTS,
  type CallOutcome,
  type RunError,
  type RunErrorKind,
  type SandboxConsole,
  type SandboxJob,
  type SandboxResult,
} from "./types";

/**
 * Runs a learner's module against a list of calls in a fresh context of a pooled isolate.
 * Only inside a grader child process (graders/worker): a memory bomb can take the whole process down with it.
 */
let pool: IsolatePool | undefined;

/**
 * Set when a run left V8 in a state this process should not be trusted with: isolated-vm could not stop the code
 * (a builtin such as Array.prototype.fill or String.prototype.split runs in C++ without checking for termination and
 * may still end the process minutes later), or an isolate hit its memory limit. The worker then asks to be replaced.
 */
let retireProcess = false;

export function sandboxWantsRetirement(): boolean {
  return retireProcess;
}

function getPool(): IsolatePool {
  pool ??= new IsolatePool({ guestScript: guestScriptSource() });
  return pool;
}

/** Creates the warm isolates before the first job (the worker calls this at start-up). */
export async function warmSandbox(): Promise<void> {
  // The first sucrase transform in a process costs tens of milliseconds; pay it before the first learner does.
  transpileLearnerCode("export function warm(z: number[]): number[] {\n  return z.map((x) => x * 2);\n}\n", []);
  await getPool().warmUp();
}

export function closeSandbox(): void {
  pool?.close();
  pool = undefined;
}

const RUN_ERROR_KINDS: readonly RunErrorKind[] = ["throw", "timeout", "memory", "missing-export", "bad-output", "output-too-large"];

type GuestOutcome = { ok: true; value: unknown } | { ok: false; error: RunError; fatal: boolean };

/** The reply is untrusted: it was built in a context the learner's code ran in. Only known shapes pass. */
function readReply(reply: unknown, transpiled: Extract<TranspileResult, { ok: true }>): GuestOutcome {
  if (typeof reply === "object" && reply !== null && (reply as GuestReply).ok === true) {
    return { ok: true, value: (reply as { value?: unknown }).value };
  }
  const error = (reply as { error?: Partial<GuestError> } | null)?.error;
  if (typeof reply === "object" && reply !== null && (reply as GuestReply).ok === false && error && typeof error === "object") {
    const kind = RUN_ERROR_KINDS.includes(error.kind as RunErrorKind) ? (error.kind as RunErrorKind) : "throw";
    const message = typeof error.message === "string" ? error.message.slice(0, 2000) : "the code failed";
    const runError: RunError = { kind, message };
    if (typeof error.jsLine === "number" && Number.isInteger(error.jsLine) && error.jsLine >= 1) {
      const column = typeof error.jsColumn === "number" && Number.isInteger(error.jsColumn) && error.jsColumn >= 1 ? error.jsColumn : undefined;
      runError.position = transpiled.toSource(error.jsLine, column);
    }
    return { ok: false, error: runError, fatal: false };
  }
  return { ok: false, error: { kind: "bad-output", message: "the sandbox returned an unreadable reply" }, fatal: false };
}

function isMemoryFailure(message: string): boolean {
  return /memory limit|out of memory|allocation failed|Array buffer allocation/i.test(message);
}

/** One request to the guest, limited by isolated-vm's timeout AND a host timer (a promise can outlive the former). */
async function ask(
  prepared: PreparedContext,
  req: GuestRequest,
  timeoutMs: number,
  limits: SandboxJob["limits"],
  transpiled: Extract<TranspileResult, { ok: true }>,
): Promise<GuestOutcome> {
  let timer: NodeJS.Timeout | undefined;
  const hostTimer = new Promise<"host-timeout">((resolve) => {
    timer = setTimeout(() => resolve("host-timeout"), timeoutMs + HOST_TIMER_MARGIN_MS);
  });
  const run = prepared.dispatch
    .apply(undefined, [req], { arguments: { copy: true }, result: { copy: true }, timeout: Math.max(1, Math.round(timeoutMs)) })
    .then(
      (value) => ({ value }) as const,
      (error: unknown) => ({ error }) as const,
    );
  try {
    const r = await Promise.race([run, hostTimer]);
    if (r === "host-timeout") {
      // isolated-vm did not stop it; disposing the isolate terminates whatever it is doing.
      retireProcess = true;
      prepared.warm.isolate.dispose();
      return { ok: false, error: { kind: "timeout", message: timeoutMessage(limits.timeoutMs) }, fatal: true };
    }
    if ("error" in r) {
      const message = r.error instanceof Error ? r.error.message : String(r.error);
      if (/timed out/i.test(message)) return { ok: false, error: { kind: "timeout", message: timeoutMessage(limits.timeoutMs) }, fatal: false };
      if (isMemoryFailure(message) || prepared.warm.isolate.isDisposed) {
        retireProcess = true;
        return { ok: false, error: { kind: "memory", message: memoryMessage(limits.memoryMb) }, fatal: true };
      }
      throw r.error;
    }
    return readReply(r.value, transpiled);
  } finally {
    clearTimeout(timer);
  }
}

const EMPTY_CONSOLE: SandboxConsole = { text: "", truncated: false };

async function readConsole(prepared: PreparedContext, limits: SandboxJob["limits"], transpiled: Extract<TranspileResult, { ok: true }>): Promise<SandboxConsole> {
  if (prepared.warm.isolate.isDisposed) return EMPTY_CONSOLE;
  try {
    const out = await ask(prepared, { op: "console" }, 1_000, limits, transpiled);
    const v = out.ok ? (out.value as Partial<SandboxConsole> | undefined) : undefined;
    if (v && typeof v.text === "string") {
      const truncated = v.truncated === true || v.text.length > MAX_CONSOLE_CHARS;
      return { text: v.text.slice(0, MAX_CONSOLE_CHARS), truncated };
    }
  } catch {
    // the console is a courtesy; a run never fails because of it
  }
  return EMPTY_CONSOLE;
}

export async function runInSandbox(job: SandboxJob): Promise<SandboxResult> {
  const transpiled = transpileLearnerCode(job.code, job.helpers);
  const transpileMs = transpiled.ms;
  if (!transpiled.ok) return { stage: "compile", error: transpiled.error, console: EMPTY_CONSOLE, transpileMs, runMs: 0 };

  const p = getPool();
  const prepared = await p.acquire(job.limits.memoryMb);
  const t0 = performance.now();
  let dirty = false;
  const deadline = t0 + runBudgetMs(job.limits, job.calls.length);
  const remaining = (): number => Math.min(job.limits.timeoutMs, Math.max(1, deadline - performance.now()));
  try {
    const setup = await ask(
      prepared,
      { op: "setup", helpers: job.helpers, exports: job.exports, driver: job.driver, maxConsoleChars: MAX_CONSOLE_CHARS, maxOutputElements: MAX_OUTPUT_ELEMENTS },
      10_000,
      job.limits,
      transpiled,
    );
    if (!setup.ok) throw new Error(`The sandbox could not be set up: ${setup.error.message}`);

    const loaded = await ask(prepared, { op: "load", js: transpiled.js }, remaining(), job.limits, transpiled);
    if (!loaded.ok) {
      dirty = true;
      const console = await readConsole(prepared, job.limits, transpiled);
      return { stage: "load", error: loaded.error, console, transpileMs, runMs: performance.now() - t0 };
    }

    const calls: CallOutcome[] = [];
    let stopped: RunError | undefined;
    for (const c of job.calls) {
      if (stopped) {
        calls.push({ ok: false, error: stopped, ms: 0 });
        continue;
      }
      const budgetLeft = deadline - performance.now();
      if (budgetLeft <= 0) {
        stopped = { kind: "timeout", message: notRunMessage("timeout", job.limits) };
        calls.push({ ok: false, error: stopped, ms: 0 });
        continue;
      }
      const c0 = performance.now();
      const out = await ask(prepared, { op: "call", call: c.call, args: c.args }, remaining(), job.limits, transpiled);
      const ms = performance.now() - c0;
      if (out.ok) {
        calls.push({ ok: true, value: out.value, ms });
        continue;
      }
      dirty = true;
      calls.push({ ok: false, error: out.error, ms });
      // After a time or memory limit the isolate's state is suspect (or gone): the remaining cases are not run.
      if (out.error.kind === "timeout" || out.error.kind === "memory") stopped = { kind: out.error.kind, message: notRunMessage(out.error.kind, job.limits) };
    }
    const console = await readConsole(prepared, job.limits, transpiled);
    return { stage: "ran", calls, console, transpileMs, runMs: performance.now() - t0 };
  } catch (error) {
    dirty = true;
    throw error;
  } finally {
    p.release(prepared, dirty);
  }
}
