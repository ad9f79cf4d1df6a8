import { z } from "zod";
import type { LocalizedText } from "../../graders/text";
import { requireCohortInstructor } from "./cohorts";
import type { Db } from "./db/client";
import { AppError, msg, parseInput } from "./errors";
import { enqueueRegradeRun } from "./grading/engine";
import { isPostgres, queueRegradeRun } from "./grading/jobs";
import { MAX_GRADE_ATTEMPTS } from "./submissions";

/**
 * Regrade, the instructor's side (the grading side is grading/regrade-job.ts). A cohort's instructor regrades every
 * graded submission of one exercise by the cohort's students — after the exercise's content changed (content sync
 * wrote a new Exercise.contentHash, and submissions keep the hash they were graded with) or on demand.
 *
 * Durable: the run, one RegradeEntry per submission (its old status, score, verdict and content hash) and one
 * grading job per submission are written in one transaction; each job records its result with its entry. Nothing
 * lives in memory, so a server killed mid-run resumes where it stopped (the queue hands the jobs to a grader again).
 * Fair: regrade jobs come after every live job and a run grades one submission at a time (jobs.ts, engine.ts).
 * One at a time: an unfinished run holds activeKey = "<cohort>:<exercise>" (unique), so a second click — by the
 * same or another instructor — gets the running run instead of a second one.
 */
export const startRegradeSchema = z.object({
  exerciseId: z.string({ error: msg("Choose the exercise to regrade.", "再採点する演習を選んでください。") }).min(1).max(100),
});

export interface RegradeRunView {
  id: string;
  exerciseId: string;
  title: LocalizedText;
  createdAt: Date;
  createdBy: string;
  finishedAt: Date | null;
  done: number;
  total: number;
  /** Submissions the platform failed to regrade (their old verdict is kept). */
  errors: number;
}

export interface ScoreChange {
  userId: string;
  displayName: string;
  email: string;
  /** Best score over the regraded submissions before and after, in [0, 1]; null: no graded submission. */
  from: number | null;
  to: number | null;
}

export interface RegradeReport extends RegradeRunView {
  /** Students whose best score changed, by name. */
  changed: ScoreChange[];
  /** Students whose submissions were regraded. */
  students: number;
}

export interface RegradableExercise {
  exerciseId: string;
  title: LocalizedText;
  active: boolean;
  submissions: number;
  students: number;
  /** Submissions graded with another content version than the exercise's current one: "content changed — regrade". */
  stale: number;
}

export interface RegradeOverview {
  cohort: { id: string; name: string; timeZone: string };
  exercises: RegradableExercise[];
  runs: RegradeRunView[];
}

const NOTHING_TO_REGRADE: LocalizedText = {
  en: "No student of this cohort has a graded submission of this exercise, so there is nothing to regrade.",
  ja: "このコホートの学生にはこの演習の採点済み提出がないため、再採点するものはありません。",
};

const NO_SUCH_EXERCISE: LocalizedText = { en: "This exercise does not exist. Reload the page and choose it from the list.", ja: "この演習は存在しません。ページを再読み込みして一覧から選んでください。" };

const RUN_NOT_FOUND = new AppError(404, { en: "This regrade does not exist in this cohort. Go back to the regrade page.", ja: "この再採点はこのコホートにありません。再採点のページに戻ってください。" });

function studentIds(db: Db, cohortId: string): Promise<string[]> {
  return db.enrollment.findMany({ where: { cohortId, role: "STUDENT" }, select: { userId: true } }).then((rows) => rows.map((r) => r.userId));
}

/**
 * Starts a regrade of one exercise for the cohort's students, or returns the unfinished one (started: false). Only
 * GRADED and ERROR submissions are taken: a PENDING one is being graded now, with the content current when it was
 * submitted.
 */
export async function startRegradeAs(db: Db, actorId: string | undefined, cohortId: unknown, input: unknown): Promise<{ runId: string; started: boolean; total: number }> {
  const { actor, cohort } = await requireCohortInstructor(db, actorId, cohortId);
  const { exerciseId } = parseInput(startRegradeSchema, input);
  const exercise = await db.exercise.findUnique({ where: { id: exerciseId }, select: { id: true, contentHash: true } });
  if (!exercise) throw new AppError(404, NO_SUCH_EXERCISE);
  const activeKey = `${cohort.id}:${exercise.id}`;
  const running = await db.regradeRun.findUnique({ where: { activeKey }, select: { id: true, total: true } });
  if (running) return { runId: running.id, started: false, total: running.total };
  const students = await studentIds(db, cohort.id);
  const submissions = await db.submission.findMany({
    where: { exerciseId: exercise.id, userId: { in: students }, status: { in: ["GRADED", "ERROR"] } },
    select: { id: true, userId: true, status: true, score: true, verdict: true, contentHash: true },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  if (submissions.length === 0) throw new AppError(409, NOTHING_TO_REGRADE);
  const postgres = isPostgres(db);
  try {
    const run = await db.$transaction(
      async (tx) => {
        const r = await tx.regradeRun.create({
          data: { cohortId: cohort.id, exerciseId: exercise.id, contentHash: exercise.contentHash, createdById: actor.id, activeKey, total: submissions.length },
        });
        await tx.regradeEntry.createMany({
          data: submissions.map((s) => ({ runId: r.id, submissionId: s.id, userId: s.userId, oldStatus: s.status, oldScore: s.score, oldVerdict: s.verdict, oldContentHash: s.contentHash })),
        });
        if (postgres) await enqueueRegradeRun(tx, r.id, MAX_GRADE_ATTEMPTS);
        else await queueRegradeRun(tx, r.id);
        return r;
      },
      { timeout: 60_000 },
    );
    return { runId: run.id, started: true, total: run.total };
  } catch (error) {
    // Another click won the race for the cohort and exercise: its run is the one.
    if ((error as { code?: string }).code !== "P2002") throw error;
    const winner = await db.regradeRun.findUnique({ where: { activeKey }, select: { id: true, total: true } });
    if (!winner) throw error;
    return { runId: winner.id, started: false, total: winner.total };
  }
}

async function runViews(db: Db, where: { cohortId: string; id?: string }, take: number): Promise<RegradeRunView[]> {
  const runs = await db.regradeRun.findMany({ where, orderBy: { createdAt: "desc" }, take });
  if (runs.length === 0) return [];
  const ids = runs.map((r) => r.id);
  const [done, errors, exercises, people] = await Promise.all([
    db.regradeEntry.groupBy({ by: ["runId"], where: { runId: { in: ids }, doneAt: { not: null } }, _count: { _all: true } }),
    db.regradeEntry.groupBy({ by: ["runId"], where: { runId: { in: ids }, newStatus: "ERROR" }, _count: { _all: true } }),
    db.exercise.findMany({ where: { id: { in: [...new Set(runs.map((r) => r.exerciseId))] } }, select: { id: true, titleEn: true, titleJa: true } }),
    db.user.findMany({ where: { id: { in: [...new Set(runs.map((r) => r.createdById))] } }, select: { id: true, displayName: true } }),
  ]);
  const doneBy = new Map(done.map((g) => [g.runId, g._count._all]));
  const errorsBy = new Map(errors.map((g) => [g.runId, g._count._all]));
  const titles = new Map(exercises.map((e) => [e.id, { en: e.titleEn, ja: e.titleJa }]));
  const names = new Map(people.map((p) => [p.id, p.displayName]));
  return runs.map((r) => ({
    id: r.id,
    exerciseId: r.exerciseId,
    title: titles.get(r.exerciseId) ?? { en: r.exerciseId, ja: r.exerciseId },
    createdAt: r.createdAt,
    createdBy: names.get(r.createdById) ?? "—",
    finishedAt: r.finishedAt,
    done: doneBy.get(r.id) ?? 0,
    total: r.total,
    errors: errorsBy.get(r.id) ?? 0,
  }));
}

/** The regrade page: the exercises the cohort's students submitted (with "content changed" counts) and recent runs. */
export async function regradeOverviewAs(db: Db, actorId: string | undefined, cohortId: unknown): Promise<RegradeOverview> {
  const { cohort } = await requireCohortInstructor(db, actorId, cohortId);
  const students = await studentIds(db, cohort.id);
  const [groups, perStudent] = await Promise.all([
    db.submission.groupBy({ by: ["exerciseId", "contentHash"], where: { userId: { in: students }, status: { in: ["GRADED", "ERROR"] } }, _count: { _all: true } }),
    db.submission.groupBy({ by: ["exerciseId", "userId"], where: { userId: { in: students }, status: { in: ["GRADED", "ERROR"] } } }),
  ]);
  const ids = [...new Set(groups.map((g) => g.exerciseId))];
  const exercises = await db.exercise.findMany({ where: { id: { in: ids } }, select: { id: true, titleEn: true, titleJa: true, contentHash: true, active: true, order: true, topic: { select: { order: true } } } });
  const byId = new Map<string, RegradableExercise>();
  for (const e of exercises) byId.set(e.id, { exerciseId: e.id, title: { en: e.titleEn, ja: e.titleJa }, active: e.active, submissions: 0, students: 0, stale: 0 });
  const current = new Map(exercises.map((e) => [e.id, e.contentHash]));
  for (const g of groups) {
    const row = byId.get(g.exerciseId);
    if (!row) continue;
    row.submissions += g._count._all;
    if (g.contentHash !== current.get(g.exerciseId)) row.stale += g._count._all;
  }
  for (const g of perStudent) {
    const row = byId.get(g.exerciseId);
    if (row) row.students++;
  }
  const order = new Map(exercises.map((e) => [e.id, e.topic.order * 10_000 + e.order]));
  return {
    cohort: { id: cohort.id, name: cohort.name, timeZone: cohort.timeZone },
    exercises: [...byId.values()].sort((a, b) => (order.get(a.exerciseId) ?? 0) - (order.get(b.exerciseId) ?? 0)),
    runs: await runViews(db, { cohortId: cohort.id }, 20),
  };
}

/**
 * One run: progress (n of N) and, per student, the best score over the regraded submissions before and after —
 * the students whose best changed are the report. A platform failure keeps the old score.
 */
export async function regradeReportAs(db: Db, actorId: string | undefined, cohortId: unknown, runId: unknown): Promise<RegradeReport> {
  const { cohort } = await requireCohortInstructor(db, actorId, cohortId);
  if (typeof runId !== "string" || runId.length > 100) throw RUN_NOT_FOUND;
  const [view] = await runViews(db, { cohortId: cohort.id, id: runId }, 1);
  if (!view) throw RUN_NOT_FOUND;
  const entries = await db.regradeEntry.findMany({ where: { runId }, select: { userId: true, oldStatus: true, oldScore: true, newStatus: true, newScore: true, doneAt: true } });
  const best = new Map<string, { from: number | null; to: number | null }>();
  const max = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.max(a, b));
  for (const e of entries) {
    const before = e.oldStatus === "GRADED" ? e.oldScore : null;
    const after = e.doneAt === null || e.newStatus === "ERROR" ? before : e.newScore;
    const b = best.get(e.userId) ?? { from: null, to: null };
    best.set(e.userId, { from: max(b.from, before), to: max(b.to, after) });
  }
  const changedIds = [...best].filter(([, b]) => b.from === null || b.to === null ? b.from !== b.to : Math.abs(b.from - b.to) > 1e-9).map(([id]) => id);
  const users = await db.user.findMany({ where: { id: { in: changedIds } }, select: { id: true, displayName: true, email: true } });
  const changed = users
    .map((u) => ({ userId: u.id, displayName: u.displayName, email: u.email, ...best.get(u.id)! }))
    .sort((a, b) => a.displayName.localeCompare(b.displayName) || a.email.localeCompare(b.email));
  return { ...view, changed, students: best.size };
}
