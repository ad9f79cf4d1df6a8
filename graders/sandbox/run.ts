import { performance } from "node:perf_hooks";
import { HOST_TIMER_MARGIN_MS, runBudgetMs } from "./budget";
import { PACKED_KEY, type GuestBatch, type GuestError, type GuestReply, type GuestRequest } from "./guest/protocol";
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
 *
 * Calls go across the isolate boundary in batches (one hop for many calls: each hop costs a thread switch, which on a
 * busy 2-core machine is most of a small submission's time). The guest starts another call of a batch only while
 * less than BATCH_SLICE_MS has passed, and the batch's time limit is the per-call limit plus that slice, so a batch
 * that runs out of time was spending more than the per-call limit in its last call: per-call limits stay exact.
 */
let pool: IsolatePool | undefined;

/**
 * Set when a run left V8 in a state this process should not be trusted with: isolated-vm could not stop the code
 * (a builtin such as Array.prototype.fill or String.prototype.split runs in C++ without checking for termination and
 * may still end the process later), or an isolate hit its memory limit. The worker then asks to be replaced.
 */
let retireProcess = false;

const BATCH_SLICE_MS = 200;
const PROGRESS_TIMEOUT_MS = 1_000;

export function sandboxWantsRetirement(): boolean {
  return retireProcess;
}

function getPool(): IsolatePool {
  // ML_DOJO_ISOLATE_MAX_USES=1 gives every submission a fresh isolate (bench:grader measures what that costs).
  const maxUses = Number(process.env.ML_DOJO_ISOLATE_MAX_USES) || undefined;
  pool ??= new IsolatePool({ guestScript: guestScriptSource(), ...(maxUses ? { maxUses } : {}) });
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

type Transpiled = Extract<TranspileResult, { ok: true }>;
type Outcome = { ok: true; value: unknown } | { ok: false; error: RunError };
/**
 * What one hop produced: a reply, the limit that stopped it, or an error that surfaced at the hop's end outside the
 * guest's own try/catch (a promise rejected with no handler, a dynamic import()): the learner's code caused it.
 */
type Hop = { ok: true; value: unknown } | { ok: false; limit: "timeout" | "memory" } | { ok: false; limit: "error"; error: RunError };

/** An error isolated-vm raised for the hop itself, in the learner's terms. */
function escapedError(message: string): RunError {
  if (/^Not supported$/i.test(message.trim())) {
    return {
      kind: "throw",
      message: 'import() is not available: a solution may import only from "linalg", with an import statement at the top of the file',
    };
  }
  return {
    kind: "throw",
    message: `an error escaped your code, usually a promise rejected with nothing to catch it (from an async function or import()): ${message.slice(0, 500)}`,
  };
}

const EMPTY_CONSOLE: SandboxConsole = { text: "", truncated: false };

/** A guest reply is untrusted: it was built in a context the learner's code ran in. Only known shapes pass. */
function readReply(reply: unknown, transpiled: Transpiled): Outcome {
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
    return { ok: false, error: runError };
  }
  return { ok: false, error: { kind: "bad-output", message: "the sandbox returned an unreadable reply" } };
}

function readBatch(value: unknown): { loaded: unknown; replies: (unknown & { ms?: unknown })[]; console: SandboxConsole } {
  const v = value as Partial<GuestBatch> | undefined;
  const replies = Array.isArray(v?.replies) ? (v.replies as (unknown & { ms?: unknown })[]) : [];
  const c = v?.console as Partial<SandboxConsole> | undefined;
  const console =
    c && typeof c.text === "string"
      ? { text: c.text.slice(0, MAX_CONSOLE_CHARS), truncated: c.truncated === true || c.text.length > MAX_CONSOLE_CHARS }
      : EMPTY_CONSOLE;
  return { loaded: v?.loaded ?? null, replies, console };
}

/** Arrays of numbers become Float64Arrays for the trip in (see PACKED_KEY); the inputs are not modified. */
function pack(v: unknown, depth = 0): unknown {
  if (typeof v !== "object" || v === null || depth > 64 || ArrayBuffer.isView(v)) return v;
  if (Array.isArray(v)) {
    if (v.length > 0 && v.every((x) => typeof x === "number")) return Float64Array.from(v as number[]);
    return v.map((x) => pack(x, depth + 1));
  }
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) Object.defineProperty(out, k, { value: pack(x, depth + 1), enumerable: true, writable: true, configurable: true });
  return out;
}

/** The reverse for results: `{ [PACKED_KEY]: Float64Array }` becomes a number[] again; everything else is kept. */
function unpack(v: unknown, depth = 0): unknown {
  if (typeof v !== "object" || v === null || depth > 64 || ArrayBuffer.isView(v)) return v;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) v[i] = unpack(v[i], depth + 1);
    return v;
  }
  const keys = Object.keys(v);
  if (keys.length === 1 && keys[0] === PACKED_KEY) {
    const packed = (v as Record<string, unknown>)[PACKED_KEY];
    if (packed instanceof Float64Array) return Array.from(packed);
  }
  for (const k of keys) {
    Object.defineProperty(v, k, { value: unpack((v as Record<string, unknown>)[k], depth + 1), enumerable: true, writable: true, configurable: true });
  }
  return v;
}

function isMemoryFailure(message: string): boolean {
  return /memory limit|out of memory|allocation failed|Array buffer allocation/i.test(message);
}

/** One hop to the guest, limited by isolated-vm's timeout AND a host timer (a promise can outlive the former). */
async function ask(prepared: PreparedContext, req: GuestRequest, timeoutMs: number): Promise<Hop> {
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
      // isolated-vm did not stop it; disposing the isolate terminates whatever it is doing. An isolate that is
      // already gone was disposed by its memory limit while the promise stayed pending (seen with isolated-vm 7).
      retireProcess = true;
      if (prepared.warm.isolate.isDisposed) return { ok: false, limit: "memory" };
      try {
        prepared.warm.isolate.dispose();
      } catch {
        return { ok: false, limit: "memory" }; // disposed between the check and here
      }
      return { ok: false, limit: "timeout" };
    }
    if ("error" in r) {
      const message = r.error instanceof Error ? r.error.message : String(r.error);
      if (/timed out/i.test(message)) return { ok: false, limit: "timeout" };
      if (isMemoryFailure(message) || prepared.warm.isolate.isDisposed) {
        retireProcess = true;
        return { ok: false, limit: "memory" };
      }
      // The guest answers every request with a value (its dispatcher catches everything), so an error here came
      // from what the learner's code left behind: it is theirs, never a platform fault.
      return { ok: false, limit: "error", error: escapedError(message) };
    }
    return { ok: true, value: r.value };
  } finally {
    clearTimeout(timer);
  }
}

function limitError(limit: "timeout" | "memory", limits: SandboxJob["limits"]): RunError {
  return limit === "timeout"
    ? { kind: "timeout", message: timeoutMessage(limits.timeoutMs) }
    : { kind: "memory", message: memoryMessage(limits.memoryMb) };
}

/** What the last batch finished (and the console so far), when the context survived the limit that stopped it. */
async function progressOf(prepared: PreparedContext, transpiled: Transpiled): Promise<ReturnType<typeof readBatch> | undefined> {
  if (prepared.warm.isolate.isDisposed) return undefined;
  const hop = await ask(prepared, { op: "progress" }, PROGRESS_TIMEOUT_MS).catch(() => undefined);
  if (!hop?.ok) return undefined;
  const reply = readReply(hop.value, transpiled);
  return reply.ok ? readBatch(reply.value) : undefined;
}

type Attempt = SandboxResult | { retryOneByOne: true };

/** One attempt at the whole run on one fresh context; `sliceMs` 0 means one call per hop. */
async function attempt(job: SandboxJob, transpiled: Transpiled, prepared: PreparedContext, sliceMs: number, deadline: number): Promise<Attempt> {
  const t0 = performance.now();
  const { limits } = job;
  const left = (): number => deadline - performance.now();
  const calls: CallOutcome[] = [];
  let console = EMPTY_CONSOLE;
  let stopped: RunError | undefined;

  /** Takes a batch's finished calls; false once one went past its time limit (even if it finished). */
  const take = (batch: ReturnType<typeof readBatch>): boolean => {
    console = batch.console;
    for (const reply of batch.replies) {
      const ms = typeof reply?.ms === "number" && Number.isFinite(reply.ms) ? reply.ms : 0;
      if (ms > limits.timeoutMs) {
        calls.push({ ok: false, error: limitError("timeout", limits), ms });
        return false;
      }
      const out = readReply(reply, transpiled);
      calls.push(out.ok ? { ok: true, value: unpack(out.value), ms } : { ok: false, error: out.error, ms });
    }
    return true;
  };
  const loadFailed = (error: RunError): SandboxResult => ({ stage: "load", error, console, transpileMs: transpiled.ms, runMs: performance.now() - t0 });

  // Hop 1 loads the module. Its end drains the microtasks the top level queued (isolated-vm runs them before it
  // returns), so calls see the module as settled, as they would in any runtime; an endless chain is a load timeout.
  const loadHop = await ask(
    prepared,
    {
      op: "run",
      helpers: job.helpers,
      exports: job.exports,
      ...(job.driver ? { driver: job.driver } : {}),
      maxConsoleChars: MAX_CONSOLE_CHARS,
      maxOutputElements: MAX_OUTPUT_ELEMENTS,
      js: transpiled.js,
      calls: [],
      sliceMs,
    },
    Math.min(limits.timeoutMs, left()),
  );
  if (!loadHop.ok) {
    if (loadHop.limit === "memory") return loadFailed(limitError("memory", limits));
    if (loadHop.limit === "error") return loadFailed(loadHop.error);
    console = (await progressOf(prepared, transpiled))?.console ?? console;
    return loadFailed(limitError("timeout", limits));
  }
  const loadReply = readReply(loadHop.value, transpiled);
  if (!loadReply.ok) return loadFailed(loadReply.error);
  const loadBatch = readBatch(loadReply.value);
  console = loadBatch.console;
  const loaded = loadBatch.loaded === null ? undefined : readReply(loadBatch.loaded, transpiled);
  if (!loaded?.ok) return loadFailed(loaded ? loaded.error : { kind: "throw", message: "the module did not finish loading" });

  const packed = job.calls.map((c) => ({ call: c.call, args: pack(c.args) as unknown[], ...(c.quiet ? { quiet: true } : {}) }));
  while (!stopped && calls.length < job.calls.length) {
    const budget = left();
    if (budget <= 0) {
      stopped = limitError("timeout", limits);
      break;
    }
    const done = calls.length;
    const h0 = performance.now();
    const hop = await ask(prepared, { op: "calls", calls: packed.slice(done), sliceMs }, Math.min(limits.timeoutMs + sliceMs, budget));
    let batch: ReturnType<typeof readBatch> | undefined;
    if (hop.ok) {
      const reply = readReply(hop.value, transpiled);
      if (!reply.ok) {
        // The learner broke the guest's batch loop itself (a tampered builtin): the next call gets the error.
        calls.push({ ok: false, error: reply.error, ms: performance.now() - h0 });
        continue;
      }
      batch = readBatch(reply.value);
    } else if (hop.limit === "error") {
      // Which call left the error behind is known only one call per hop.
      if (sliceMs > 0) return { retryOneByOne: true };
      batch = (await progressOf(prepared, transpiled)) ?? { loaded: null, replies: [], console };
      take(batch);
      const failed: CallOutcome = { ok: false, error: hop.error, ms: performance.now() - h0 };
      if (calls.length > done) calls[calls.length - 1] = { ...failed, ms: calls[calls.length - 1]!.ms };
      else calls.push(failed);
      continue;
    } else if (hop.limit === "memory") {
      // The isolate is gone, and with it what this hop had finished: run again, one call per hop, to say which case.
      if (sliceMs > 0) return { retryOneByOne: true };
      calls.push({ ok: false, error: limitError("memory", limits), ms: performance.now() - h0 });
      stopped = limitError("memory", limits);
      break;
    } else {
      // A timeout: what the hop finished is kept; the call after it is the one that ran out of time.
      batch = (await progressOf(prepared, transpiled)) ?? { loaded: null, replies: [], console };
    }
    if (!take(batch)) {
      stopped = limitError("timeout", limits);
      break;
    }
    if (!hop.ok) {
      calls.push({ ok: false, error: limitError("timeout", limits), ms: performance.now() - h0 });
      stopped = limitError("timeout", limits);
      break;
    }
    if (calls.length === done) throw new Error("the guest ran no call of a batch");
    // One call in the hop: the host's clock is finer than the guest's Date.now().
    if (calls.length === done + 1) calls[done]!.ms = performance.now() - h0;
  }
  if (stopped) {
    // After a time or memory limit the isolate's state is suspect (or gone): the remaining cases are not run.
    const notRun: RunError = { kind: stopped.kind, message: notRunMessage(stopped.kind as "timeout" | "memory", limits) };
    while (calls.length < job.calls.length) calls.push({ ok: false, error: notRun, ms: 0 });
  }
  return { stage: "ran", calls: calls.slice(0, job.calls.length), console, transpileMs: transpiled.ms, runMs: performance.now() - t0 };
}

export async function runInSandbox(job: SandboxJob): Promise<SandboxResult> {
  const transpiled = transpileLearnerCode(job.code, job.helpers);
  if (!transpiled.ok) return { stage: "compile", error: transpiled.error, console: EMPTY_CONSOLE, transpileMs: transpiled.ms, runMs: 0 };

  const p = getPool();
  // One budget for the whole run, a retry included: the supervisor's deadline is derived from the same budget.
  const deadline = performance.now() + runBudgetMs(job.limits, job.calls.length);
  for (const sliceMs of [BATCH_SLICE_MS, 0]) {
    const prepared = await p.acquire(job.limits.memoryMb);
    let clean = false;
    try {
      const result = await attempt(job, transpiled, prepared, sliceMs, deadline);
      if ("retryOneByOne" in result) continue;
      clean = result.stage === "ran" && result.calls.every((c) => c.ok);
      return result;
    } finally {
      // Any error in a run retires its isolate: nothing a failing submission did to it survives.
      p.release(prepared, !clean);
    }
  }
  throw new Error("unreachable: the one-call-per-hop attempt always returns");
}
