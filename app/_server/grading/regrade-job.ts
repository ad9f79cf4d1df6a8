import { platformErrorVerdict } from "../../../graders/judge/assemble";
import type { Verdict } from "../../../graders/verdict";
import type { Db } from "../db/client";
import { writeFailureSummary } from "../failure-summary";
import { exerciseSeed } from "../submissions";
import type { Grader } from "./grader";
import { isPostgres } from "./jobs";

/**
 * The grading side of a regrade (the instructor side is app/_server/regrade.ts): a regrade job grades one already
 * graded submission again with the exercise's current content — the seed and content hash of the current version —
 * and records it in one transaction with its RegradeEntry rows, the learner's recomputed ExerciseProgress and, when
 * it was the run's last entry, the run's end. Both queues call it: the SQLite worker for a GradingJob with a
 * regradeRunId, the PostgreSQL worker for the engine's task "regrade".
 *
 * Idempotent: a job graded twice (a lost lease, a grader killed after the commit) finds no unfinished entry the
 * second time and grades nothing; progress is recomputed from the submissions, never incremented.
 */
type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

export type RegradeOutcome = "regraded" | "nothing-to-do" | "retry";

/** The columns read here are granted to the standalone grader's role (scripts/sql/grader-role.sql). */
export async function runRegradeJob(db: Db, grader: Grader, submissionId: string, attempts: number, maxAttempts: number, log: (line: string) => void): Promise<RegradeOutcome> {
  const [s, pending] = await Promise.all([
    db.submission.findUnique({ where: { id: submissionId }, select: { id: true, userId: true, exerciseId: true, code: true } }),
    db.regradeEntry.count({ where: { submissionId, doneAt: null } }),
  ]);
  if (!s || pending === 0) {
    if (!s && pending > 0) await finishEntries(db, submissionId, null, null);
    return "nothing-to-do";
  }
  const exercise = await db.exercise.findUniqueOrThrow({ where: { id: s.exerciseId }, select: { contentHash: true } });
  const seed = exerciseSeed(s.userId, s.exerciseId, exercise.contentHash);
  const started = performance.now();
  let verdict: Verdict;
  try {
    verdict = await grader.grade({ exerciseId: s.exerciseId, code: s.code, seed, scope: "submit" });
  } catch (error) {
    log(`regrading ${submissionId} failed: ${String(error)}`);
    verdict = platformErrorVerdict({ exerciseId: s.exerciseId, contentHash: exercise.contentHash, seed }, "The grading service failed", performance.now() - started);
  }
  if (verdict.status === "error" && attempts < maxAttempts) return "retry";
  await finishEntries(db, submissionId, verdict.status === "error" ? null : { verdict, seed, contentHash: exercise.contentHash, gradingMs: performance.now() - started }, s);
  return "regraded";
}

interface NewGrade {
  verdict: Verdict;
  seed: number;
  contentHash: string;
  gradingMs: number;
}

/**
 * Stores a regrade: the submission's new verdict (none after a platform error: the old one stays, the entry says
 * ERROR), its entries done, the learner's progress recomputed, finished runs closed, the SQLite job deleted.
 */
async function finishEntries(db: Db, submissionId: string, grade: NewGrade | null, s: { userId: string; exerciseId: string } | null): Promise<void> {
  await db.$transaction(async (tx) => {
    const entries = await tx.regradeEntry.findMany({ where: { submissionId, doneAt: null }, select: { id: true, runId: true } });
    const runIds = [...new Set(entries.map((e) => e.runId))].sort();
    // PostgreSQL: the run's last two entries, finished at once, must not both see the other one unfinished.
    if (isPostgres(db)) for (const runId of runIds) await tx.$executeRaw`SELECT pg_advisory_xact_lock(1301, hashtext(${runId}))`;
    if (grade) {
      // updateMany: no RETURNING of the row (the grader's role may not read verdicts).
      await tx.submission.updateMany({
        where: { id: submissionId },
        data: { status: "GRADED", score: grade.verdict.score, verdict: JSON.stringify(grade.verdict), seed: grade.seed, contentHash: grade.contentHash, gradingMs: Math.round(grade.gradingMs) },
      });
    }
    const now = new Date();
    await tx.regradeEntry.updateMany({
      where: { id: { in: entries.map((e) => e.id) }, doneAt: null },
      data: { doneAt: now, newStatus: grade ? "GRADED" : "ERROR", newScore: grade ? grade.verdict.score : null },
    });
    if (grade && s) {
      // The new verdict's failure summary replaces the old one (analytics reads only the summaries).
      await writeFailureSummary(tx, { id: submissionId, userId: s.userId, exerciseId: s.exerciseId }, grade.verdict);
      await recomputeProgress(tx, s.userId, s.exerciseId, isPostgres(db));
    }
    for (const runId of runIds) {
      const left = await tx.regradeEntry.count({ where: { runId, doneAt: null } });
      if (left === 0) await tx.regradeRun.updateMany({ where: { id: runId, finishedAt: null }, data: { finishedAt: now, activeKey: null } });
    }
    await tx.gradingJob.deleteMany({ where: { submissionId, regradeRunId: { not: null } } });
  });
}

/**
 * A learner's progress on one exercise, computed from their graded submissions (the same rules as recordVerdict
 * applies one verdict at a time): best score (the earliest submission with it), graded attempts, solved at the first
 * full-marks submission's grading time, last submission time. Call it inside a transaction.
 */
export async function recomputeProgress(tx: Tx, userId: string, exerciseId: string, postgres: boolean): Promise<void> {
  const key = { userId, exerciseId };
  // PostgreSQL: lock the row first, so that a live verdict stored meanwhile is either seen here or applied after.
  if (postgres) await tx.$queryRaw`SELECT 1 FROM "ExerciseProgress" WHERE "userId" = ${userId} AND "exerciseId" = ${exerciseId} FOR UPDATE`;
  const graded = await tx.submission.findMany({
    where: { userId, exerciseId, status: "GRADED" },
    select: { id: true, score: true, gradedAt: true, createdAt: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  if (graded.length === 0) return;
  let best = graded[0]!;
  for (const g of graded) if ((g.score ?? 0) > (best.score ?? 0)) best = g;
  const solved = graded.find((g) => (g.score ?? 0) >= 1);
  const data = {
    bestScore: best.score ?? 0,
    bestSubmissionId: best.id,
    attempts: graded.length,
    solvedAt: solved ? (solved.gradedAt ?? solved.createdAt) : null,
    lastSubmittedAt: graded.at(-1)!.createdAt,
  };
  await tx.exerciseProgress.upsert({ where: { userId_exerciseId: key }, create: { ...key, ...data }, update: data });
}
