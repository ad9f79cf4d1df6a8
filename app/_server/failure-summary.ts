import { createHash } from "node:crypto";
import type { LocalizedText } from "../../graders/text";
import type { Verdict } from "../../graders/verdict";
import { Prisma } from "../_generated/sqlite/client";
import type { Db } from "./db/client";
import type { SqliteStatements } from "./db/sqlite-direct";

/**
 * A graded submission's failure summary: which cases failed (by their stable name), which messages and runtime
 * errors it showed. Written with the verdict (submissions.ts recordVerdict) into SubmissionFailure, and for older
 * submissions by backfillFailureSummaries at start-up, so that cohort analytics counts small rows in SQL instead of
 * parsing every verdict JSON (3.3 s for 500 students × 40 items).
 */

export type FailureKind = "CASE" | "MESSAGE" | "RUNTIME";

export interface FailureRow {
  kind: FailureKind;
  /** CASE: the case's name; MESSAGE/RUNTIME: the English message without source positions. */
  key: string;
  en: string;
  ja: string;
  /** "visible" | "hidden" for CASE rows, "" otherwise. */
  visibility: string;
}

/** Removes " (line 3, column 5)" / "（3 行 5 列）" that graders/judge/run-errors.ts puts into messages. */
export function withoutPosition(text: LocalizedText): LocalizedText {
  return {
    en: text.en.replace(/ \(line \d+(, column \d+)?\)/g, "").trim(),
    ja: text.ja.replace(/（\d+ 行( \d+ 列)?）/g, "").trim(),
  };
}

const RUNTIME_KINDS = new Set(["runtime-error", "timeout", "memory"]);

/**
 * What a verdict below full score failed, once per (kind, key): the same message in many cases, or on different
 * lines, is one row. A full score or a verdict without cases (unparseable) yields nothing.
 */
export function failureRows(verdict: Verdict, score: number | null = verdict.score): FailureRow[] {
  if (score === null || !(score < 1) || !Array.isArray(verdict.cases)) return [];
  const rows = new Map<string, FailureRow>();
  const add = (kind: FailureKind, key: string, text: LocalizedText, visibility = "") => {
    const k = `${kind}\u0000${key}`;
    if (!key || rows.has(k)) return;
    rows.set(k, { kind, key, en: text.en, ja: text.ja, visibility });
  };
  const message = (kind: "MESSAGE" | "RUNTIME", text: LocalizedText | undefined) => {
    if (!text?.en) return;
    const clean = withoutPosition({ en: text.en, ja: text.ja ?? "" });
    add(kind, clean.en, clean);
  };
  message("MESSAGE", verdict.message);
  if (verdict.compileError) message("MESSAGE", { en: verdict.compileError.message, ja: verdict.compileError.message });
  for (const c of verdict.cases) {
    if (c.status !== "failed") continue;
    add("CASE", c.name, c.label ?? { en: "", ja: "" }, c.visibility);
    message("MESSAGE", c.message);
    if (c.kind && RUNTIME_KINDS.has(c.kind)) message("RUNTIME", c.message);
  }
  return [...rows.values()];
}

/** The text's key in FailureText: 16 hex digits of sha256(kind, key); fixed size, so any message length indexes. */
export function textHash(row: Pick<FailureRow, "kind" | "key">): string {
  return createHash("sha256").update(`${row.kind}\u0000${row.key}`).digest("hex").slice(0, 16);
}

type Tx = Pick<Db, "submissionFailure" | "$executeRaw">;

interface Owner {
  id: string;
  userId: string;
  exerciseId: string;
}

/** Texts are written once, by the first submission that shows them (both dialects accept ON CONFLICT DO NOTHING). */
async function saveTexts(tx: Tx, rows: FailureRow[]): Promise<void> {
  const unique = new Map(rows.map((r) => [textHash(r), r]));
  if (unique.size === 0) return;
  const values = [...unique].map(([hash, r]) => Prisma.sql`(${hash}, ${r.kind}, ${r.key}, ${r.en}, ${r.ja}, ${r.visibility})`);
  await tx.$executeRaw`INSERT INTO "FailureText" ("hash", "kind", "key", "en", "ja", "visibility") VALUES ${Prisma.join(values)} ON CONFLICT ("hash") DO NOTHING`;
}

const link = (s: Owner) => (r: FailureRow) => ({ submissionId: s.id, textHash: textHash(r), userId: s.userId, exerciseId: s.exerciseId });

/**
 * Replaces the summary of one submission (a regrade writes a new verdict over an old one). Called inside the
 * verdict's transaction, so the summary and the verdict never disagree.
 */
export async function writeFailureSummary(tx: Tx, submission: Owner, verdict: Verdict): Promise<void> {
  await tx.submissionFailure.deleteMany({ where: { submissionId: submission.id } });
  // A platform error is no learner's failure (the submission becomes ERROR, which analytics never counts).
  const rows = verdict.status === "error" ? [] : failureRows(verdict);
  if (rows.length === 0) return;
  await saveTexts(tx, rows);
  await tx.submissionFailure.createMany({ data: rows.map(link(submission)) });
}

/**
 * writeFailureSummary for the SQLite fast path (submissions-sqlite.ts), inside its synchronous verdict transaction:
 * the same rows, written with the same statements on the direct connection.
 */
export function writeFailureSummarySqlite(q: SqliteStatements, submission: Owner, verdict: Verdict): void {
  q.run(`DELETE FROM "SubmissionFailure" WHERE "submissionId" = ?`, submission.id);
  const rows = verdict.status === "error" ? [] : failureRows(verdict);
  for (const [hash, r] of new Map(rows.map((r) => [textHash(r), r]))) {
    q.run(`INSERT INTO "FailureText" ("hash", "kind", "key", "en", "ja", "visibility") VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT ("hash") DO NOTHING`, hash, r.kind, r.key, r.en, r.ja, r.visibility);
    q.run(`INSERT INTO "SubmissionFailure" ("submissionId", "textHash", "userId", "exerciseId") VALUES (?, ?, ?, ?)`, submission.id, hash, submission.userId, submission.exerciseId);
  }
}

function parseVerdict(json: string | null): Verdict | null {
  if (!json) return null;
  try {
    const v = JSON.parse(json) as Verdict;
    return v && Array.isArray(v.cases) ? v : null;
  } catch {
    return null;
  }
}

const BACKFILL_BATCH = 500;

/**
 * Summarises graded submissions below full score that have no summary yet (written before summaries existed, or
 * inserted by hand). Idempotent and resumable: a submission with rows is never read again, and when two instances
 * start together the second one's insert of a batch fails on the primary key and is skipped. Run at every start (boot.ts); a verdict that yields no row is read again at the next start (rare:
 * a failing verdict always names a case or a message). SQL alone cannot do it: SQLite has no regular expressions to
 * remove source positions from messages.
 */
export async function backfillFailureSummaries(db: Db): Promise<{ submissions: number; rows: number }> {
  let cursor = "";
  let submissions = 0;
  let rows = 0;
  for (;;) {
    // NOT EXISTS on the summary's primary key; Prisma's `none` filter is a NOT IN that PostgreSQL runs as a plain
    // subplan (per row) once the summaries outgrow work_mem.
    const batch = await db.$queryRaw<{ id: string; userId: string; exerciseId: string; score: number | null; verdict: string | null }[]>`
      SELECT s."id", s."userId", s."exerciseId", s."score", s."verdict" FROM "Submission" s
      WHERE s."status" = 'GRADED' AND s."score" < 1 AND s."id" > ${cursor}
        AND NOT EXISTS (SELECT 1 FROM "SubmissionFailure" f WHERE f."submissionId" = s."id")
      ORDER BY s."id" LIMIT ${BACKFILL_BATCH}`;
    if (batch.length === 0) break;
    cursor = batch[batch.length - 1]!.id;
    const found = batch.flatMap((s) => {
      const verdict = parseVerdict(s.verdict);
      return verdict ? failureRows(verdict, s.score).map((r) => ({ owner: s, row: r })) : [];
    });
    if (found.length) {
      await saveTexts(db, found.map((f) => f.row));
      try {
        await db.submissionFailure.createMany({ data: found.map((f) => link(f.owner)(f.row)) });
      } catch (error) {
        // Another instance starting at the same time summarised these first: theirs are the same rows.
        if ((error as { code?: string }).code !== "P2002") throw error;
      }
    }
    submissions += batch.length;
    rows += found.length;
  }
  return { submissions, rows };
}
