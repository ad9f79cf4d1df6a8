import { randomBytes } from "node:crypto";
import type { Verdict } from "../../graders/verdict";
import type { Submission } from "../_generated/sqlite/client";
import { fromSqliteDate, fromSqliteDateOrNull, sqliteDate, type SqliteDirect, type SqliteStatements } from "./db/sqlite-direct";
import { AppError } from "./errors";
import { writeFailureSummarySqlite } from "./failure-summary";
import type { RateLimitRule } from "./rate-limit";

/**
 * The submit and verdict transactions of submissions.ts on SQLite, as direct statements (db/sqlite-direct.ts): the
 * same rows and the same guarantees as the Prisma version (one transaction for the submission and its job; the
 * verdict and progress once, conditional on PENDING), in one synchronous transaction each instead of 6 to 8 Prisma
 * calls. PostgreSQL keeps the Prisma version.
 */
export interface SubmitRow {
  userId: string;
  exerciseId: string;
  code: string;
  clientSubmissionId: string;
}

/** Submit limit of the request: the bucket key and its rule (rate-limit.ts). */
export interface SubmitLimit {
  key: string;
  rule: RateLimitRule;
  /** The refusal, given the time until the window ends. */
  refused(retryAfterMs: number): AppError;
}

interface StoredSubmission {
  id: string;
  userId: string;
  exerciseId: string;
  code: string;
  clientSubmissionId: string;
  seed: number;
  status: Submission["status"];
  score: number | null;
  verdict: string | null;
  gradingMs: number | null;
  contentHash: string;
  gradeAttempts: number;
  createdAt: string;
  gradedAt: string | null;
}

function toSubmission(row: StoredSubmission): Submission {
  return { ...row, createdAt: fromSqliteDate(row.createdAt), gradedAt: fromSqliteDateOrNull(row.gradedAt) };
}

const SELECT_SUBMISSION = `SELECT "id", "userId", "exerciseId", "code", "clientSubmissionId", "seed", "status", "score", "verdict", "gradingMs", "contentHash", "gradeAttempts", "createdAt", "gradedAt" FROM "Submission"`;

export async function findSubmissionSqlite(direct: SqliteDirect, id: string): Promise<Submission | null> {
  const row = await direct.run((q) => q.get<StoredSubmission>(`${SELECT_SUBMISSION} WHERE "id" = ?`, id));
  return row ? toSubmission(row) : null;
}

/** A collision-resistant id of Prisma's cuid() shape ("c" + 24 base-36 characters), sortable by creation time. */
let counter = 0;
const fingerprint = (process.pid % 1296).toString(36).padStart(2, "0") + randomBytes(2).readUInt16BE(0).toString(36).slice(0, 2).padStart(2, "0");
export function newCuid(now = Date.now()): string {
  counter = (counter + 1) % 1_679_616;
  const random = randomBytes(6).readUIntBE(0, 6).toString(36).padStart(10, "0").slice(-8);
  return `c${now.toString(36).padStart(8, "0")}${counter.toString(36).padStart(4, "0")}${fingerprint}${random}`;
}

/**
 * One transaction: the learner's submission for this client id if it exists (a double click or a retry), else the
 * submit limit, the exercise, the learner's unfinished jobs (the new job's turn), the submission and its job, and
 * the limit's count. The seed comes from `seedOf` (submissions.ts).
 */
export async function createSubmissionSqlite(
  direct: SqliteDirect,
  data: SubmitRow,
  seedOf: (contentHash: string) => number,
  missingExercise: () => AppError,
  limit?: SubmitLimit,
): Promise<{ submission: Submission; created: boolean }> {
  const now = new Date();
  const at = now.getTime();
  try {
    return await direct.transaction((q) => {
      const existing = q.get<StoredSubmission>(`${SELECT_SUBMISSION} WHERE "userId" = ? AND "clientSubmissionId" = ?`, data.userId, data.clientSubmissionId);
      if (existing) return { submission: toSubmission(existing), created: false };
      const bucket = limit ? q.get<{ count: number; windowStart: string }>(`SELECT "count", "windowStart" FROM "RateLimitBucket" WHERE "key" = ?`, limit.key) : undefined;
      const windowEnds = bucket && limit ? fromSqliteDate(bucket.windowStart).getTime() + limit.rule.windowMs : 0;
      if (bucket && limit && windowEnds > at && bucket.count >= limit.rule.limit) throw limit.refused(windowEnds - at);
      const exercise = q.get<{ id: string; contentHash: string; active: number }>(`SELECT "id", "contentHash", "active" FROM "Exercise" WHERE "id" = ?`, data.exerciseId);
      if (!exercise || !exercise.active) throw missingExercise();
      const turn = q.get<{ n: number }>(`SELECT count(*) AS "n" FROM "GradingJob" WHERE "userId" = ?`, data.userId)!.n;
      const row: StoredSubmission = {
        id: newCuid(at),
        userId: data.userId,
        exerciseId: exercise.id,
        code: data.code,
        clientSubmissionId: data.clientSubmissionId,
        seed: seedOf(exercise.contentHash),
        status: "PENDING",
        score: null,
        verdict: null,
        gradingMs: null,
        contentHash: exercise.contentHash,
        gradeAttempts: 0,
        createdAt: sqliteDate(now),
        gradedAt: null,
      };
      q.run(
        `INSERT INTO "Submission" ("id", "userId", "exerciseId", "code", "clientSubmissionId", "seed", "status", "contentHash", "gradeAttempts", "createdAt") VALUES (?, ?, ?, ?, ?, ?, 'PENDING', ?, 0, ?)`,
        row.id, row.userId, row.exerciseId, row.code, row.clientSubmissionId, row.seed, row.contentHash, row.createdAt,
      );
      q.run(`INSERT INTO "GradingJob" ("submissionId", "userId", "state", "turn", "attempts", "runAfter", "createdAt") VALUES (?, ?, 'QUEUED', ?, 0, ?, ?)`, row.id, row.userId, turn, at, at);
      if (limit) countSubmission(q, limit, bucket, windowEnds, now);
      return { submission: toSubmission(row), created: true };
    });
  } catch (error) {
    // Another process stored the same client id first (one process cannot race itself: the transaction is synchronous).
    if ((error as { code?: string }).code !== "SQLITE_CONSTRAINT_PRIMARYKEY" && (error as { code?: string }).code !== "SQLITE_CONSTRAINT_UNIQUE") throw error;
    const first = await direct.run((q) => q.get<StoredSubmission>(`${SELECT_SUBMISSION} WHERE "userId" = ? AND "clientSubmissionId" = ?`, data.userId, data.clientSubmissionId));
    if (!first) throw error;
    return { submission: toSubmission(first), created: false };
  }
}

/** recordFailure of rate-limit.ts: one more in the window, or the first of a new window when it has ended. */
function countSubmission(q: SqliteStatements, limit: SubmitLimit, bucket: { count: number } | undefined, windowEnds: number, now: Date): void {
  const stamp = sqliteDate(now);
  if (!bucket) q.run(`INSERT INTO "RateLimitBucket" ("key", "count", "windowStart", "updatedAt") VALUES (?, 1, ?, ?)`, limit.key, stamp, stamp);
  else if (windowEnds <= now.getTime()) q.run(`UPDATE "RateLimitBucket" SET "count" = 1, "windowStart" = ?, "updatedAt" = ? WHERE "key" = ?`, stamp, stamp, limit.key);
  else q.run(`UPDATE "RateLimitBucket" SET "count" = "count" + 1, "updatedAt" = ? WHERE "key" = ?`, stamp, limit.key);
}

export interface VerdictOwner {
  id: string;
  userId: string;
  exerciseId: string;
  createdAt: Date;
}

/**
 * recordVerdict of submissions.ts in one transaction: the verdict if the submission is still PENDING, the job
 * removed, and (unless a platform ERROR) the learner's progress. Null when another grader stored it first.
 */
export async function recordVerdictSqlite(
  direct: SqliteDirect,
  id: string,
  verdict: Verdict,
  gradingMs: number,
  attempts: number | undefined,
  known: Omit<VerdictOwner, "id"> | undefined,
): Promise<(VerdictOwner & { status: Submission["status"] }) | null> {
  const isError = verdict.status === "error";
  const status: Submission["status"] = isError ? "ERROR" : "GRADED";
  const json = JSON.stringify(verdict);
  const now = new Date();
  const stamp = sqliteDate(now);
  return direct.transaction((q) => {
    const { changes } = q.run(
      `UPDATE "Submission" SET "status" = ?, "score" = ?, "verdict" = ?, "gradingMs" = ?, "gradedAt" = ?, "gradeAttempts" = coalesce(?, "gradeAttempts") WHERE "id" = ? AND "status" = 'PENDING'`,
      status, isError ? null : verdict.score, json, Math.round(gradingMs), stamp, attempts ?? null, id,
    );
    q.run(`DELETE FROM "GradingJob" WHERE "submissionId" = ?`, id);
    if (changes === 0) return null;
    let owner: VerdictOwner;
    if (known) owner = { id, ...known };
    else {
      const row = q.get<{ userId: string; exerciseId: string; createdAt: string }>(`SELECT "userId", "exerciseId", "createdAt" FROM "Submission" WHERE "id" = ?`, id)!;
      owner = { id, userId: row.userId, exerciseId: row.exerciseId, createdAt: fromSqliteDate(row.createdAt) };
    }
    // What it failed, for cohort analytics (failure-summary.ts): written with the verdict, never parsed from it later.
    writeFailureSummarySqlite(q, owner, verdict);
    if (isError) return { ...owner, status };
    const progress = q.get<{ bestScore: number; solvedAt: string | null; lastSubmittedAt: string }>(
      `SELECT "bestScore", "solvedAt", "lastSubmittedAt" FROM "ExerciseProgress" WHERE "userId" = ? AND "exerciseId" = ?`,
      owner.userId, owner.exerciseId,
    );
    const solved = verdict.status === "passed";
    const submitted = sqliteDate(owner.createdAt);
    if (!progress) {
      q.run(
        `INSERT INTO "ExerciseProgress" ("userId", "exerciseId", "bestScore", "bestSubmissionId", "attempts", "solvedAt", "lastSubmittedAt", "updatedAt") VALUES (?, ?, ?, ?, 1, ?, ?, ?)`,
        owner.userId, owner.exerciseId, verdict.score, id, solved ? stamp : null, submitted, stamp,
      );
    } else {
      const better = verdict.score > progress.bestScore;
      const later = owner.createdAt > fromSqliteDate(progress.lastSubmittedAt);
      q.run(
        `UPDATE "ExerciseProgress" SET "attempts" = "attempts" + 1, "lastSubmittedAt" = ?, "bestScore" = ?, "bestSubmissionId" = CASE WHEN ? THEN ? ELSE "bestSubmissionId" END, "solvedAt" = ?, "updatedAt" = ? WHERE "userId" = ? AND "exerciseId" = ?`,
        later ? submitted : progress.lastSubmittedAt, better ? verdict.score : progress.bestScore, better ? 1 : 0, id,
        solved && !progress.solvedAt ? stamp : progress.solvedAt, stamp, owner.userId, owner.exerciseId,
      );
    }
    return { ...owner, status };
  });
}
