import { randomInt } from "node:crypto";
import { z } from "zod";
import { MAX_CODE_BYTES as SANDBOX_MAX_CODE_BYTES } from "../../graders/sandbox/types";
import type { Verdict } from "../../graders/verdict";
import type { Submission } from "../_generated/sqlite/client";
import type { Db } from "./db/client";
import { AppError, msg, parseInput } from "./errors";

/**
 * Storage of submissions: create (idempotent per client submission id), record a verdict or a platform error,
 * and find the work left for the grader (PENDING after a crash, ERROR to retry). Grading itself lives in graders/.
 */
/** The sandbox's own limit: code the server accepts is code the grader will run. */
export const MAX_CODE_BYTES = SANDBOX_MAX_CODE_BYTES;
/** ERROR submissions are retried by the platform up to this many grading attempts. */
export const MAX_GRADE_ATTEMPTS = 3;

export const submitSchema = z.object({
  exerciseId: z.string({ error: msg("Say which exercise this is for.", "どの演習の提出かを指定してください。") }).min(1).max(100),
  code: z
    .string({ error: msg("Send your code as text.", "コードをテキストで送ってください。") })
    .refine((c) => Buffer.byteLength(c, "utf8") <= MAX_CODE_BYTES, {
      error: msg(`Your code is larger than ${MAX_CODE_BYTES / 1024} KB; remove unused parts.`, `コードが ${MAX_CODE_BYTES / 1024} KB を超えています。使っていない部分を削ってください。`),
    }),
  clientSubmissionId: z
    .string({ error: msg("A submission id is missing; reload the page.", "提出 ID がありません。ページを再読み込みしてください。") })
    .min(8)
    .max(100)
    .regex(/^[A-Za-z0-9_-]+$/),
});

export type SubmitInput = z.input<typeof submitSchema>;

export async function createSubmission(db: Db, userId: string, input: unknown): Promise<{ submission: Submission; created: boolean }> {
  const data = parseInput(submitSchema, input);
  const existing = await db.submission.findUnique({ where: { userId_clientSubmissionId: { userId, clientSubmissionId: data.clientSubmissionId } } });
  if (existing) return { submission: existing, created: false };
  const exercise = await db.exercise.findUnique({ where: { id: data.exerciseId }, select: { id: true, contentHash: true, active: true } });
  if (!exercise || !exercise.active) {
    throw new AppError(404, { en: "This exercise does not exist (any more). Go back to the catalog.", ja: "この演習は存在しません（削除された可能性があります）。一覧に戻ってください。" });
  }
  try {
    const submission = await db.submission.create({
      data: {
        userId,
        exerciseId: exercise.id,
        code: data.code,
        clientSubmissionId: data.clientSubmissionId,
        seed: randomInt(1, 2 ** 31 - 1),
        contentHash: exercise.contentHash,
      },
    });
    return { submission, created: true };
  } catch (error) {
    // A double click that raced the first request: the unique index keeps one, and both callers get it.
    if ((error as { code?: string }).code !== "P2002") throw error;
    const first = await db.submission.findUnique({ where: { userId_clientSubmissionId: { userId, clientSubmissionId: data.clientSubmissionId } } });
    if (!first) throw error;
    return { submission: first, created: false };
  }
}

/** Marks the start of a grading attempt (ERROR submissions go back to PENDING while they are graded again). */
export async function startGrading(db: Db, id: string): Promise<void> {
  await db.submission.update({ where: { id }, data: { status: "PENDING", gradeAttempts: { increment: 1 } } });
}

/**
 * Stores a verdict. A verdict with status "error" is the platform's fault: the submission becomes ERROR, costs
 * no attempt and does not touch progress. Otherwise it becomes GRADED and the learner's progress is updated.
 */
export async function recordVerdict(db: Db, id: string, verdict: Verdict, gradingMs: number): Promise<Submission> {
  return db.$transaction(async (tx) => {
    const isError = verdict.status === "error";
    const now = new Date();
    const submission = await tx.submission.update({
      where: { id },
      data: {
        status: isError ? "ERROR" : "GRADED",
        score: isError ? null : verdict.score,
        verdict: JSON.stringify(verdict),
        gradingMs: Math.round(gradingMs),
        gradedAt: now,
      },
    });
    if (isError) return submission;
    const key = { userId: submission.userId, exerciseId: submission.exerciseId };
    const progress = await tx.exerciseProgress.findUnique({ where: { userId_exerciseId: key } });
    const better = !progress || verdict.score > progress.bestScore;
    const solved = verdict.status === "passed";
    await tx.exerciseProgress.upsert({
      where: { userId_exerciseId: key },
      create: { ...key, bestScore: verdict.score, bestSubmissionId: id, attempts: 1, solvedAt: solved ? now : null, lastSubmittedAt: submission.createdAt },
      update: {
        attempts: { increment: 1 },
        lastSubmittedAt: submission.createdAt > (progress?.lastSubmittedAt ?? new Date(0)) ? submission.createdAt : undefined,
        ...(better ? { bestScore: verdict.score, bestSubmissionId: id } : {}),
        ...(solved && !progress?.solvedAt ? { solvedAt: now } : {}),
      },
    });
    return submission;
  });
}

/** The grader could not produce a verdict at all (crash, pool down): ERROR, to be retried. */
export async function recordGradingFailure(db: Db, id: string): Promise<void> {
  await db.submission.update({ where: { id }, data: { status: "ERROR", gradedAt: new Date() } });
}

/** Submissions to grade at start-up: PENDING (left by a crash) and ERROR with attempts left, oldest first. */
export async function submissionsToGrade(db: Db, take = 100): Promise<Submission[]> {
  return db.submission.findMany({
    where: {
      OR: [{ status: "PENDING" }, { status: "ERROR", gradeAttempts: { lt: MAX_GRADE_ATTEMPTS } }],
    },
    orderBy: { createdAt: "asc" },
    take,
  });
}

export function storedVerdict(submission: Pick<Submission, "verdict">): Verdict | null {
  return submission.verdict ? (JSON.parse(submission.verdict) as Verdict) : null;
}
