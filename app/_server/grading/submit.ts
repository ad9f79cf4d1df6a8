import type { Submission } from "../../_generated/sqlite/client";
import type { Verdict } from "../../../graders/verdict";
import type { LocalizedText } from "../../../graders/text";
import type { Db } from "../db/client";
import { AppError, parseInput } from "../errors";
import { checkLimit, recordFailure, type RateLimitRule } from "../rate-limit";
import { createSubmission, storedVerdict, submitSchema } from "../submissions";
import type { Grader } from "./grader";
import { gradeStored } from "./regrade";

/** What the page receives about one submission. */
export interface SubmissionView {
  id: string;
  exerciseId: string;
  status: Submission["status"];
  score: number | null;
  verdict: Verdict | null;
  createdAt: string;
  gradedAt: string | null;
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

const WAIT_FOR_OTHER_MS = 90_000;

async function waitUntilGraded(db: Db, id: string): Promise<Submission> {
  const until = Date.now() + WAIT_FOR_OTHER_MS;
  for (;;) {
    const s = await db.submission.findUniqueOrThrow({ where: { id } });
    if (s.status !== "PENDING" || Date.now() > until) return s;
    await new Promise((r) => setTimeout(r, 150));
  }
}

/**
 * Submit: one submission per client submission id (a double click or a retry finds the first one), graded now in
 * the sandbox and stored with its verdict and the learner's progress. Refused with 429 and the wait time when the
 * learner submitted too often; a retry of an already accepted submission is never refused.
 */
export async function submitForGrading(db: Db, grader: Grader, userId: string, input: unknown, rule: RateLimitRule = submitRule()): Promise<SubmissionView> {
  const data = parseInput(submitSchema, input);
  const key = `submit:${userId}`;
  const limit = await checkLimit(db, key, rule);
  if (limit.limited) {
    const existing = await db.submission.findUnique({ where: { userId_clientSubmissionId: { userId, clientSubmissionId: data.clientSubmissionId } } });
    if (!existing) throw new AppError(429, submitLimitedText(limit.retryAfterMs));
  }
  const { submission, created } = await createSubmission(db, userId, data);
  if (!created) {
    if (submission.exerciseId !== data.exerciseId) {
      throw new AppError(409, { en: "This submission id was already used for another exercise; reload the page.", ja: "この提出 ID は別の演習で使われています。ページを再読み込みしてください。" });
    }
    return submissionView(submission.status === "PENDING" ? await waitUntilGraded(db, submission.id) : submission);
  }
  await recordFailure(db, key, rule);
  await gradeStored(db, grader, submission);
  return submissionView(await db.submission.findUniqueOrThrow({ where: { id: submission.id } }));
}

/** One of the learner's own submissions, with its code (history: view and restore). */
export async function getOwnSubmission(db: Db, userId: string, id: string): Promise<SubmissionView & { code: string }> {
  const s = await db.submission.findUnique({ where: { id } });
  if (!s || s.userId !== userId) {
    throw new AppError(404, { en: "This submission does not exist or is not yours.", ja: "この提出は存在しないか、あなたのものではありません。" });
  }
  return { ...submissionView(s), code: s.code };
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
    orderBy: { createdAt: "desc" },
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
