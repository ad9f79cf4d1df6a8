import type { Submission } from "../../_generated/sqlite/client";
import type { Verdict } from "../../../graders/verdict";
import type { LocalizedText } from "../../../graders/text";
import type { Db } from "../db/client";
import { AppError, parseInput } from "../errors";
import type { RateLimitRule } from "../rate-limit";
import { createSubmission, findSubmission, storedVerdict, submitSchema } from "../submissions";
import { jobsAhead } from "./jobs";

/** What the page receives about one submission. */
export interface SubmissionView {
  id: string;
  exerciseId: string;
  status: Submission["status"];
  score: number | null;
  verdict: Verdict | null;
  createdAt: string;
  gradedAt: string | null;
  /** While PENDING: waiting for a grader ("queued", with the jobs taken before it) or being graded. */
  queue?: { state: "queued" | "grading"; ahead: number } | null;
}

export function submissionView(s: Submission): SubmissionView {
  return {
    id: s.id,
    exerciseId: s.exerciseId,
    status: s.status,
    score: s.score,
    verdict: storedVerdict(s),
    createdAt: s.createdAt.toISOString(),
    gradedAt: s.gradedAt?.toISOString() ?? null,
  };
}

/**
 * Graded submissions per user and window: enough for honest work, slow enough that probing hidden cases by
 * brute force is not worth it. ML_DOJO_SUBMITS_PER_MINUTE changes the count (e.g. for a timed exam or a benchmark).
 */
export function submitRule(env: Record<string, string | undefined> = process.env): RateLimitRule {
  const configured = Number(env.ML_DOJO_SUBMITS_PER_MINUTE);
  const limit = Number.isInteger(configured) && configured >= 1 ? configured : 10;
  return { limit, windowMs: 60_000 };
}

export function submitLimitedText(retryAfterMs: number): LocalizedText {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return {
    en: `You have submitted many times in the last minute. Wait ${seconds} s before submitting again; meanwhile "Run" checks the visible cases as often as you like. Your code is kept.`,
    ja: `直近 1 分間の提出が多すぎます。${seconds} 秒待ってから提出してください。その間も「実行」なら公開ケースを何度でも確認できます。コードはそのまま残っています。`,
  };
}

/** What the submit path needs from the grading worker of this process (none in a web-only instance). */
export interface SubmitQueue {
  /** A job was queued: look for work now instead of at the next poll. */
  wake(): void;
  /** Resolves true as soon as this process stored the submission's verdict, false after timeoutMs. */
  graded(submissionId: string, timeoutMs: number): Promise<boolean>;
}

/**
 * How long a submit request waits for its verdict before answering PENDING (the page then polls
 * GET /api/submissions/[id]); ML_DOJO_SUBMIT_WAIT_MS changes it.
 */
export function submitWaitMs(env: Record<string, string | undefined> = process.env): number {
  const configured = Number(env.ML_DOJO_SUBMIT_WAIT_MS);
  return Number.isInteger(configured) && configured >= 0 ? configured : 20_000;
}

/**
 * Without notifications a waiting request reads its submission every POLL_MS. With them (this process's worker, or
 * PostgreSQL NOTIFY) it reads only when told, and every NOTIFIED_POLL_MS as a fallback: hundreds of waiting requests
 * polling every 200 ms took the connection pool from the graders on PostgreSQL (p50 11.9 s for 200 submissions).
 */
const POLL_MS = 200;
const NOTIFIED_POLL_MS = 2000;

/** Waits for a verdict: notified at once when it is stored (where possible), else read again every POLL_MS. */
async function waitForVerdict(db: Db, queue: SubmitQueue | null, id: string, waitMs: number): Promise<Submission> {
  const until = Date.now() + waitMs;
  for (;;) {
    const left = until - Date.now();
    // Listen before reading, so that a verdict stored between the read and the wait is not missed.
    const signal = queue ? queue.graded(id, Math.max(0, Math.min(NOTIFIED_POLL_MS, left))) : new Promise((r) => setTimeout(r, Math.max(0, Math.min(POLL_MS, left))));
    const s = await findSubmission(db, id);
    if (!s) throw new AppError(404, { en: "This submission was deleted.", ja: "この提出は削除されました。" });
    if (s.status !== "PENDING" || left <= 0) return s;
    await signal;
  }
}

async function viewWithQueue(db: Db, s: Submission): Promise<SubmissionView> {
  const view = submissionView(s);
  if (s.status === "PENDING") view.queue = await jobsAhead(db, s.id);
  return view;
}

/**
 * Submit: one submission per client submission id (a double click or a retry finds the first one), stored with its
 * grading job in one transaction, then waited for up to waitMs; a PENDING answer carries the submission's place in
 * the queue. Refused with 429 and the wait time when the learner submitted too often; a retry of an already
 * accepted submission is never refused.
 */
export async function submitForGrading(
  db: Db,
  queue: SubmitQueue | null,
  userId: string,
  input: unknown,
  rule: RateLimitRule = submitRule(),
  waitMs: number = submitWaitMs(),
): Promise<SubmissionView> {
  const data = parseInput(submitSchema, input);
  // The limit is checked and counted in the transaction that stores the submission; a retry of an accepted
  // submission (found by the same transaction) is never refused.
  const limit = { key: `submit:${userId}`, rule, refused: (retryAfterMs: number) => new AppError(429, submitLimitedText(retryAfterMs)) };
  const { submission, created } = await createSubmission(db, userId, data, limit);
  if (!created) {
    if (submission.exerciseId !== data.exerciseId) {
      throw new AppError(409, { en: "This submission id was already used for another exercise; reload the page.", ja: "この提出 ID は別の演習で使われています。ページを再読み込みしてください。" });
    }
    if (submission.status !== "PENDING") return submissionView(submission);
    return viewWithQueue(db, await waitForVerdict(db, queue, submission.id, waitMs));
  }
  const until = Date.now() + waitMs;
  // Just created, so certainly PENDING: wait for the grader before the first read (listening before waking it).
  const first = queue && waitMs > 0 ? queue.graded(submission.id, Math.min(waitMs, NOTIFIED_POLL_MS)) : null;
  queue?.wake();
  // (On PostgreSQL the engine's add_job has notified the graders already, at commit.)
  if (await first) {
    // Told the verdict is stored: one read, without arming another wait (a listener and its timer per request).
    const graded = await findSubmission(db, submission.id);
    if (graded && graded.status !== "PENDING") return submissionView(graded);
  }
  return viewWithQueue(db, await waitForVerdict(db, queue, submission.id, Math.max(0, until - Date.now())));
}

/** One of the learner's own submissions, with its code (history: view and restore). */
export async function getOwnSubmission(db: Db, userId: string, id: string): Promise<SubmissionView & { code: string }> {
  const s = await db.submission.findUnique({ where: { id } });
  if (!s || s.userId !== userId) {
    throw new AppError(404, { en: "This submission does not exist or is not yours.", ja: "この提出は存在しないか、あなたのものではありません。" });
  }
  return { ...(await viewWithQueue(db, s)), code: s.code };
}

export interface HistoryEntry {
  id: string;
  status: Submission["status"];
  score: number | null;
  verdictStatus: Verdict["status"] | null;
  createdAt: string;
}

/** The learner's submissions of one exercise, newest first. */
export async function submissionHistory(db: Db, userId: string, exerciseId: string, take = 50): Promise<HistoryEntry[]> {
  const rows = await db.submission.findMany({
    where: { userId, exerciseId },
    // Two submits within one millisecond tie on createdAt; ids (cuid: time, then a counter) keep their order.
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
  });
  return rows.map((s) => ({
    id: s.id,
    status: s.status,
    score: s.score,
    verdictStatus: storedVerdict(s)?.status ?? null,
    createdAt: s.createdAt.toISOString(),
  }));
}
