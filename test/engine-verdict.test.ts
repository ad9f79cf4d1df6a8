import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Verdict } from "../graders/verdict";
import { recordVerdictEngine, submissionToGrade } from "../app/_server/grading/engine";
import { createDb } from "../app/_server/db/client";
import { createSubmission, recordVerdict } from "../app/_server/submissions";
import { signUp } from "../app/_server/users";
import { migratedDatabase, PG_URL, type MigratedDatabase } from "./support/databases";

/**
 * The PostgreSQL grader stores a verdict in one statement (engine.ts, recordVerdictEngine); SQLite in one synchronous
 * transaction (submissions-sqlite.ts): the same sequence of verdicts must leave the same submissions and progress.
 */
const verdict = (status: Verdict["status"], score: number): Verdict =>
  ({ schemaVersion: 1, exerciseId: "softmax", status, score, cases: [], totalMs: 1, contentHash: "h", seed: 1 }) as unknown as Verdict;

describe.skipIf(!PG_URL)("storing a verdict on the PostgreSQL grader", () => {
  let d: MigratedDatabase;
  let lite: MigratedDatabase;
  let pgPool: pg.Pool;
  let n = 0;
  beforeAll(async () => {
    d = await migratedDatabase("postgresql");
    lite = await migratedDatabase("sqlite");
    pgPool = new pg.Pool({ connectionString: d.url, max: 2 });
    pgPool.on("error", () => {}); // a connection dropped by the database drop at the end
    for (const { db } of [d, lite]) {
      await db.topic.create({ data: { id: "softmax", order: 1, titleEn: "S", titleJa: "S", introEn: "i", introJa: "i", contentHash: "t" } });
      await db.exercise.create({ data: { id: "softmax", topicId: "softmax", order: 1, titleEn: "S", titleJa: "S", difficulty: 1, mode: "allclose", contentHash: "h" } });
    }
  });
  afterAll(async () => {
    await pgPool?.end();
    await d?.drop();
    await lite?.drop();
  });

  const sequence: Array<[Verdict["status"], number]> = [
    ["failed", 0.5],
    ["error", 0],
    ["passed", 1],
    ["failed", 0.25],
    ["passed", 1],
  ];

  async function play(store: (id: string, v: Verdict, attempts: number) => Promise<boolean>, on: MigratedDatabase = d) {
    const user = await signUp(on.db, { email: `v${n++}@example.org`, displayName: "v", password: "correct horse battery" });
    const ids: string[] = [];
    for (const [i, [status, score]] of sequence.entries()) {
      const { submission } = await createSubmission(on.db, user.id, { exerciseId: "softmax", code: `// ${i}`, clientSubmissionId: `verdict-${n++}` });
      ids.push(submission.id);
      expect(await store(submission.id, verdict(status, score), i + 1)).toBe(true);
      // The same job graded a second time (a lost lease) changes nothing.
      expect(await store(submission.id, verdict("passed", 1), i + 1)).toBe(false);
    }
    const subs = await on.db.submission.findMany({ where: { userId: user.id }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
    const progress = await on.db.exerciseProgress.findUniqueOrThrow({ where: { userId_exerciseId: { userId: user.id, exerciseId: "softmax" } } });
    return {
      submissions: subs.map((s) => ({ status: s.status, score: s.score, verdict: s.verdict, gradingMs: s.gradingMs, gradeAttempts: s.gradeAttempts, graded: s.gradedAt !== null })),
      progress: {
        attempts: progress.attempts,
        bestScore: progress.bestScore,
        best: ids.indexOf(progress.bestSubmissionId ?? ""),
        solvedAfterThird: progress.solvedAt !== null && progress.solvedAt >= subs[2]!.gradedAt! && progress.solvedAt < subs[4]!.gradedAt!,
        lastSubmittedAt: progress.lastSubmittedAt.getTime() === subs[4]!.createdAt.getTime(),
      },
      gradedAt: subs.map((s) => s.gradedAt?.getTime() ?? 0),
    };
  }

  it("leaves the same submissions and progress as SQLite's transaction, counts a job graded twice once, and notifies", async () => {
    const expected = await play(async (id, v, attempts) => (await recordVerdict(lite.db, id, v, 7, attempts)) !== null, lite);

    const listener = new pg.Client({ connectionString: d.url });
    await listener.connect();
    const notified: string[] = [];
    listener.on("notification", (m) => notified.push(m.payload ?? ""));
    await listener.query("LISTEN ml_dojo_verdict");
    const before = Date.now();
    const actual = await play((id, v, attempts) => recordVerdictEngine(pgPool, id, v, 7, attempts));
    await new Promise((r) => setTimeout(r, 300));
    await listener.end();

    expect(actual.submissions).toEqual(expected.submissions);
    expect(actual.progress).toEqual(expected.progress);
    expect(actual.progress).toMatchObject({ attempts: 4, bestScore: 1, best: 2, solvedAfterThird: true, lastSubmittedAt: true });
    // Stored in UTC like Prisma's dates (the columns have no zone): within the test's own time window.
    for (const t of actual.gradedAt) {
      expect(t).toBeGreaterThanOrEqual(before - 1000);
      expect(t).toBeLessThanOrEqual(Date.now() + 1000);
    }
    expect(notified).toHaveLength(sequence.length); // once per stored verdict, not for the second grading
  });

  it("creates a submission and its job in the learner's queue in one statement, and returns the stored row", async () => {
    const user = await signUp(d.db, { email: `c${n++}@example.org`, displayName: "c", password: "correct horse battery" });
    const before = Date.now();
    const input = { exerciseId: "softmax", code: "// created", clientSubmissionId: `create-${n++}-xxxx` };
    const { submission, created } = await createSubmission(d.db, user.id, input);
    expect(created).toBe(true);
    expect(submission).toEqual(await d.db.submission.findUniqueOrThrow({ where: { id: submission.id } }));
    expect(submission).toMatchObject({ status: "PENDING", score: null, verdict: null, gradeAttempts: 0, gradedAt: null, code: "// created" });
    expect(submission.createdAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(submission.createdAt.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
    const { rows } = await pgPool.query(
      `SELECT q.queue_name, j.max_attempts FROM graphile_worker._private_jobs j JOIN graphile_worker._private_job_queues q ON q.id = j.job_queue_id WHERE j.key = $1`,
      [submission.id],
    );
    expect(rows).toEqual([{ queue_name: `learner:${user.id}`, max_attempts: 3 }]);
    // A retry with the same id finds it and queues nothing more.
    const again = await createSubmission(d.db, user.id, input);
    expect(again).toMatchObject({ created: false, submission: { id: submission.id } });
    expect((await pgPool.query(`SELECT count(*)::int AS n FROM graphile_worker._private_jobs WHERE payload->>'submissionId' = $1`, [submission.id])).rows[0].n).toBe(1);
  });

  it("a submit waits for a connection of a busy pool instead of failing (an interactive transaction gave up after 2 s)", async () => {
    // The burst on PostgreSQL answered HTTP 500 to 59 of 500 learners: P2028, "Unable to start a transaction in the
    // given time", when the pool's connections were all taken. One connection, held by another query for 3 s just
    // when the submission is to be stored.
    const narrow = await createDb(d.target, { connections: 1 });
    try {
      const user = await signUp(d.db, { email: `w${n++}@example.org`, displayName: "w", password: "correct horse battery" });
      let held: Promise<unknown> = Promise.resolve();
      const holdTheConnection = async () => {
                held = narrow.$executeRaw`SELECT pg_sleep(3)`.then((v) => v); // a Prisma query starts only when awaited
        await new Promise((r) => setTimeout(r, 200));
      };
      const started = Date.now();
      const { created, submission } = await createSubmission(narrow, user.id, { exerciseId: "softmax", code: "// busy", clientSubmissionId: `busy-pool-${n++}` }, undefined, holdTheConnection);
      await held;
      expect(created).toBe(true);
      expect(submission.status).toBe("PENDING");
      expect(Date.now() - started).toBeGreaterThanOrEqual(2500);
    } finally {
      await narrow.$disconnect();
    }
  });

  it("reads what grading needs of a submission, and nothing for an unknown id", async () => {
    const user = await signUp(d.db, { email: `r${n++}@example.org`, displayName: "r", password: "correct horse battery" });
    const { submission } = await createSubmission(d.db, user.id, { exerciseId: "softmax", code: "// code", clientSubmissionId: `read-submission-${n++}` });
    expect(await submissionToGrade(pgPool, submission.id)).toEqual({ exerciseId: "softmax", code: "// code", seed: submission.seed, status: "PENDING", contentHash: "h" });
    expect(await submissionToGrade(pgPool, "nope")).toBeNull();
  });
});
