import { createHash } from "node:crypto";
import { z } from "zod";
import { MAX_CODE_BYTES as SANDBOX_MAX_CODE_BYTES } from "../../graders/sandbox/types";
import type { Verdict } from "../../graders/verdict";
import type { Submission } from "../_generated/sqlite/client";
import type { Db } from "./db/client";
import { AppError, msg, parseInput } from "./errors";
import { createSubmissionEngine, recordVerdictPrisma } from "./grading/engine";
import { isPostgres, newJob, unfinishedJobs } from "./grading/jobs";
import { checkLimit, recordFailure } from "./rate-limit";
import { sqliteDirect } from "./db/sqlite-direct";
import { createSubmissionSqlite, findSubmissionSqlite, recordVerdictSqlite, type SubmitLimit } from "./submissions-sqlite";

export type { SubmitLimit } from "./submissions-sqlite";

/**
 * Storage of submissions: create (idempotent per client submission id) together with its grading job, and record
 * a verdict exactly once. The queue is app/_server/grading/jobs.ts; grading itself lives in graders/.
 */
/** The sandbox's own limit: code the server accepts is code the grader will run. */
export const MAX_CODE_BYTES = SANDBOX_MAX_CODE_BYTES;
/** A platform ERROR is retried (with backoff) up to this many grading attempts, then shown as such. */
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

/**
 * The hidden cases' seed: fixed per (learner, exercise, content version), so resubmitting unchanged code never
 * changes its score (and the best score cannot be raised by luck), while an edited exercise gives new cases — which
 * is what a regrade re-runs. 31 bits of SHA-256, never 0.
 */
export function exerciseSeed(userId: string, exerciseId: string, contentHash: string): number {
  const digest = createHash("sha256").update(`${userId}\0${exerciseId}\0${contentHash}`).digest();
  return (digest.readUInt32BE(0) >>> 1) || 1;
}

const missingExercise = () =>
  new AppError(404, { en: "This exercise does not exist (any more). Go back to the catalog.", ja: "この演習は存在しません（削除された可能性があります）。一覧に戻ってください。" });

/**
 * Stores a submission with its grading job, once per client submission id (a double click or a retry finds the
 * first one). With `limit`, a new submission counts against the learner's submit limit and is refused past it
 * (limit.refused); a retry of an accepted submission never is.
 */
export async function createSubmission(
  db: Db,
  userId: string,
  input: unknown,
  limit?: SubmitLimit,
  /** Runs between the reads and the write on PostgreSQL: lets a test take the pool's connections at that moment. */
  beforeWrite?: () => Promise<void>,
): Promise<{ submission: Submission; created: boolean }> {
  const data = parseInput(submitSchema, input);
  const direct = sqliteDirect(db);
  if (direct) {
    // SQLite: every read and write below in one synchronous transaction (submissions-sqlite.ts).
    return createSubmissionSqlite(direct, { userId, ...data }, (contentHash) => exerciseSeed(userId, data.exerciseId, contentHash), missingExercise, limit);
  }
  // Independent reads, sent together (on PostgreSQL they run on separate connections of the pool).
  const [existing, exercise, turn, limited] = await Promise.all([
    db.submission.findUnique({ where: { userId_clientSubmissionId: { userId, clientSubmissionId: data.clientSubmissionId } } }),
    db.exercise.findUnique({ where: { id: data.exerciseId }, select: { id: true, contentHash: true, active: true } }),
    unfinishedJobs(db, userId),
    limit ? checkLimit(db, limit.key, limit.rule) : null,
  ]);
  if (existing) return { submission: existing, created: false };
  // Refused before anything is written.
  if (limited?.limited) throw limit!.refused(limited.retryAfterMs);
  if (!exercise || !exercise.active) throw missingExercise();
  const row = {
    userId,
    exerciseId: exercise.id,
    code: data.code,
    clientSubmissionId: data.clientSubmissionId,
    seed: exerciseSeed(userId, exercise.id, exercise.contentHash),
    contentHash: exercise.contentHash,
  };
  await beforeWrite?.();
  try {
    // The submission and its grading job are written atomically (durable job): on PostgreSQL a job of the engine in
    // the same statement (grading/engine.ts; null when the clientSubmissionId exists already), on SQLite a
    // GradingJob row created nested.
    const submission = isPostgres(db)
      ? await createSubmissionEngine(db, row, MAX_GRADE_ATTEMPTS)
      : await db.submission.create({ data: { ...row, job: { create: { userId, ...newJob(turn) } } } });
    if (submission) {
      if (limit) await recordFailure(db, limit.key, limit.rule);
      return { submission, created: true };
    }
  } catch (error) {
    if ((error as { code?: string }).code !== "P2002") throw error;
  }
  // A double click that raced the first request: the unique index keeps one, and both callers get it.
  const first = await db.submission.findUnique({ where: { userId_clientSubmissionId: { userId, clientSubmissionId: data.clientSubmissionId } } });
  if (!first) throw new Error(`submission ${data.clientSubmissionId} of ${userId} was refused as a duplicate but does not exist`);
  return { submission: first, created: false };
}

export type RecordedVerdict = Pick<Submission, "id" | "userId" | "exerciseId" | "createdAt" | "status">;

/**
 * Stores the verdict of a submission still waiting for one, removes its job and updates the learner's progress and
 * failure summary, all in one transaction (SQLite: submissions-sqlite.ts; PostgreSQL: the grader's one statement in
 * grading/engine.ts). A verdict with status "error" is the platform's fault: the submission becomes ERROR,
 * costs no attempt and does not touch progress. Otherwise it becomes GRADED.
 *
 * Exactly once: the update is conditional on the submission being PENDING, so when a job was graded twice (its
 * lease ran out while the first grader was still working), the second verdict changes nothing and returns null.
 */
export async function recordVerdict(
  db: Db,
  id: string,
  verdict: Verdict,
  gradingMs: number,
  attempts?: number,
  /** What the grader read already (saves a read inside the transaction). */
  known?: Omit<RecordedVerdict, "status">,
): Promise<RecordedVerdict | null> {
  const direct = sqliteDirect(db);
  if (direct) return recordVerdictSqlite(direct, id, verdict, gradingMs, attempts, known);
  if (!isPostgres(db)) throw new Error("recordVerdict needs a client made by createDb (its SQLite connection is reached directly)");
  // PostgreSQL: the grader's own statement (grading/engine.ts), so that what tests check here is what graders run.
  const row = await recordVerdictPrisma(db, id, verdict, gradingMs, attempts);
  return row ? { ...row, status: verdict.status === "error" ? "ERROR" : "GRADED" } : null;
}

/** One submission by id (SQLite: a direct statement), or null. */
export async function findSubmission(db: Db, id: string): Promise<Submission | null> {
  const direct = sqliteDirect(db);
  return direct ? findSubmissionSqlite(direct, id) : db.submission.findUnique({ where: { id } });
}

export function storedVerdict(submission: Pick<Submission, "verdict">): Verdict | null {
  return submission.verdict ? (JSON.parse(submission.verdict) as Verdict) : null;
}
