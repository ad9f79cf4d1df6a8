import { Logger, makeWorkerUtils, runMigrations, type LogFunctionFactory } from "graphile-worker";
import { randomBytes } from "node:crypto";
import type pg from "pg";
import type { Submission } from "../../_generated/sqlite/client";
import type { Db } from "../db/client";
import type { Verdict } from "../../../graders/verdict";
import type { QueueFigures } from "./jobs";
import { failureRows, textHash } from "../failure-summary";
import { VERDICT_CHANNEL } from "./notify";

/**
 * The grading queue on PostgreSQL: graphile-worker (an existing engine, LISTEN/NOTIFY pickup, measured in
 * scripts/bench-queue-pickup.ts), instead of the GradingJob table that the embedded SQLite path uses (jobs.ts).
 *
 * - One job per submission: task "grade", job_key = the submission id, queued in the submission's own transaction.
 * - Fairness: each learner has a named queue ("learner:<user id>"); graphile-worker runs one job of a named queue at
 *   a time, so a learner has at most one job in flight, and the jobs of different learners interleave.
 * - Dead graders: graphile-worker releases a locked job only after 4 hours unless told the locking worker is dead.
 *   Every grader process heartbeats its engine workers into GraderWorker; any live grader unlocks the jobs of worker
 *   ids whose heartbeat is older than DEAD_AFTER_MS (forceUnlockWorkers), so they are claimed again within seconds.
 * - Empty queues: a named queue's row stays in _private_job_queues after its last job, and every job fetch locks
 *   the rows of all available queues, so one row per learner ever seen slows every fetch. Live graders remove empty
 *   queues with the engine's own cleanup (GC_JOB_QUEUES) under an advisory lock that add_job calls share
 *   (collectEmptyQueues), because the engine's cleanup alone races add_job in an open transaction.
 */
export const GRADE_TASK = "grade";
export const WORKER_SCHEMA = "graphile_worker";
/** A grader whose engine workers have not reported for this long is dead: its jobs are taken by others. */
export const DEAD_AFTER_MS = 5000;

export function learnerQueue(userId: string): string {
  return `learner:${userId}`;
}

/**
 * Advisory lock key: add_job holds it shared until its transaction ends, the removal of empty queues exclusively.
 * Without it, a removal between add_job (which finds the learner's empty queue row) and the commit of its
 * transaction deletes that row: the job then points at a queue that no longer exists and is never fetched.
 */
export const QUEUE_GC_LOCK = 727_462_011;

/** Queues the grading of a submission; call it with the transaction client that creates the submission. */
export async function enqueueGrade(tx: Pick<Db, "$queryRaw">, submissionId: string, userId: string, maxAttempts: number): Promise<void> {
  // One statement: the shared lock (a MATERIALIZED CTE runs first), then add_job.
  await tx.$queryRaw`WITH l AS MATERIALIZED (SELECT pg_advisory_xact_lock_shared(${QUEUE_GC_LOCK}::bigint))
    SELECT (graphile_worker.add_job(${GRADE_TASK}::text, json_build_object('submissionId', ${submissionId}::text),
    queue_name := ${learnerQueue(userId)}::text, job_key := ${submissionId}::text, max_attempts := ${maxAttempts}::int)).id FROM l`;
}

/** The columns a new submission is created with (submissions.ts, createSubmission). */
export interface NewSubmissionRow {
  userId: string;
  exerciseId: string;
  code: string;
  clientSubmissionId: string;
  seed: number;
  contentHash: string;
}

/**
 * Stores a submission and queues its grading in ONE statement (atomic without an interactive transaction, which
 * cost BEGIN, COMMIT and ~2.5 ms of Prisma CPU per submission). Returns null when the learner's submission with this
 * clientSubmissionId exists already (a double click that raced this one): the caller reads that one.
 */
export async function createSubmissionEngine(db: Pick<Db, "$queryRaw">, row: NewSubmissionRow, maxAttempts: number): Promise<Submission | null> {
  // Prisma would make a cuid in its engine; this id has the same shape (c, time in base 36, random), and is unique.
  const id = `c${Date.now().toString(36)}${randomBytes(8).toString("hex")}`.slice(0, 25);
  const rows = await db.$queryRaw<(Submission & { jobId?: unknown })[]>`
    WITH l AS MATERIALIZED (SELECT pg_advisory_xact_lock_shared(${QUEUE_GC_LOCK}::bigint)),
    s AS (
      INSERT INTO "Submission" ("id", "userId", "exerciseId", "code", "clientSubmissionId", "seed", "contentHash", "createdAt")
      SELECT ${id}, ${row.userId}, ${row.exerciseId}, ${row.code}, ${row.clientSubmissionId}, ${row.seed}::int, ${row.contentHash}, (now() AT TIME ZONE 'UTC')::timestamp(3)
      FROM l
      ON CONFLICT ("userId", "clientSubmissionId") DO NOTHING
      RETURNING *)
    SELECT s."id", s."userId", s."exerciseId", s."code", s."clientSubmissionId", s."seed", s."status"::text AS "status", s."score", s."verdict",
      s."gradingMs", s."contentHash", s."gradeAttempts", s."createdAt", s."gradedAt",
      (graphile_worker.add_job(${GRADE_TASK}::text, json_build_object('submissionId', s."id"), queue_name := ${learnerQueue(row.userId)}::text,
        job_key := s."id", max_attempts := ${maxAttempts}::int)).id AS "jobId"
    FROM s`;
  const created = rows[0];
  if (!created) return null;
  delete created.jobId;
  return created;
}

/**
 * Removes the named queues that no job refers to any more (learners with nothing queued), with graphile-worker's
 * own cleanup task GC_JOB_QUEUES, while holding QUEUE_GC_LOCK exclusively: every add_job transaction either
 * committed before (its job keeps its queue) or starts after (it creates the queue again). Gives up after
 * `waitMs` when submissions keep the lock (the next round tries again). Returns the queues removed, or null when
 * it gave up.
 */
export async function collectEmptyQueues(pgPool: pg.Pool, log: (line: string) => void, waitMs = 2000): Promise<number | null> {
  const client = await pgPool.connect();
  let locked = false;
  try {
    await client.query(`SET lock_timeout = ${Math.max(1, Math.floor(waitMs))}`);
    try {
      await client.query(`SELECT pg_advisory_lock($1::bigint)`, [QUEUE_GC_LOCK]);
      locked = true;
    } catch (error) {
      if ((error as { code?: string }).code === "55P03") return null; // lock_timeout: submissions kept it
      throw error;
    }
    const count = async () => Number((await client.query<{ n: string }>(`SELECT count(*)::text AS n FROM graphile_worker._private_job_queues`)).rows[0]!.n);
    const before = await count();
    const utils = await makeWorkerUtils({ pgPool, logger: engineLogger(log) });
    try {
      await utils.cleanup({ tasks: ["GC_JOB_QUEUES"] });
    } finally {
      await utils.release();
    }
    return before - (await count());
  } finally {
    if (locked) await client.query(`SELECT pg_advisory_unlock($1::bigint)`, [QUEUE_GC_LOCK]).catch(() => {});
    await client.query(`RESET lock_timeout`).catch(() => {});
    client.release();
  }
}

export const REGRADE_TASK = "regrade";
/**
 * Live jobs have priority 0; the engine takes jobs by priority first, so a queued live job is always taken before
 * any regrade job. A run's jobs share one named queue, so a run uses one grader at a time, leaving the others free.
 */
export const REGRADE_PRIORITY = 10;

/**
 * Queues the regrade of every submission of a run, in the transaction that creates its RegradeEntry rows (one
 * statement: add_job per entry). Named queue "regrade:<run id>"; job_key "regrade:<submission id>": a submission
 * regraded by two cohorts' runs at once is graded once (the job finishes every unfinished entry of it).
 */
export async function enqueueRegradeRun(tx: Pick<Db, "$queryRaw">, runId: string, maxAttempts: number): Promise<void> {
  await tx.$queryRaw`SELECT count(graphile_worker.add_job(${REGRADE_TASK}::text, json_build_object('submissionId', e."submissionId"),
      queue_name := 'regrade:' || e."runId", job_key := 'regrade:' || e."submissionId", max_attempts := ${maxAttempts}::int,
      priority := ${REGRADE_PRIORITY}::int, job_key_mode := 'preserve_run_at'))
    FROM "RegradeEntry" e WHERE e."runId" = ${runId}`;
}

/** graphile-worker's logger, quiet below warnings (it logs every job at info). */
export function engineLogger(log: (line: string) => void): Logger {
  const factory: LogFunctionFactory = () => (level, message) => {
    if (level === "error" || level === "warning") log(`graphile-worker ${level}: ${message}`);
  };
  return new Logger(factory);
}

/** Installs or upgrades graphile-worker's schema; the app's migration step runs it under its advisory lock. */
export async function migrateEngine(pgPool: pg.Pool, log: (line: string) => void = (l) => console.error(l)): Promise<void> {
  await runMigrations({ pgPool, logger: engineLogger(log) });
}

/** Whether the engine's schema exists (a standalone grader never installs it: the web instances' migration does). */
export async function engineInstalled(db: Db): Promise<boolean> {
  const rows = await db.$queryRaw<{ present: boolean }[]>`SELECT to_regclass('graphile_worker.migrations') IS NOT NULL AS present`;
  return rows[0]?.present === true;
}

/** Queues every PENDING submission that has no grading job (rows from before the engine, or restored backups). */
export async function adoptOrphansEngine(db: Db, maxAttempts: number): Promise<number> {
  const orphans = await db.$queryRaw<{ id: string; userId: string }[]>`
    SELECT s."id", s."userId" FROM "Submission" s
    WHERE s."status" = 'PENDING' AND NOT EXISTS (SELECT 1 FROM graphile_worker._private_jobs j WHERE j.key = s."id")
    ORDER BY s."createdAt" LIMIT 10000`;
  for (const o of orphans) await enqueueGrade(db, o.id, o.userId, maxAttempts);
  return orphans.length;
}

/** For "queued (n ahead)": grading when locked, else the unlocked grade jobs queued before it. */
export async function jobsAheadEngine(db: Db, submissionId: string): Promise<{ state: "queued" | "grading"; ahead: number } | null> {
  const rows = await db.$queryRaw<{ locked: boolean; ahead: bigint }[]>`
    SELECT j.locked_by IS NOT NULL AS locked,
      (SELECT count(*) FROM graphile_worker._private_jobs o
        JOIN graphile_worker._private_tasks ot ON ot.id = o.task_id AND ot.identifier = ${GRADE_TASK}
        WHERE o.locked_by IS NULL AND o.id < j.id) AS ahead
    FROM graphile_worker._private_jobs j WHERE j.key = ${submissionId}`;
  const row = rows[0];
  if (!row) return null;
  return row.locked ? { state: "grading", ahead: 0 } : { state: "queued", ahead: Number(row.ahead) };
}

/** The queue from the engine's tables: grade jobs whose submission still waits for a verdict. */
export async function queueFiguresEngine(db: Db, aliveWithinMs: number, now: number): Promise<QueueFigures> {
  const [jobs, workers] = await Promise.all([
    db.$queryRaw<{ queued: bigint; inFlight: bigint; oldest: Date | null }[]>`
      SELECT count(*) FILTER (WHERE j.locked_by IS NULL) AS queued, count(*) FILTER (WHERE j.locked_by IS NOT NULL) AS "inFlight",
        min(j.created_at) AS oldest
      FROM graphile_worker._private_jobs j
      JOIN graphile_worker._private_tasks t ON t.id = j.task_id AND t.identifier = ${GRADE_TASK}
      JOIN "Submission" s ON s."id" = j.key AND s."status" = 'PENDING'`,
    db.graderWorker.findMany({ where: { seenAt: { gte: BigInt(now - aliveWithinMs) } }, select: { slots: true } }),
  ]);
  const j = jobs[0]!;
  return {
    queued: Number(j.queued),
    inFlight: Number(j.inFlight),
    oldestAgeMs: j.oldest ? Math.max(0, now - j.oldest.getTime()) : 0,
    gradersAlive: workers.length,
    graderSlots: workers.reduce((a, w) => a + w.slots, 0),
  };
}

/**
 * Engine pool ids that lock a job, locked more than deadAfterMs ago, with no heartbeat for deadAfterMs: their
 * process was killed or hangs. (A pool just created has reported long before deadAfterMs.)
 */
export async function deadLockers(db: Db, deadAfterMs: number, now = Date.now()): Promise<string[]> {
  const rows = await db.$queryRaw<{ locked_by: string }[]>`
    SELECT DISTINCT j.locked_by FROM graphile_worker._private_jobs j
    WHERE j.locked_by IS NOT NULL AND j.locked_at < now() - make_interval(secs => ${deadAfterMs / 1000}::float8)
      AND NOT EXISTS (SELECT 1 FROM "GraderWorker" w WHERE w."id" = j.locked_by AND w."seenAt" >= ${BigInt(now - deadAfterMs)})`;
  return rows.map((r) => r.locked_by);
}

/** What a grader reads of a submission (the grader role may read these columns only: scripts/sql/grader-role.sql). */
export interface SubmissionToGrade {
  exerciseId: string;
  code: string;
  seed: number;
  status: string;
  contentHash: string;
}

/**
 * The grader's side on PostgreSQL talks to the database through the engine's own pg pool, not Prisma: a Prisma
 * operation cost ~1 ms of CPU against ~0.2 ms for the same statement on pg (scripts/bench/submit-path.ts), and the
 * grader made eight of them per submission.
 */
export async function submissionToGrade(pgPool: pg.Pool, id: string): Promise<SubmissionToGrade | null> {
  const { rows } = await pgPool.query<SubmissionToGrade>(`SELECT "exerciseId", "code", "seed", "status", "contentHash" FROM "Submission" WHERE "id" = $1`, [id]);
  return rows[0] ?? null;
}

/**
 * recordVerdict (submissions.ts) as ONE statement: the verdict, the learner's progress and the NOTIFY of the waiting
 * web instance (sent at commit), instead of seven statements in an interactive transaction. Same rules: only a
 * submission still PENDING takes the verdict (a job graded twice counts once: the second UPDATE finds no PENDING
 * row and changes nothing), an ERROR costs no attempt and leaves progress alone, the best score and its submission
 * only improve, solvedAt is the first pass, and the failure summary (failure-summary.ts) is written with the verdict.
 * Dates are computed in SQL (the columns are UTC without a zone). Returns whether this call stored the verdict.
 */
export async function recordVerdictEngine(pgPool: pg.Pool, id: string, verdict: Verdict, gradingMs: number, attempts: number): Promise<boolean> {
  const { text, values } = verdictStatement(id, verdict, gradingMs, attempts);
  const { rowCount } = await pgPool.query(text, values);
  return rowCount === 1;
}

/** The stored submission's owner columns, as the verdict statement returns them. */
export interface StoredVerdictRow {
  id: string;
  userId: string;
  exerciseId: string;
  createdAt: Date;
}

/**
 * The same statement through the app's Prisma client (recordVerdict on PostgreSQL): the row stored, or null when the
 * submission had its verdict already. attempts undefined leaves gradeAttempts as it is.
 */
export async function recordVerdictPrisma(db: Db, id: string, verdict: Verdict, gradingMs: number, attempts?: number): Promise<StoredVerdictRow | null> {
  const { text, values } = verdictStatement(id, verdict, gradingMs, attempts);
  const rows = await db.$queryRawUnsafe<StoredVerdictRow[]>(text, ...values);
  return rows[0] ?? null;
}

function verdictStatement(id: string, verdict: Verdict, gradingMs: number, attempts: number | undefined): { text: string; values: unknown[] } {
  const isError = verdict.status === "error";
  // What it failed, for cohort analytics; a platform error is no learner's failure. A submission graded again (back
  // to PENDING) keeps the rows it still shows and loses the others: deleting and re-adding one row in a single
  // statement is not defined in PostgreSQL, so the two sets are kept disjoint.
  const failures = [...new Map((isError ? [] : failureRows(verdict)).map((r) => [textHash(r), r]))];
  const column = (pick: (r: (typeof failures)[number][1]) => string) => failures.map(([, r]) => pick(r));
  // Reading "gradeAttempts" needs a SELECT grant the standalone grader's role does not have (it always passes attempts).
  const keepAttempts = attempts === undefined ? `COALESCE($6::int, "gradeAttempts")` : "$6::int";
  return {
    text: `WITH s AS (
       UPDATE "Submission" SET "status" = $2::text::"SubmissionStatus", "score" = $3::float8, "verdict" = $4::text, "gradingMs" = $5::int,
         "gradedAt" = now() AT TIME ZONE 'UTC', "gradeAttempts" = ${keepAttempts}
       WHERE "id" = $1 AND "status" = 'PENDING'
       RETURNING "id", "userId", "exerciseId", "createdAt"),
     p AS (
       INSERT INTO "ExerciseProgress" AS e ("userId", "exerciseId", "bestScore", "bestSubmissionId", "attempts", "solvedAt", "lastSubmittedAt", "updatedAt")
       SELECT s."userId", s."exerciseId", $3::float8, s."id", 1, CASE WHEN $7::bool THEN now() AT TIME ZONE 'UTC' END, s."createdAt", now() AT TIME ZONE 'UTC'
       FROM s WHERE NOT $8::bool
       ON CONFLICT ("userId", "exerciseId") DO UPDATE SET
         "attempts" = e."attempts" + 1,
         "lastSubmittedAt" = GREATEST(e."lastSubmittedAt", EXCLUDED."lastSubmittedAt"),
         "bestSubmissionId" = CASE WHEN EXCLUDED."bestScore" > e."bestScore" THEN EXCLUDED."bestSubmissionId" ELSE e."bestSubmissionId" END,
         "bestScore" = GREATEST(e."bestScore", EXCLUDED."bestScore"),
         "solvedAt" = COALESCE(e."solvedAt", EXCLUDED."solvedAt"),
         "updatedAt" = EXCLUDED."updatedAt"),
     t AS (
       INSERT INTO "FailureText" ("hash", "kind", "key", "en", "ja", "visibility")
       SELECT * FROM unnest($10::text[], $11::text[], $12::text[], $13::text[], $14::text[], $15::text[]) WHERE EXISTS (SELECT 1 FROM s)
       ON CONFLICT ("hash") DO NOTHING),
     d AS (
       DELETE FROM "SubmissionFailure" WHERE "submissionId" IN (SELECT "id" FROM s) AND NOT ("textHash" = ANY($10::text[]))),
     f AS (
       INSERT INTO "SubmissionFailure" ("submissionId", "textHash", "userId", "exerciseId")
       SELECT s."id", h, s."userId", s."exerciseId" FROM s, unnest($10::text[]) AS h
       ON CONFLICT DO NOTHING)
     SELECT s."id", s."userId", s."exerciseId", s."createdAt" FROM s, LATERAL (SELECT pg_notify($9::text, s."id")) n`,
    values: [
      id, isError ? "ERROR" : "GRADED", isError ? null : verdict.score, JSON.stringify(verdict), Math.round(gradingMs), attempts ?? null, verdict.status === "passed", isError, VERDICT_CHANNEL,
      failures.map(([hash]) => hash), column((r) => r.kind), column((r) => r.key), column((r) => r.en), column((r) => r.ja), column((r) => r.visibility),
    ],
  };
}
