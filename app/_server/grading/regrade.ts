import type { Db } from "../db/client";
import { recordGradingFailure, recordVerdict, startGrading, submissionsToGrade } from "../submissions";
import type { Grader } from "./grader";

/** A PENDING submission younger than this may still be graded by another instance right now; leave it alone. */
export const PENDING_GRACE_MS = 2 * 60 * 1000;

/** Grades one stored submission now and records the result; a grader that throws leaves it ERROR (retried later). */
export async function gradeStored(db: Db, grader: Grader, submission: { id: string; exerciseId: string; code: string; seed: number }): Promise<void> {
  await startGrading(db, submission.id);
  const started = performance.now();
  try {
    const verdict = await grader.grade({ exerciseId: submission.exerciseId, code: submission.code, seed: submission.seed, scope: "submit" });
    await recordVerdict(db, submission.id, verdict, performance.now() - started);
  } catch (error) {
    console.error(`[ml-dojo] grading submission ${submission.id} failed:`, error);
    await recordGradingFailure(db, submission.id);
  }
}

/**
 * At start-up: grades again what a crash left PENDING and retries ERROR verdicts (platform faults) that still have
 * attempts left. One at a time, oldest first, so that a restart does not flood the graders.
 */
export async function regradeLeftovers(db: Db, grader: Grader, now = new Date()): Promise<{ regraded: number }> {
  const todo = await submissionsToGrade(db);
  let regraded = 0;
  for (const s of todo) {
    if (s.status === "PENDING" && now.getTime() - s.createdAt.getTime() < PENDING_GRACE_MS) continue;
    await gradeStored(db, grader, s);
    regraded++;
  }
  return { regraded };
}
