import { randomBytes } from "node:crypto";
import { EventEmitter } from "node:events";
import os from "node:os";
import { platformErrorVerdict } from "../../../graders/judge/assemble";
import type { Verdict } from "../../../graders/verdict";
import type { Db } from "../db/client";
import { findSubmission, MAX_GRADE_ATTEMPTS, recordVerdict } from "../submissions";
import type { Grader } from "./grader";
import { notifyVerdict, verdictWithin, type QueueListener } from "./notify";
import { createEngineWorker } from "./engine-worker";
import { runRegradeJob } from "./regrade-job";
import { adoptOrphans, claimJob, isPostgres, forgetWorker, renewLease, reportWorker, retryJobLater, type ClaimedJob } from "./jobs";

/**
 * A grading worker (SQLite: the GradingJob queue of jobs.ts; on PostgreSQL createGradingWorker returns the
 * graphile-worker runner of engine-worker.ts instead): takes jobs while it has free slots, grades each with the grader pool,
 * renews the lease while grading, and stores the verdict. It runs inside every web instance with graders (npm start)
 * and alone in `npm run grader`. It wakes on wake() (a submit in the same process), else polls every pollMs.
 */
export interface GradingWorkerOptions {
  db: Db;
  grader: Grader;
  /** Jobs graded at once: the number of grader children. */
  slots: number;
  /** A claimed job is another grader's after this long without a renewal. */
  leaseMs?: number;
  pollMs?: number;
  /** Delay before the n-th retry of a platform ERROR: backoffMs * 4^(n-1). */
  backoffMs?: number;
  maxAttempts?: number;
  log?: (line: string) => void;
  /** PostgreSQL: notifications of queued jobs and stored verdicts from other instances (notify.ts). */
  listener?: QueueListener;
  /** PostgreSQL: how often this grader removes the engine's empty per-learner queues (engine.ts). */
  queueGcMs?: number;
}

export interface GradingWorker {
  readonly id: string;
  start(): Promise<void>;
  /** Look for work now (a job was just queued). */
  wake(): void;
  /** Resolves when this worker stored a verdict for the submission (not when another process did). */
  graded(submissionId: string, timeoutMs: number): Promise<boolean>;
  busy(): number;
  stop(): Promise<void>;
}

export const DEFAULT_LEASE_MS = 10_000;

/**
 * Grader children (and so jobs graded at once) of this process: ML_DOJO_GRADERS, else the number of cores, at most 4
 * (a web server needs a core of its own). 0 makes a web-only instance: other processes grade its submissions.
 */
export function graderPoolSize(env: Record<string, string | undefined> = process.env): number {
  const raw = env.ML_DOJO_GRADERS;
  const configured = Number(raw);
  if (raw !== undefined && raw.trim() !== "" && Number.isInteger(configured) && configured >= 0 && configured <= 64) return configured;
  return Math.max(1, Math.min(4, os.availableParallelism()));
}

export function createGradingWorker(options: GradingWorkerOptions): GradingWorker {
  // PostgreSQL: graphile-worker (engine-worker.ts); the GradingJob table below is the embedded SQLite queue.
  if (isPostgres(options.db)) return createEngineWorker(options);
  const { db, grader, slots } = options;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const pollMs = options.pollMs ?? 250;
  const backoffMs = options.backoffMs ?? 1000;
  const maxAttempts = options.maxAttempts ?? MAX_GRADE_ATTEMPTS;
  const log = options.log ?? ((line: string) => console.error(`[ml-dojo grading] ${line}`));
  const id = `${os.hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;
  const done = new EventEmitter();
  done.setMaxListeners(0);
  let running = false;
  let inFlight = 0;
  let pumping = false;
  let again = false;
  let timer: NodeJS.Timeout | undefined;
  let beat: NodeJS.Timeout | undefined;
  const active = new Set<Promise<void>>();

  const onVerdict = (submissionId: string) => done.emit(submissionId);

  async function gradeOne(job: ClaimedJob): Promise<void> {
    const renew = setInterval(() => {
      renewLease(db, job.submissionId, id, leaseMs).catch((error: unknown) => log(`renewing the lease of ${job.submissionId} failed: ${String(error)}`));
    }, Math.max(100, Math.floor(leaseMs / 3)));
    try {
      if (job.regradeRunId !== null) {
        const outcome = await runRegradeJob(db, grader, job.submissionId, job.attempts, maxAttempts, log);
        if (outcome === "retry") await retryJobLater(db, job.submissionId, id, backoffMs * 4 ** (job.attempts - 1));
        else if (outcome === "nothing-to-do") await db.gradingJob.deleteMany({ where: { submissionId: job.submissionId, regradeRunId: { not: null } } });
        return;
      }
      // This worker runs on SQLite only, where the whole row is one direct statement away (db/sqlite-direct.ts).
      const s = await findSubmission(db, job.submissionId);
      if (!s || s.status !== "PENDING") {
        // Graded already (by a grader whose lease had run out but that finished anyway): only the job is left.
        await db.gradingJob.deleteMany({ where: { submissionId: job.submissionId } });
        return;
      }
      const started = performance.now();
      let verdict: Verdict;
      try {
        verdict = await grader.grade({ exerciseId: s.exerciseId, code: s.code, seed: s.seed, scope: "submit" });
      } catch (error) {
        // The pool's grade() does not reject; a grader that does is a platform fault like an "error" verdict.
        log(`grading ${job.submissionId} failed: ${String(error)}`);
        verdict = platformErrorVerdict(s, "The grading service failed", performance.now() - started);
      }
      if (verdict.status === "error" && job.attempts < maxAttempts) {
        await retryJobLater(db, job.submissionId, id, backoffMs * 4 ** (job.attempts - 1));
        return;
      }
      const known = { id: job.submissionId, userId: s.userId, exerciseId: s.exerciseId, createdAt: s.createdAt };
      if (await recordVerdict(db, job.submissionId, verdict, performance.now() - started, job.attempts, known)) await notifyVerdict(db, job.submissionId);
    } finally {
      clearInterval(renew);
      done.emit(job.submissionId);
    }
  }

  async function pump(): Promise<void> {
    if (pumping) {
      again = true;
      return;
    }
    pumping = true;
    try {
      do {
        again = false;
        while (running && inFlight < slots) {
          let job: ClaimedJob | null;
          try {
            job = await claimJob(db, id, leaseMs);
          } catch (error) {
            // SQLite busy or a dropped connection: try again on the next tick rather than stop grading.
            log(`claiming a job failed: ${String(error)}`);
            break;
          }
          if (!job) break;
          inFlight++;
          const p = gradeOne(job)
            .catch((error: unknown) => log(`grading ${job.submissionId} stopped: ${String(error)}`))
            .finally(() => {
              inFlight--;
              active.delete(p);
              void pump();
            });
          active.add(p);
        }
      } while (again && running);
    } finally {
      pumping = false;
    }
  }

  const heartbeat = () =>
    reportWorker(db, { id, host: os.hostname(), slots, busy: inFlight }).catch((error: unknown) => log(`reporting this grader failed: ${String(error)}`));

  return {
    id,
    async start() {
      if (running) return;
      running = true;
      try {
        const adopted = await adoptOrphans(db);
        if (adopted > 0) log(`queued ${adopted} submission(s) without a grading job`);
      } catch (error) {
        // Another instance starting at the same moment queued them first (unique key); grading goes on regardless.
        log(`queueing submissions without a grading job failed: ${String(error)}`);
      }
      await heartbeat();
      options.listener?.events.on("verdict", onVerdict);
      timer = setInterval(() => void pump(), pollMs);
      beat = setInterval(() => void heartbeat(), 3000);
      timer.unref();
      beat.unref();
      void pump();
    },
    wake() {
      void pump();
    },
    graded: (submissionId, timeoutMs) => verdictWithin(done, submissionId, timeoutMs),
    busy: () => inFlight,
    async stop() {
      running = false;
      options.listener?.events.off("verdict", onVerdict);
      clearInterval(timer);
      clearInterval(beat);
      await Promise.allSettled([...active]);
      await forgetWorker(db, id).catch(() => {});
    },
  };
}
