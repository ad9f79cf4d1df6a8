import type { Db } from "../../app/_server/db/client";

/**
 * What the PostgreSQL tests read and set in graphile-worker's job table (app/_server/grading/engine.ts), where the
 * SQLite tests use the GradingJob table.
 */
export async function engineJob(db: Db, submissionId: string): Promise<{ lockedBy: string | null; attempts: number } | null> {
  const rows = await db.$queryRaw<{ locked_by: string | null; attempts: number }[]>`SELECT locked_by, attempts FROM graphile_worker._private_jobs WHERE key = ${submissionId}`;
  return rows[0] ? { lockedBy: rows[0].locked_by, attempts: rows[0].attempts } : null;
}

/** Locks the next job as the engine would for `workerId` (a grader that then hangs or dies), with its queue. */
export async function lockNextJobAs(db: Db, workerId: string): Promise<string | null> {
  const rows = await db.$queryRaw<{ key: string }[]>`
    WITH j AS (
      SELECT id, job_queue_id FROM graphile_worker._private_jobs
      WHERE locked_by IS NULL AND run_at <= now() AND attempts < max_attempts
        AND (job_queue_id IS NULL OR job_queue_id IN (SELECT id FROM graphile_worker._private_job_queues WHERE locked_by IS NULL))
      ORDER BY priority, run_at, id LIMIT 1 FOR UPDATE SKIP LOCKED),
    q AS (UPDATE graphile_worker._private_job_queues SET locked_by = ${workerId}, locked_at = now() WHERE id = (SELECT job_queue_id FROM j))
    UPDATE graphile_worker._private_jobs SET locked_by = ${workerId}, locked_at = now(), attempts = attempts + 1
    WHERE id = (SELECT id FROM j) RETURNING key`;
  return rows[0]?.key ?? null;
}

export async function ageEngineJob(db: Db, submissionId: string, ms: number): Promise<void> {
  await db.$executeRaw`UPDATE graphile_worker._private_jobs SET created_at = now() - make_interval(secs => ${ms / 1000}::float8) WHERE key = ${submissionId}`;
}
