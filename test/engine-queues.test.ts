import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadExercise } from "../graders/exercise/load";
import { createGraderPool, type GraderPool } from "../graders/supervisor/pool";
import { collectEmptyQueues, enqueueGrade, learnerQueue } from "../app/_server/grading/engine";
import { createGradingWorker } from "../app/_server/grading/worker";
import { createSubmission, MAX_GRADE_ATTEMPTS } from "../app/_server/submissions";
import { signUp } from "../app/_server/users";
import { migratedDatabase, PG_URL, type MigratedDatabase } from "./support/databases";
import { until } from "./support/until";

/**
 * graphile-worker keeps a row per named queue (one per learner here) after its last job, and every job fetch locks
 * the rows of all available queues. These tests run on a real PostgreSQL (TEST_DATABASE_URL).
 */
const softmax = loadExercise("softmax");
const reference = readFileSync(path.join(softmax.dir, "reference.ts"), "utf8");
const quiet = () => {};

describe.skipIf(!PG_URL)("empty per-learner queues on PostgreSQL", () => {
  let d: MigratedDatabase;
  let pool: GraderPool;
  let pgPool: pg.Pool;
  let n = 0;
  beforeAll(async () => {
    d = await migratedDatabase("postgresql");
    pgPool = new pg.Pool({ connectionString: d.url, max: 4 });
    pgPool.on("error", () => {}); // a connection dropped by the database drop at the end
    pool = createGraderPool({ size: 1, log: quiet });
    await pool.ready();
    await d.db.topic.create({ data: { id: "softmax", order: 1, titleEn: "S", titleJa: "S", introEn: "i", introJa: "i", contentHash: "t" } });
    await d.db.exercise.create({ data: { id: "softmax", topicId: "softmax", order: 1, titleEn: "S", titleJa: "S", difficulty: 1, mode: "allclose", contentHash: softmax.contentHash } });
  });
  afterAll(async () => {
    await pool?.close();
    await pgPool?.end();
    await d?.drop();
  });

  const learner = (tag: string) => signUp(d.db, { email: `${tag}-${n++}@example.org`, displayName: tag, password: "correct horse battery" });
  const submit = async (userId: string) =>
    (await createSubmission(d.db, userId, { exerciseId: "softmax", code: reference, clientSubmissionId: `gc-${Date.now()}-${n++}` })).submission;
  const queues = async (userIds: string[]) =>
    (await pgPool.query<{ queue_name: string }>(`SELECT queue_name FROM graphile_worker._private_job_queues WHERE queue_name = ANY($1::text[])`, [userIds.map(learnerQueue)])).rows.map((r) => r.queue_name);
  const graded = (ids: string[]) => async () => (await d.db.submission.count({ where: { id: { in: ids }, status: "PENDING" } })) === 0;

  /** A submit transaction that has called add_job and stays open until release(): resolves once add_job ran. */
  async function openSubmitTransaction(userId: string): Promise<{ release: () => void; committed: Promise<{ id: string }> }> {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let queuedIn!: () => void;
    const queued = new Promise<void>((r) => (queuedIn = r));
    const committed = d.db.$transaction(
      async (tx) => {
        const s = await tx.submission.create({ data: { userId, exerciseId: "softmax", code: reference, clientSubmissionId: `gc-open-${n++}`, seed: 1, contentHash: softmax.contentHash } });
        await enqueueGrade(tx, s.id, userId, MAX_GRADE_ATTEMPTS);
        queuedIn();
        await gate;
        return s;
      },
      { timeout: 20_000 },
    );
    await queued;
    return { release, committed };
  }

  it("removes the queues of learners with nothing queued and keeps the others", async () => {
    const done = await learner("done");
    const waiting = await learner("waiting");
    const first = [await submit(done.id), await submit(waiting.id)];
    const worker = createGradingWorker({ db: d.db, grader: pool, slots: 1, pollMs: 100, queueGcMs: 3_600_000, log: quiet });
    await worker.start();
    await until("the verdicts", graded(first.map((s) => s.id)));
    await worker.stop();
    const later = await submit(waiting.id);
    expect((await queues([done.id, waiting.id])).sort()).toEqual([learnerQueue(done.id), learnerQueue(waiting.id)].sort());

    expect(await collectEmptyQueues(pgPool, quiet)).toBeGreaterThanOrEqual(1);
    expect(await queues([done.id, waiting.id])).toEqual([learnerQueue(waiting.id)]);

    // The kept queue still runs its job, and a learner whose queue was removed gets a new one with the next submission.
    const again = await submit(done.id);
    const worker2 = createGradingWorker({ db: d.db, grader: pool, slots: 1, pollMs: 100, queueGcMs: 3_600_000, log: quiet });
    await worker2.start();
    try {
      await until("the later verdicts", graded([later.id, again.id]));
    } finally {
      await worker2.stop();
    }
  });

  it("never strands a job queued in a transaction still open while the queues are cleaned", async () => {
    const user = await learner("racing");
    const earlier = await submit(user.id);
    const worker = createGradingWorker({ db: d.db, grader: pool, slots: 1, pollMs: 100, queueGcMs: 3_600_000, log: quiet });
    await worker.start();
    await until("the first verdict", graded([earlier.id]));
    await worker.stop();
    expect(await queues([user.id])).toEqual([learnerQueue(user.id)]); // empty, left behind by the engine

    // A submit transaction that has called add_job (which found the learner's empty queue row) and not yet committed.
    const open = await openSubmitTransaction(user.id);
    let cleaned: number | null | undefined;
    const cleaning = collectEmptyQueues(pgPool, quiet, 10_000).then((c) => (cleaned = c));
    await new Promise((r) => setTimeout(r, 500));
    expect(cleaned).toBeUndefined(); // it waits for the open transaction
    open.release();
    const s = await open.committed;
    await cleaning;
    expect(cleaned).not.toBeNull();

    // The job's queue exists, so the engine fetches it and the submission is graded.
    const { rows } = await pgPool.query<{ queue: string | null }>(
      `SELECT q.queue_name AS queue FROM graphile_worker._private_jobs j LEFT JOIN graphile_worker._private_job_queues q ON q.id = j.job_queue_id WHERE j.key = $1`,
      [s.id],
    );
    expect(rows).toEqual([{ queue: learnerQueue(user.id) }]);
    const worker2 = createGradingWorker({ db: d.db, grader: pool, slots: 1, pollMs: 100, queueGcMs: 3_600_000, log: quiet });
    await worker2.start();
    try {
      await until("the verdict of the racing submission", graded([s.id]));
    } finally {
      await worker2.stop();
    }
  });

  it("gives up (and tries again next round) when submissions keep the lock longer than it waits", async () => {
    const user = await learner("busy");
    const open = await openSubmitTransaction(user.id);
    expect(await collectEmptyQueues(pgPool, quiet, 200)).toBeNull();
    open.release();
    await open.committed;
  });

  it("a live grader removes empty queues by itself", async () => {
    const users = await Promise.all([learner("live0"), learner("live1"), learner("live2")]);
    const ids = [];
    for (const u of users) ids.push((await submit(u.id)).id);
    const worker = createGradingWorker({ db: d.db, grader: pool, slots: 1, pollMs: 100, queueGcMs: 200, log: quiet });
    await worker.start();
    try {
      await until("the verdicts", graded(ids));
      await until("the removal of their queues", async () => (await queues(users.map((u) => u.id))).length === 0);
    } finally {
      await worker.stop();
    }
  });
});
