import { fork, type ChildProcess } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { z } from "zod";
import { hashFolder } from "../exercise/catalog";
import { findExerciseDir } from "../exercise/load";
import type { GradeJob } from "../grade-job";
import { platformErrorVerdict } from "../judge/assemble";
import { sandboxDeadlineMs } from "../sandbox/budget";
import type { SandboxJob, SandboxResult } from "../sandbox/types";
import type { Verdict } from "../verdict";
import type { FromWorker, ToWorker } from "../worker/protocol";
import { ensureWorkerBundle } from "./build-worker";
import { limitSandboxResult, limitVerdict, type LimitInfo } from "./limit-verdict";
import { graderProcessOf, planOsSandbox, residentMb, type OsSandboxMode, type OsSandboxPlan } from "./os-sandbox";

/**
 * A pool of grader child processes. Learner code never runs in this process: each child owns its isolates, and a
 * child that misses a job's deadline is SIGKILLed, one that dies is replaced, and the learner gets a "limit
 * exceeded" verdict. Jobs wait in a queue until a child is free, so a killed child loses no other submission.
 */
export interface GraderPoolOptions {
  /** Number of grader children; the number of cores by default. */
  size?: number;
  /** Added to every deadline: process start-up jitter, IPC, the judge's own work. */
  deadlineMarginMs?: number;
  /**
   * Longest a grade job may spend outside learner code (loading the exercise, generating cases, computing expected
   * values, gradient checks) before the child is presumed stuck; that is a platform fault, not the learner's.
   */
  hostCeilingMs?: number;
  /** The app directory: the child may read only here (and the content root). process.cwd() by default. */
  appDir?: string;
  /** Root of exercises/, passed to the children; ML_DOJO_EXERCISES_DIR or <appDir>/exercises by default. */
  exercisesDir?: string;
  /**
   * A hard cap on the deadline of any run of learner code, whatever its limits say (by default none: the deadline is
   * derived from the job's limits). Operators may use it to bound how long one submission can hold a grader.
   */
  maxRunMs?: number;
  /** Jobs allowed to wait; beyond it grade() answers at once with an ERROR verdict ("the graders are busy"). */
  maxQueue?: number;
  /** Called with a child's stderr lines and lifecycle events; console.error by default. */
  log?: (line: string) => void;
  /**
   * Ceiling on one grader child's resident memory (MB), checked every RSS_POLL_MS from /proc: a child over it is
   * killed and replaced, and a run of learner code in it gets "memory limit exceeded". ML_DOJO_GRADER_RSS_MB or
   * DEFAULT_RSS_CEILING_MB by default.
   */
  rssCeilingMb?: number;
  /** The OS sandbox (bubblewrap) around each child; ML_DOJO_OS_SANDBOX or "auto" (use it when it works here). */
  osSandbox?: OsSandboxMode;
  /** Submissions per warm isolate before it is replaced (50 by default; 1 = a fresh isolate per submission). */
  isolateMaxUses?: number;
}

/**
 * A child at rest holds ~70 MB (node, isolated-vm, two warm 64 MB isolates mostly empty); a run adds its isolate's
 * heap (≤ memoryMb, 64 MB for every exercise today) and the judge's copies. 512 MB leaves room for that and for an
 * exercise with a few hundred MB, and bounds what 2 children can take from the host to about 1 GB.
 */
export const DEFAULT_RSS_CEILING_MB = 512;
/**
 * The watchdog polls every RSS_POLL_MS and kills at the ceiling minus RSS_MARGIN_MB, so that a child growing as fast
 * as V8 can allocate (a few hundred MB/s) is stopped before it reaches the ceiling itself.
 */
const RSS_POLL_MS = 25;
const RSS_MARGIN_MB = 64;

export interface GraderPoolStats {
  size: number;
  ready: number;
  busy: number;
  queued: number;
  /** Children started since the pool was created, including replacements. */
  spawned: number;
  /** Children killed or lost while running a job. */
  killed: number;
  /** Children replaced after a job because V8 was left in a state not worth trusting (see sandboxWantsRetirement). */
  recycled: number;
  /** Children killed because their resident memory went over the ceiling. */
  overMemory: number;
  /** Whether the children run inside the OS sandbox (bubblewrap). */
  osSandboxed: boolean;
}

export interface GraderPool {
  grade(job: GradeJob): Promise<Verdict>;
  runSandbox(job: SandboxJob): Promise<SandboxResult>;
  /** Resolves once every child has started and warmed its isolates. */
  ready(): Promise<void>;
  stats(): GraderPoolStats;
  /** Process ids of the live grader children (tests read their /proc entries: memory, namespaces, uid). */
  pids(): number[];
  close(): Promise<void>;
}

const gradeJobSchema = z
  .object({
    exerciseId: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "an exercise id is lowercase words joined by hyphens"),
    // The sandbox refuses code over MAX_CODE_BYTES with a message; this only protects the IPC channel.
    code: z.string().max(8 * 1024 * 1024),
    seed: z.number().int().min(0).max(2 ** 32 - 1),
    scope: z.enum(["submit", "run"]),
  })
  .strict();

const sandboxJobSchema = z.object({
  code: z.string().max(8 * 1024 * 1024),
  exports: z.array(z.string()).min(1),
  helpers: z.array(z.string()),
  driver: z.string().optional(),
  calls: z.array(z.object({ call: z.string(), args: z.array(z.unknown()), quiet: z.boolean().optional() })),
  limits: z.object({ timeoutMs: z.number().int().positive().max(60_000), memoryMb: z.number().int().min(8).max(4096) }),
});

type Task =
  | { id: number; kind: "grade"; job: GradeJob; resolve: (v: Verdict) => void; requeued?: boolean }
  | { id: number; kind: "sandbox"; job: SandboxJob; resolve: (v: SandboxResult) => void; reject: (e: Error) => void; requeued?: boolean };

interface Running {
  task: Task;
  startedAt: number;
  phase: "host" | "sandbox";
  timer: NodeJS.Timeout;
  limit: Omit<LimitInfo, "limit">;
}

interface Slot {
  child: ChildProcess;
  /** The node process running the worker: the child itself, or the process bwrap started (found once it is ready). */
  graderPid?: number;
  ready: boolean;
  running?: Running;
  /**
   * A job already sent to the child, which starts it as soon as `running` is answered: the child never waits for a
   * round trip between jobs. It has not started, so if the child dies it goes back to the front of the queue.
   */
  next?: Task;
  /** Set once the child has been killed or has exited; it gets no more jobs. */
  gone: boolean;
  stderrTail: string;
}

const START_FAILURES_BEFORE_BACKOFF = 3;

let warned = false;
/** The "no OS sandbox" warning is one line per process, not one per pool. */
function warnOnce(line: string, log: (line: string) => void): void {
  if (warned) return;
  warned = true;
  log(line);
}
const RESPAWN_BACKOFF_MS = 2_000;

export function createGraderPool(options: GraderPoolOptions = {}): GraderPool {
  const size = Math.max(1, options.size ?? os.availableParallelism());
  const marginMs = options.deadlineMarginMs ?? 1_000;
  const hostCeilingMs = options.hostCeilingMs ?? 60_000;
  const appDir = path.resolve(options.appDir ?? process.cwd());
  const exercisesDir = path.resolve(options.exercisesDir ?? process.env.ML_DOJO_EXERCISES_DIR ?? path.join(appDir, "exercises"));
  const maxQueue = options.maxQueue ?? 10_000;
  const cap = (ms: number): number => Math.min(ms, options.maxRunMs ?? Number.POSITIVE_INFINITY);
  const log = options.log ?? ((line: string) => console.error(line));
  const rssCeilingMb = options.rssCeilingMb ?? (Number(process.env.ML_DOJO_GRADER_RSS_MB) || DEFAULT_RSS_CEILING_MB);
  let overMemory = 0;
  let osPlan: OsSandboxPlan | undefined;

  const slots: Slot[] = [];
  const queue: Task[] = [];
  let nextId = 1;
  let closed = false;
  let spawned = 0;
  let killed = 0;
  let recycled = 0;
  let startFailures = 0;
  let readyWaiters: { resolve: () => void; reject: (e: Error) => void }[] = [];
  let bundleError: string | undefined;

  const bundle = ensureWorkerBundle(appDir).catch((error: unknown) => {
    bundleError = error instanceof Error ? error.message : String(error);
    log(`grader pool: could not build the worker: ${bundleError}`);
    return undefined;
  });

  function childArgs(): string[] {
    const reads = [appDir];
    if (!exercisesDir.startsWith(appDir + path.sep)) reads.push(exercisesDir);
    return [
      "--no-node-snapshot", // isolated-vm needs it from Node 20 on
      "--permission",
      "--allow-addons",
      ...reads.map((d) => `--allow-fs-read=${d}`),
      // isolated-vm 7 loads its prebuilt binary through node-gyp-build, which tells musl from glibc by whether this
      // file exists; a denied check throws ERR_ACCESS_DENIED. Reading it reveals nothing (absent on Debian).
      "--allow-fs-read=/etc/alpine-release",
      "--no-warnings",
    ];
  }

  function spawn(): void {
    if (closed) return;
    void bundle.then((b) => {
      if (closed) return;
      if (!b) {
        failQueued(`the grader worker could not be built (${bundleError ?? "unknown reason"})`);
        return;
      }
      if (!osPlan) {
        try {
          osPlan = planOsSandbox({ appDir, exercisesDir, bundleFile: b.file, ...(options.osSandbox ? { mode: options.osSandbox } : {}) });
        } catch (error) {
          bundleError = error instanceof Error ? error.message : String(error);
          failQueued(bundleError);
          return;
        }
        if (osPlan.warning) warnOnce(osPlan.warning, log);
      }
      // Under bwrap, fork runs `bwrap <options> node <node flags> <bundle>`, keeping the IPC channel (fd 3) open.
      const child = fork(b.file, [], {
        cwd: appDir,
        execPath: osPlan.command,
        execArgv: [...osPlan.prefix, ...childArgs()],
        ...(osPlan.uid !== undefined ? { uid: osPlan.uid, gid: osPlan.gid } : {}),
        serialization: "advanced",
        stdio: ["ignore", "ignore", "pipe", "ipc"],
        // A minimal environment: the children need no secrets (no DATABASE_URL, no auth keys).
        env: {
          NODE_ENV: process.env.NODE_ENV ?? "production",
          ML_DOJO_EXERCISES_DIR: exercisesDir,
          ML_DOJO_DEADLINE_MARGIN_MS: String(marginMs),
          ...(options.isolateMaxUses ? { ML_DOJO_ISOLATE_MAX_USES: String(options.isolateMaxUses) } : {}),
          TZ: "UTC",
        },
      });
      spawned++;
      const slot: Slot = { child, ready: false, gone: false, stderrTail: "" };
      slots.push(slot);
      child.stderr?.setEncoding("utf8");
      child.stderr?.on("data", (chunk: string) => {
        slot.stderrTail = (slot.stderrTail + chunk).slice(-4096);
      });
      child.on("message", (msg: FromWorker) => onMessage(slot, msg));
      child.on("exit", (code, signal) => onExit(slot, code, signal));
      child.on("error", (error) => log(`grader pool: child error: ${error.message}`));
    });
  }

  function onMessage(slot: Slot, msg: FromWorker): void {
    if (msg.type === "ready") {
      slot.ready = true;
      if (slot.child.pid !== undefined) slot.graderPid = osPlan?.sandboxed ? graderProcessOf(slot.child.pid) : slot.child.pid;
      startFailures = 0;
      if (slots.filter((s) => s.ready).length >= size) {
        for (const w of readyWaiters.splice(0)) w.resolve();
      }
      dispatch();
      return;
    }
    const r = slot.running;
    if (!r || r.task.id !== msg.id) return;
    if (msg.type === "phase") {
      clearTimeout(r.timer);
      if (msg.phase === "sandbox") {
        r.phase = "sandbox";
        r.limit = { timeoutMs: msg.timeoutMs, memoryMb: msg.memoryMb, deadlineMs: cap(msg.deadlineMs) };
        r.timer = setTimeout(() => onDeadline(slot), r.limit.deadlineMs);
      } else {
        r.phase = "host";
        r.timer = setTimeout(() => onDeadline(slot), hostCeilingMs);
      }
      return;
    }
    clearTimeout(r.timer);
    slot.running = undefined;
    if (msg.retire) {
      // Retired before the answer is delivered, so no other job can be dispatched to it.
      recycled++;
      retire(slot);
      spawn();
    } else if (slot.next) {
      const task = slot.next;
      slot.next = undefined;
      startRunning(slot, task);
    }
    if (msg.type === "result") {
      (r.task.resolve as (v: unknown) => void)(msg.result);
    } else {
      resolvePlatformError(r.task, msg.message, Date.now() - r.startedAt);
    }
    dispatch();
  }

  function onDeadline(slot: Slot): void {
    const r = slot.running;
    if (!r) return;
    slot.running = undefined;
    killed++;
    retire(slot);
    const ms = Date.now() - r.startedAt;
    if (r.phase === "sandbox") {
      resolveLimit(r, { limit: "timeout", ...r.limit }, ms);
    } else {
      log(`grader pool: job ${r.task.id} spent more than ${hostCeilingMs} ms outside learner code; child killed`);
      resolvePlatformError(r.task, `the grader did not finish preparing or judging within ${Math.round(hostCeilingMs / 1000)} s`, ms);
    }
    spawn();
    dispatch();
  }

  /**
   * The memory watchdog: a child over the RSS ceiling is killed whatever it is doing. Learner code running in it gets
   * "memory limit exceeded"; a job still in the host phase goes back to the queue once (the memory may be a previous
   * job's), and is a platform error the second time; an idle child is simply replaced.
   */
  function checkMemory(): void {
    for (const slot of [...slots]) {
      if (slot.gone || !slot.ready || slot.graderPid === undefined) continue;
      const mb = residentMb(slot.graderPid);
      if (mb === undefined || mb <= rssCeilingMb - RSS_MARGIN_MB) continue;
      overMemory++;
      log(`grader pool: a grader child used ${Math.round(mb)} MB, over the ceiling of ${rssCeilingMb} MB; child killed`);
      const r = slot.running;
      slot.running = undefined;
      retire(slot);
      if (slot.graderPid !== slot.child.pid) {
        try {
          process.kill(slot.graderPid, "SIGKILL");
        } catch {
          // already gone with bwrap
        }
      }
      if (r) {
        clearTimeout(r.timer);
        killed++;
        const ms = Date.now() - r.startedAt;
        if (r.phase === "sandbox") resolveLimit(r, { limit: "memory", ...r.limit, processMb: rssCeilingMb }, ms);
        else if (!r.task.requeued) {
          r.task.requeued = true;
          queue.unshift(r.task);
        } else resolvePlatformError(r.task, `the grader went over its memory ceiling of ${rssCeilingMb} MB outside learner code`, ms);
      }
      spawn();
    }
    dispatch();
  }
  const watchdog = setInterval(checkMemory, RSS_POLL_MS);
  watchdog.unref();

  function onExit(slot: Slot, code: number | null, signal: NodeJS.Signals | null): void {
    const wasReady = slot.ready;
    const wasGone = slot.gone;
    slot.gone = true;
    const i = slots.indexOf(slot);
    if (i >= 0) slots.splice(i, 1);
    requeueNext(slot);
    const r = slot.running;
    slot.running = undefined;
    if (r) {
      clearTimeout(r.timer);
      killed++;
      const ms = Date.now() - r.startedAt;
      if (r.phase === "sandbox") {
        // V8 gives up on some out-of-memory states by ending the process (e.g. SIGTRAP on a huge string split).
        resolveLimit(r, { limit: "memory", ...r.limit }, ms);
      } else {
        resolvePlatformError(r.task, `the grader process ended unexpectedly (${signal ?? `exit code ${code}`})`, ms);
      }
    }
    if (closed || wasGone) return;
    if (wasReady) log(`grader pool: a grader child ended (${signal ?? `exit code ${code}`})${r ? ` while running job ${r.task.id}` : ""}: ${slot.stderrTail.trim().slice(-500)}`);
    if (!wasReady) {
      startFailures++;
      log(`grader pool: a grader child failed to start (${signal ?? `exit code ${code}`}): ${slot.stderrTail.trim().slice(-1000)}`);
    }
    if (startFailures >= START_FAILURES_BEFORE_BACKOFF) {
      failQueued(`grader processes fail to start: ${slot.stderrTail.trim().slice(-300) || "no output"}`);
      setTimeout(spawn, RESPAWN_BACKOFF_MS).unref();
    } else {
      spawn();
    }
    dispatch();
  }

  /** Kills a child for good; its exit event then finds no running job. A job waiting on it goes back to the queue. */
  function retire(slot: Slot): void {
    slot.gone = true;
    slot.ready = false;
    requeueNext(slot);
    const i = slots.indexOf(slot);
    if (i >= 0) slots.splice(i, 1);
    slot.child.kill("SIGKILL");
  }

  function requeueNext(slot: Slot): void {
    if (slot.next) queue.unshift(slot.next);
    slot.next = undefined;
  }

  /** The hash of the content the killed run was graded against; computed here, only on this rare path. */
  function contentHashOf(exerciseId: string): string {
    try {
      const dir = findExerciseDir(exerciseId, exercisesDir);
      return dir ? hashFolder(dir) : "";
    } catch {
      return "";
    }
  }

  function resolveLimit(r: Running, info: LimitInfo, ms: number): void {
    if (r.task.kind === "grade") r.task.resolve(limitVerdict(r.task.job, contentHashOf(r.task.job.exerciseId), info, ms));
    else r.task.resolve(limitSandboxResult(info, ms));
  }

  function resolvePlatformError(task: Task, what: string, ms: number): void {
    if (task.kind === "grade") {
      task.resolve(platformErrorVerdict({ exerciseId: task.job.exerciseId, contentHash: "", seed: task.job.seed }, what, ms));
    } else {
      // A bare sandbox job is a developer's tool (tests, benchmarks): a platform fault is an exception there.
      task.reject(new Error(`grader platform fault after ${ms} ms: ${what}`));
    }
  }

  function failQueued(what: string): void {
    for (const task of queue.splice(0)) resolvePlatformError(task, what, 0);
    for (const w of readyWaiters.splice(0)) w.reject(new Error(what));
  }

  function send(slot: Slot, task: Task): void {
    const msg: ToWorker = task.kind === "grade" ? { id: task.id, type: "grade", job: task.job } : { id: task.id, type: "sandbox", job: task.job };
    try {
      slot.child.send(msg);
    } catch (error) {
      // The child is going away; its exit handler resolves or requeues the job.
      log(`grader pool: could not send a job: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Idle children first; then each busy child gets one job in advance (see Slot.next). */
  function dispatch(): void {
    while (queue.length > 0) {
      const idle = slots.find((s) => s.ready && !s.gone && !s.running);
      if (idle) {
        const task = queue.shift()!;
        startRunning(idle, task);
        send(idle, task);
        continue;
      }
      const busy = slots.find((s) => s.ready && !s.gone && s.running && !s.next);
      if (!busy) return;
      const task = queue.shift()!;
      busy.next = task;
      send(busy, task);
    }
  }

  /** The job's clock starts when the child starts it: at once, or when the job before it is answered. */
  function startRunning(slot: Slot, task: Task): void {
    const startedAt = Date.now();
    // A bare sandbox job is learner code from its first message; a grade job starts in the host (the judge).
    const limit: Running["limit"] =
      task.kind === "sandbox"
        ? {
            timeoutMs: task.job.limits.timeoutMs,
            memoryMb: task.job.limits.memoryMb,
            deadlineMs: cap(sandboxDeadlineMs(task.job.limits, task.job.calls.length, marginMs)),
          }
        : {};
    slot.running = {
      task,
      startedAt,
      phase: task.kind === "sandbox" ? "sandbox" : "host",
      timer: setTimeout(() => onDeadline(slot), limit.deadlineMs ?? hostCeilingMs),
      limit,
    };
  }

  function enqueue(task: Task): void {
    if (closed) {
      resolvePlatformError(task, "the grader pool has been shut down", 0);
      return;
    }
    if (bundleError) {
      resolvePlatformError(task, `the grader worker could not be built (${bundleError})`, 0);
      return;
    }
    if (queue.length >= maxQueue) {
      resolvePlatformError(task, "too many submissions are waiting to be graded; try again in a minute", 0);
      return;
    }
    queue.push(task);
    dispatch();
  }

  for (let i = 0; i < size; i++) spawn();

  return {
    grade(job: GradeJob): Promise<Verdict> {
      return new Promise<Verdict>((resolve) => {
        const parsed = gradeJobSchema.safeParse(job);
        if (!parsed.success) {
          const what = `the grade request is invalid (${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")})`;
          resolve(platformErrorVerdict({ exerciseId: String(job?.exerciseId ?? ""), contentHash: "", seed: Number(job?.seed ?? 0) }, what, 0));
          return;
        }
        enqueue({ id: nextId++, kind: "grade", job: parsed.data, resolve });
      });
    },
    runSandbox(job: SandboxJob): Promise<SandboxResult> {
      return new Promise<SandboxResult>((resolve, reject) => {
        const parsed = sandboxJobSchema.safeParse(job);
        if (!parsed.success) {
          reject(new Error(`invalid sandbox job: ${parsed.error.message}`));
          return;
        }
        enqueue({ id: nextId++, kind: "sandbox", job, resolve, reject });
      });
    },
    ready(): Promise<void> {
      if (slots.filter((s) => s.ready).length >= size) return Promise.resolve();
      if (bundleError) return Promise.reject(new Error(`the grader worker could not be built: ${bundleError}`));
      return new Promise<void>((resolve, reject) => readyWaiters.push({ resolve, reject }));
    },
    stats(): GraderPoolStats {
      return {
        size,
        ready: slots.filter((s) => s.ready).length,
        busy: slots.filter((s) => s.running).length,
        queued: queue.length,
        spawned,
        killed,
        recycled,
        overMemory,
        osSandboxed: osPlan?.sandboxed ?? false,
      };
    },
    pids(): number[] {
      return slots.filter((s) => !s.gone && s.ready && s.graderPid !== undefined).map((s) => s.graderPid!);
    },
    async close(): Promise<void> {
      if (closed) return;
      closed = true;
      clearInterval(watchdog);
      failQueued("the grader pool has been shut down");
      const exits = slots.map((s) => new Promise<void>((resolve) => {
        if (s.child.exitCode !== null || s.child.signalCode !== null) resolve();
        else s.child.once("exit", () => resolve());
      }));
      for (const s of [...slots]) {
        if (s.next) resolvePlatformError(s.next, "the grader pool has been shut down", 0);
        s.next = undefined;
        const r = s.running;
        s.running = undefined;
        if (r) {
          clearTimeout(r.timer);
          resolvePlatformError(r.task, "the grader pool has been shut down", Date.now() - r.startedAt);
        }
        s.gone = true;
        s.child.kill("SIGKILL");
      }
      readyWaiters = [];
      await Promise.all(exits);
    },
  };
}
