import type { Db } from "../db/client";
import { sqliteDirect } from "../db/sqlite-direct";
import { jobsAheadEngine, queueFiguresEngine } from "./engine";

/**
 * The embedded grading queue (SQLite, one machine), stored in the app's database (table GradingJob). PostgreSQL uses
 * graphile-worker instead (engine.ts); the functions used by both dispatch there. A job is created in the
 * transaction that stores its submission and deleted in the transaction that stores its verdict, so a submission
 * without a verdict always has a job. A grader takes a job with a lease (claimJob); a lease that runs out without a
 * verdict (the grader died, or its process hangs and stops renewing) makes the job claimable again.
 *
 * Fairness: a learner has at most one job in flight, and jobs are taken by turn (how many jobs the learner had
 * unfinished when this one was queued) and then by age, so one learner's backlog never delays another's first job.
 */
export interface ClaimedJob {
  submissionId: string;
  /** Grading attempts including this one. */
  attempts: number;
  /** Set for a regrade job (grading/regrade-job.ts). */
  regradeRunId: string | null;
}

/**
 * The turn of every regrade job: after any live job a learner can have queued, so a regrade of hundreds of
 * submissions never delays a live one by more than the one regrade job being graded (one per run at a time).
 */
export const REGRADE_TURN = 1_000_000;

export function isPostgres(db: Db): boolean {
  // Both generated clients carry their provider; the SQLite client's type stands for both (db/client.ts).
  return (db as unknown as { _activeProvider?: string })._activeProvider === "postgresql";
}

/**
 * The job row to create nested in the submission's create (Prisma writes both in one transaction). `turn` is the
 * learner's unfinished jobs, counted just before: a race between two of one learner's submits only reorders that
 * learner's own jobs.
 */
export function newJob(turn: number, now = Date.now()): { turn: number; runAfter: bigint; createdAt: bigint } {
  return { turn, runAfter: BigInt(now), createdAt: BigInt(now) };
}

/**
 * Queues the regrade of every submission of a run (SQLite), in the transaction that creates its RegradeEntry rows.
 * A job of another cohort's unfinished run for the same submission stays: it finishes this run's entry too.
 */
export async function queueRegradeRun(tx: Pick<Db, "$executeRaw">, runId: string, now = Date.now()): Promise<void> {
  const at = BigInt(now);
  await tx.$executeRaw`INSERT INTO "GradingJob" ("submissionId", "userId", "state", "turn", "attempts", "runAfter", "createdAt", "regradeRunId")
    SELECT e."submissionId", e."userId", 'QUEUED', ${REGRADE_TURN}, 0, ${at}, ${at}, e."runId" FROM "RegradeEntry" e WHERE e."runId" = ${runId}
    ON CONFLICT ("submissionId") DO NOTHING`;
}

export async function unfinishedJobs(db: Db, userId: string): Promise<number> {
  // PostgreSQL orders a learner's jobs by the engine's named queue (engine.ts): no turn to count.
  if (isPostgres(db)) return 0;
  return db.gradingJob.count({ where: { userId, regradeRunId: null } });
}

/**
 * claimJob's statement: owner, lease end, then the time four times. A regrade job is taken only while no other job
 * of its run is being graded: a run uses one grader at a time.
 */
const CLAIM_SQL = `
    UPDATE "GradingJob" SET "state" = 'RUNNING', "leaseOwner" = ?, "leaseUntil" = ?, "attempts" = "attempts" + 1
    WHERE "submissionId" = (
      SELECT j."submissionId" FROM "GradingJob" j
      WHERE ((j."state" = 'QUEUED' AND j."runAfter" <= ?) OR (j."state" = 'RUNNING' AND j."leaseUntil" < ?))
        AND NOT EXISTS (
          SELECT 1 FROM "GradingJob" r
          WHERE r."userId" = j."userId" AND r."state" = 'RUNNING' AND r."leaseUntil" >= ?)
        AND (j."regradeRunId" IS NULL OR NOT EXISTS (
          SELECT 1 FROM "GradingJob" g
          WHERE g."regradeRunId" = j."regradeRunId" AND g."state" = 'RUNNING' AND g."leaseUntil" >= ?))
      ORDER BY j."turn", j."createdAt"
      LIMIT 1)
    RETURNING "submissionId", "attempts", "regradeRunId"`;

/**
 * Takes the next job a grader may run now, leased to `owner` until now + leaseMs, or null when there is none. One
 * statement (SQLite serialises writers). This queue is SQLite's: on PostgreSQL, graphile-worker hands out the jobs
 * (engine.ts).
 */
export async function claimJob(db: Db, owner: string, leaseMs: number, now = Date.now()): Promise<ClaimedJob | null> {
  if (isPostgres(db)) throw new Error("claimJob is the SQLite queue; on PostgreSQL graphile-worker hands out grading jobs (grading/engine.ts)");
  const params = [owner, now + leaseMs, now, now, now, now];
  type Row = { submissionId: string; attempts: number | bigint; regradeRunId: string | null };
  // The direct connection (db/sqlite-direct.ts) when the client has it, Prisma otherwise (the same SQL).
  const direct = sqliteDirect(db);
  const row = direct ? await direct.run((q) => q.get<Row>(CLAIM_SQL, ...params)) : (await db.$queryRawUnsafe<Row[]>(CLAIM_SQL, ...params))[0];
  return row ? { submissionId: row.submissionId, attempts: Number(row.attempts), regradeRunId: row.regradeRunId } : null;
}

/** Extends a lease still held by `owner`; false when it was lost (expired and claimed by another grader). */
export async function renewLease(db: Db, submissionId: string, owner: string, leaseMs: number, now = Date.now()): Promise<boolean> {
  const { count } = await db.gradingJob.updateMany({ where: { submissionId, leaseOwner: owner, state: "RUNNING" }, data: { leaseUntil: BigInt(now + leaseMs) } });
  return count === 1;
}

/** Puts a job back in the queue after a platform error, claimable again after `delayMs` (backoff). */
export async function retryJobLater(db: Db, submissionId: string, owner: string, delayMs: number, now = Date.now()): Promise<void> {
  await db.gradingJob.updateMany({
    where: { submissionId, leaseOwner: owner, state: "RUNNING" },
    data: { state: "QUEUED", leaseOwner: null, leaseUntil: null, runAfter: BigInt(now + delayMs) },
  });
}

/** Queues every PENDING submission that has no job (rows from before the queue existed, or restored backups). */
export async function adoptOrphans(db: Db, now = Date.now()): Promise<number> {
  const orphans = await db.submission.findMany({ where: { status: "PENDING", job: null }, select: { id: true, userId: true }, orderBy: { createdAt: "asc" }, take: 10_000 });
  if (orphans.length === 0) return 0;
  const { count } = await db.gradingJob.createMany({
    data: orphans.map((o) => ({ submissionId: o.id, userId: o.userId, turn: 0, runAfter: BigInt(now), createdAt: BigInt(now) })),
  });
  return count;
}

/** Jobs that would be taken before this one if every grader were free: for "queued (n ahead)". */
export async function jobsAhead(db: Db, submissionId: string): Promise<{ state: "queued" | "grading"; ahead: number } | null> {
  if (isPostgres(db)) return jobsAheadEngine(db, submissionId);
  const job = await db.gradingJob.findUnique({ where: { submissionId } });
  if (!job) return null;
  if (job.state === "RUNNING" && job.leaseUntil !== null && job.leaseUntil >= BigInt(Date.now())) return { state: "grading", ahead: 0 };
  const ahead = await db.gradingJob.count({
    where: { state: "QUEUED", regradeRunId: null, OR: [{ turn: { lt: job.turn } }, { turn: job.turn, createdAt: { lt: job.createdAt } }] },
  });
  return { state: "queued", ahead };
}

export interface QueueFigures {
  /** Jobs waiting for a grader (including ones whose lease ran out). */
  queued: number;
  /** Jobs being graded under a live lease. */
  inFlight: number;
  /** Age of the oldest job without a verdict, in ms; 0 when the queue is empty. */
  oldestAgeMs: number;
  /** Grader processes seen within the last `aliveWithinMs`, and the jobs they can run at once. */
  gradersAlive: number;
  graderSlots: number;
}

export async function queueFigures(db: Db, aliveWithinMs = 10_000, now = Date.now()): Promise<QueueFigures> {
  if (isPostgres(db)) return queueFiguresEngine(db, aliveWithinMs, now);
  const at = BigInt(now);
  // Live jobs only, as on PostgreSQL: a long regrade is background work, not a stuck queue.
  const live = { regradeRunId: null };
  const [inFlight, total, oldest, workers] = await Promise.all([
    db.gradingJob.count({ where: { ...live, state: "RUNNING", leaseUntil: { gte: at } } }),
    db.gradingJob.count({ where: live }),
    db.gradingJob.findFirst({ where: live, orderBy: { createdAt: "asc" }, select: { createdAt: true } }),
    db.graderWorker.findMany({ where: { seenAt: { gte: BigInt(now - aliveWithinMs) } }, select: { slots: true } }),
  ]);
  return {
    queued: total - inFlight,
    inFlight,
    oldestAgeMs: oldest ? Math.max(0, now - Number(oldest.createdAt)) : 0,
    gradersAlive: workers.length,
    graderSlots: workers.reduce((a, w) => a + w.slots, 0),
  };
}

/** Records that a grader process is alive (GET /api/health counts these), and forgets ones gone for an hour. */
export async function reportWorker(db: Db, worker: { id: string; host: string; slots: number; busy: number }, now = Date.now()): Promise<void> {
  await db.graderWorker.upsert({
    where: { id: worker.id },
    create: { ...worker, seenAt: BigInt(now) },
    update: { slots: worker.slots, busy: worker.busy, seenAt: BigInt(now) },
  });
}

export async function forgetWorker(db: Db, id: string): Promise<void> {
  await db.graderWorker.deleteMany({ where: { id } });
}
