import { randomBytes } from "node:crypto";
import { EventEmitter } from "node:events";
import os from "node:os";
import { run, type Runner, type Task, type WorkerEvents } from "graphile-worker";
import pg from "pg";
import { platformErrorVerdict } from "../../../graders/judge/assemble";
import type { Verdict } from "../../../graders/verdict";
import { postgresUrlOf } from "../db/client";
import { adoptOrphansEngine, collectEmptyQueues, DEAD_AFTER_MS, deadLockers, engineLogger, GRADE_TASK, recordVerdictEngine, REGRADE_TASK, submissionToGrade } from "./engine";
import { forgetWorker, reportWorker } from "./jobs";
import { runRegradeJob } from "./regrade-job";
import { verdictWithin } from "./notify";
import type { GradingWorker, GradingWorkerOptions } from "./worker";

/**
 * A grading worker on PostgreSQL: graphile-worker's runner with `slots` concurrent jobs and the task "grade"
 * (engine.ts). Pickup is the engine's LISTEN/NOTIFY; pollMs is its fallback poll (jobs retried after a backoff,
 * jobs unlocked from dead graders). Platform ERRORs are thrown back to the engine, which retries them with its
 * backoff (exp(attempt) seconds) up to the job's max_attempts; the last attempt stores the ERROR verdict.
 * leaseMs is how long a grader may go without a heartbeat before its jobs are taken by another. The heartbeat row
 * (GraderWorker) of a process has the id its engine pool locks jobs with.
 */
/** How often (on average) each grader removes empty per-learner queues: rows of learners with nothing queued. */
export const QUEUE_GC_MS = 60_000;

export function createEngineWorker(options: GradingWorkerOptions): GradingWorker {
  const { db, grader, slots } = options;
  const url = postgresUrlOf(db);
  if (!url) throw new Error("createEngineWorker needs a PostgreSQL client made by createDb");
  const deadAfterMs = options.leaseMs ?? DEAD_AFTER_MS;
  const pollMs = options.pollMs ?? 2000;
  const log = options.log ?? ((line: string) => console.error(`[ml-dojo grading] ${line}`));
  const id = `${os.hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;
  const done = new EventEmitter();
  done.setMaxListeners(0);
  /** The id this process's engine worker pool locks jobs with (graphile-worker 0.17 locks per pool). */
  let poolId: string | undefined;
  let runner: Runner | undefined;
  let pgPool: pg.Pool | undefined;
  let beat: NodeJS.Timeout | undefined;
  let gc: NodeJS.Timeout | undefined;
  const queueGcMs = options.queueGcMs ?? QUEUE_GC_MS;
  let inFlight = 0;

  const onVerdict = (submissionId: string) => done.emit(submissionId);

  const grade: Task = async (payload, helpers) => {
    const submissionId = (payload as { submissionId?: unknown }).submissionId;
    if (typeof submissionId !== "string") return; // Not ours to grade: completing it removes it.
    const attempts = helpers.job.attempts;
    inFlight++;
    try {
      const s = await submissionToGrade(pgPool!, submissionId);
      // Graded already (by a grader that was thought dead but finished), or deleted: nothing left to do.
      if (!s || s.status !== "PENDING") return;
      const started = performance.now();
      let verdict: Verdict;
      try {
        verdict = await grader.grade({ exerciseId: s.exerciseId, code: s.code, seed: s.seed, scope: "submit" });
      } catch (error) {
        log(`grading ${submissionId} failed: ${String(error)}`);
        verdict = platformErrorVerdict(s, "The grading service failed", performance.now() - started);
      }
      if (verdict.status === "error" && attempts < helpers.job.max_attempts) {
        // The engine records the failure and runs the job again after its backoff.
        throw new Error(`platform error while grading ${submissionId} (attempt ${attempts} of ${helpers.job.max_attempts})`);
      }
      await recordVerdictEngine(pgPool!, submissionId, verdict, performance.now() - started, attempts);
    } finally {
      inFlight--;
      done.emit(submissionId);
    }
  };

  /** A regrade job (grading/regrade-job.ts): a platform ERROR is thrown back to the engine like a live job's. */
  const regrade: Task = async (payload, helpers) => {
    const submissionId = (payload as { submissionId?: unknown }).submissionId;
    if (typeof submissionId !== "string") return;
    inFlight++;
    try {
      const outcome = await runRegradeJob(db, grader, submissionId, helpers.job.attempts, helpers.job.max_attempts, log);
      if (outcome === "retry") throw new Error(`platform error while regrading ${submissionId} (attempt ${helpers.job.attempts} of ${helpers.job.max_attempts})`);
    } finally {
      inFlight--;
    }
  };

  const heartbeat = async () => {
    try {
      // The row's id is the one the engine locks this process's jobs with: a stale row means they are orphaned.
      if (poolId) await reportWorker(db, { id: poolId, host: os.hostname(), slots, busy: inFlight });
      const dead = await deadLockers(db, deadAfterMs);
      if (dead.length > 0 && runner) {
        // What workerUtils.forceUnlockWorkers runs, on this runner's pool; then wake the graders at once.
        await pgPool!.query(`SELECT graphile_worker.force_unlock_workers($1::text[])`, [dead]);
        await pgPool!.query(`SELECT pg_notify('jobs:insert', '{"count":${dead.length}}')`);
        log(`released the jobs of ${dead.length} grader worker(s) without a heartbeat for ${deadAfterMs} ms`);
      }
    } catch (error) {
      log(`reporting this grader failed: ${String(error)}`);
    }
  };

  const removeEmptyQueues = async () => {
    try {
      if (pgPool) await collectEmptyQueues(pgPool, log);
    } catch (error) {
      log(`removing empty grading queues failed: ${String(error)}`);
    }
  };

  return {
    id,
    async start() {
      if (runner) return;
      const events: WorkerEvents = new EventEmitter() as WorkerEvents;
      events.on("pool:create", ({ workerPool }) => (poolId = workerPool.id));
      // One connection per job, the engine's LISTEN connection, and two for the removal of empty queues (the lock and
      // the engine's cleanup), so that a cleanup never waits for a job's connection.
      pgPool = new pg.Pool({ connectionString: url, max: slots + 3 });
      // Errors of idle and of checked-out connections alike: a dropped connection must not crash the process.
      pgPool.on("error", (error) => log(`a grading connection failed: ${error.message}`));
      pgPool.on("connect", (client) => client.on("error", (error) => log(`a grading connection failed: ${error.message}`)));
      try {
        const adopted = await adoptOrphansEngine(db, options.maxAttempts ?? 3);
        if (adopted > 0) log(`queued ${adopted} submission(s) without a grading job`);
      } catch (error) {
        log(`queueing submissions without a grading job failed: ${String(error)}`);
      }
      runner = await run({
        pgPool,
        concurrency: slots,
        noHandleSignals: true,
        pollInterval: pollMs,
        taskList: { [GRADE_TASK]: grade, [REGRADE_TASK]: regrade },
        events,
        logger: engineLogger(log),
      });
      runner.promise.catch((error: unknown) => log(`the grading runner stopped: ${String(error)}`));
      await heartbeat();
      options.listener?.events.on("verdict", onVerdict);
      beat = setInterval(() => void heartbeat(), Math.max(100, Math.floor(deadAfterMs / 4)));
      beat.unref();
      // Spread over the graders (random phase), so that they seldom ask for the lock at the same moment.
      const gcRound = () => {
        gc = setTimeout(() => void removeEmptyQueues().finally(() => runner && gcRound()), queueGcMs * (0.5 + Math.random()));
        gc.unref();
      };
      gcRound();
    },
    // The engine is woken by the NOTIFY of add_job itself.
    wake() {},
    graded: (submissionId, timeoutMs) => verdictWithin(done, submissionId, timeoutMs),
    busy: () => inFlight,
    async stop() {
      options.listener?.events.off("verdict", onVerdict);
      clearInterval(beat);
      clearTimeout(gc);
      await runner?.stop();
      runner = undefined;
      if (poolId) await forgetWorker(db, poolId).catch(() => {});
      await pgPool?.end().catch(() => {});
    },
  };
}
