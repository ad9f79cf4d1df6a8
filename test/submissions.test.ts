import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { VERDICT_VERSION, type Verdict } from "../graders/verdict";
import { AppError } from "../app/_server/errors";
import { createSubmission, recordVerdict, storedVerdict } from "../app/_server/submissions";
import { signUp, type PublicUser } from "../app/_server/users";
import { migratedDatabase, PROVIDERS, type MigratedDatabase } from "./support/databases";

function verdict(status: Verdict["status"], score: number): Verdict {
  return {
    version: VERDICT_VERSION,
    status,
    score,
    exerciseId: "softmax",
    contentHash: "h1",
    seed: 1,
    cases: [],
    console: { text: "", truncated: false },
    timings: { transpileMs: 1, runMs: 2, totalMs: 3 },
  };
}

describe.each(PROVIDERS)("submission storage on %s", (provider) => {
  let d: MigratedDatabase;
  let learner: PublicUser;
  beforeAll(async () => {
    d = await migratedDatabase(provider);
    await d.db.topic.create({ data: { id: "softmax", order: 1, titleEn: "S", titleJa: "S", introEn: "i", introJa: "i", contentHash: "t" } });
    await d.db.exercise.create({ data: { id: "softmax", topicId: "softmax", order: 1, titleEn: "Softmax", titleJa: "ソフトマックス", difficulty: 1, mode: "allclose", contentHash: "h1" } });
    learner = await signUp(d.db, { email: "sub@example.org", displayName: "Sub", password: "correct horse battery" });
  });
  afterAll(async () => {
    await d.drop();
  });

  it("stores a PENDING submission with its seed and content hash; the same client id twice is one submission", async () => {
    const input = { exerciseId: "softmax", code: "export function softmax() {}", clientSubmissionId: "dbl-click-1" };
    const [a, b] = await Promise.all([createSubmission(d.db, learner.id, input), createSubmission(d.db, learner.id, input)]);
    expect(a.submission.id).toBe(b.submission.id);
    expect([a.created, b.created].filter(Boolean).length).toBe(1);
    expect(a.submission).toMatchObject({ status: "PENDING", contentHash: "h1", score: null });
    expect(a.submission.seed).toBeGreaterThan(0);
    expect(await d.db.submission.count({ where: { clientSubmissionId: "dbl-click-1" } })).toBe(1);
  });

  it("refuses unknown exercises (404) and oversized code (400) with messages", async () => {
    await expect(createSubmission(d.db, learner.id, { exerciseId: "nope", code: "x", clientSubmissionId: "c-nope-1" })).rejects.toMatchObject({ status: 404 });
    const big = await createSubmission(d.db, learner.id, { exerciseId: "softmax", code: "x".repeat(110_000), clientSubmissionId: "c-big-001" }).catch((e: AppError) => e);
    expect(big).toBeInstanceOf(AppError);
    expect((big as AppError).fieldErrors.code?.en).toMatch(/larger than 100 KB/);
  });

  it("records verdicts, keeps the best score in progress, and never counts a platform error", async () => {
    const s1 = (await createSubmission(d.db, learner.id, { exerciseId: "softmax", code: "a", clientSubmissionId: "prog-0001" })).submission;
    await recordVerdict(d.db, s1.id, verdict("failed", 0.5), 120);
    const s2 = (await createSubmission(d.db, learner.id, { exerciseId: "softmax", code: "b", clientSubmissionId: "prog-0002" })).submission;
    await recordVerdict(d.db, s2.id, verdict("error", 0), 10);
    const s3 = (await createSubmission(d.db, learner.id, { exerciseId: "softmax", code: "c", clientSubmissionId: "prog-0003" })).submission;
    await recordVerdict(d.db, s3.id, verdict("passed", 1), 90);
    const s4 = (await createSubmission(d.db, learner.id, { exerciseId: "softmax", code: "d", clientSubmissionId: "prog-0004" })).submission;
    await recordVerdict(d.db, s4.id, verdict("failed", 0.25), 80);

    const progress = await d.db.exerciseProgress.findUniqueOrThrow({ where: { userId_exerciseId: { userId: learner.id, exerciseId: "softmax" } } });
    expect(progress).toMatchObject({ bestScore: 1, bestSubmissionId: s3.id, attempts: 3 });
    expect(progress.solvedAt).not.toBeNull();

    const stored = await d.db.submission.findUniqueOrThrow({ where: { id: s2.id } });
    expect(stored).toMatchObject({ status: "ERROR", score: null, gradingMs: 10 });
    expect(storedVerdict(stored)?.status).toBe("error");
    expect((await d.db.submission.findUniqueOrThrow({ where: { id: s3.id } })).status).toBe("GRADED");
  });

  it("stores each submission with its grading job, and removes the job with the verdict", async () => {
    const { submission } = await createSubmission(d.db, learner.id, { exerciseId: "softmax", code: "e", clientSubmissionId: "job-0001" });
    if (provider === "postgresql") {
      // graphile-worker's job, in the learner's named queue; the engine deletes it when the task completes.
      const [job] = await d.db.$queryRaw<{ queue: string; attempts: number; locked_by: string | null }[]>`
        SELECT q.queue_name AS queue, j.attempts, j.locked_by FROM graphile_worker._private_jobs j
        JOIN graphile_worker._private_job_queues q ON q.id = j.job_queue_id WHERE j.key = ${submission.id}`;
      expect(job).toMatchObject({ queue: `learner:${learner.id}`, attempts: 0, locked_by: null });
      return;
    }
    const job = await d.db.gradingJob.findUniqueOrThrow({ where: { submissionId: submission.id } });
    expect(job).toMatchObject({ userId: learner.id, state: "QUEUED", attempts: 0 });
    await recordVerdict(d.db, submission.id, verdict("failed", 0), 5);
    expect(await d.db.gradingJob.findUnique({ where: { submissionId: submission.id } })).toBeNull();
  });

  it("counts progress exactly once when one submission gets two verdicts (a job graded twice after a lost lease)", async () => {
    const fresh = await signUp(d.db, { email: `once-${provider}@example.org`, displayName: "Once", password: "correct horse battery" });
    const { submission } = await createSubmission(d.db, fresh.id, { exerciseId: "softmax", code: "f", clientSubmissionId: "once-0001" });
    const [first, second] = await Promise.all([recordVerdict(d.db, submission.id, verdict("passed", 1), 5), recordVerdict(d.db, submission.id, verdict("passed", 1), 6)]);
    expect([first, second].filter((x) => x !== null).length).toBe(1);
    const progress = await d.db.exerciseProgress.findUniqueOrThrow({ where: { userId_exerciseId: { userId: fresh.id, exerciseId: "softmax" } } });
    expect(progress.attempts).toBe(1);
  });
});
