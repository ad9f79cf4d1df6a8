import { z } from "zod";
import type { LocalizedText } from "../../graders/text";
import type { Verdict } from "../../graders/verdict";
import { Prisma, type AssignmentKind, type LatePolicy } from "../_generated/sqlite/client";
import { COHORT_NOT_FOUND, requireCohortInstructor } from "./cohorts";
import type { Db } from "./db/client";
import { AppError } from "./errors";
import type { SubmissionExportRow } from "./csv";
import { bestUnderPolicy, countedScore, daysLate, quizScoreUnderPolicy, type LateRules } from "./late-policy";
import { applyOverrides, type CellOverride } from "./overrides";
import { storedVerdict } from "./submissions";

/**
 * The gradebook of a cohort: every enrolled student × every assigned item, with the best score under the item's
 * late policy, the number of graded attempts, the last submission time and a late flag; totals per student and
 * per item. Scores are fractions in [0, 1]; pages and CSV show them as percentages with one decimal (`percent`).
 */
export interface GradebookItem extends LateRules {
  opensAt: Date;
  assignmentId: string;
  kind: AssignmentKind;
  /** The exercise id (EXERCISE) or the topic id (QUIZ). */
  refId: string;
  title: LocalizedText;
  /** Retired content stays in the gradebook with its submissions. */
  active: boolean;
}

export interface GradebookStudent {
  userId: string;
  displayName: string;
  email: string;
  enrolledAt: Date;
}

export interface GradebookCell {
  /** Best score under the late policy, in [0, 1] (0 when every attempt was refused); null when nothing was submitted. */
  score: number | null;
  /** Graded submissions (exercises) or answers (quizzes); platform errors never count. */
  attempts: number;
  lastSubmittedAt: Date | null;
  /** The counted score comes from late work, or the work was all late and refused (late-policy.ts). */
  late: boolean;
  /** Set when an instructor overrode the score (overrides.ts): `score` is the override, this the computed one. */
  override?: CellOverride;
}

export interface GradebookRow {
  student: GradebookStudent;
  /** In the order of `items`. */
  cells: GradebookCell[];
  /** Mean of the item scores, missing work counted as 0. */
  total: number;
  submitted: number;
  late: number;
}

export interface ItemTotal {
  /** Mean over students, missing work counted as 0. */
  mean: number;
  submitted: number;
  /** Students with full marks. */
  solved: number;
  late: number;
}

export interface Gradebook {
  cohort: { id: string; name: string; timeZone: string };
  items: GradebookItem[];
  rows: GradebookRow[];
  itemTotals: ItemTotal[];
  /** Mean of the students' totals. */
  cohortMean: number;
}

export function percent(score: number): number {
  return Math.round(score * 1000) / 10;
}

/**
 * Values keyed by student and a second id (an assignment, an exercise or a topic: an exercise and a topic's quiz may
 * share an id, "softmax"). Two map levels rather than one joined string key: 20,000 joined keys a gradebook are
 * 20,000 strings to build, flatten and hash, a measured share of its time.
 */
class PairMap<V> {
  private readonly outer = new Map<string, Map<string, V>>();
  get(userId: string, id: string): V | undefined {
    return this.outer.get(userId)?.get(id);
  }
  set(userId: string, id: string, value: V): void {
    let inner = this.outer.get(userId);
    if (!inner) this.outer.set(userId, (inner = new Map()));
    inner.set(id, value);
  }
}

export async function loadItems(db: Db, cohortId: string): Promise<GradebookItem[]> {
  const assignments = await db.assignment.findMany({
    where: { cohortId },
    orderBy: [{ dueAt: "asc" }, { createdAt: "asc" }],
    select: {
      id: true,
      kind: true,
      exerciseId: true,
      topicId: true,
      opensAt: true,
      dueAt: true,
      latePolicy: true,
      penaltyPerDay: true,
      exercise: { select: { titleEn: true, titleJa: true, active: true } },
      topic: { select: { titleEn: true, titleJa: true, active: true } },
    },
  });
  return assignments.flatMap((a): GradebookItem[] => {
    const ref = a.kind === "EXERCISE" ? a.exercise : a.topic;
    const refId = a.kind === "EXERCISE" ? a.exerciseId : a.topicId;
    if (!ref || !refId) return [];
    const title: LocalizedText =
      a.kind === "EXERCISE" ? { en: ref.titleEn, ja: ref.titleJa } : { en: `Quiz: ${ref.titleEn}`, ja: `クイズ: ${ref.titleJa}` };
    return [
      {
        assignmentId: a.id,
        kind: a.kind,
        refId,
        title,
        active: ref.active,
        opensAt: a.opensAt,
        dueAt: a.dueAt,
        latePolicy: a.latePolicy as LatePolicy,
        penaltyPerDay: a.penaltyPerDay,
      },
    ];
  });
}

export async function loadStudents(db: Db, cohortId: string): Promise<GradebookStudent[]> {
  const enrollments = await db.enrollment.findMany({
    where: { cohortId, role: "STUDENT" },
    select: { createdAt: true, user: { select: { id: true, displayName: true, email: true } } },
  });
  return enrollments
    .map((e) => ({ userId: e.user.id, displayName: e.user.displayName, email: e.user.email, enrolledAt: e.createdAt }))
    .sort((a, b) => a.displayName.localeCompare(b.displayName) || a.email.localeCompare(b.email));
}

/** A timestamp from raw SQL: PostgreSQL gives a Date; SQLite gives Prisma's stored text ("…T14:59:00.500+00:00"). */
function sqlDate(value: Date | string | null): Date | null {
  if (value === null) return null;
  return value instanceof Date ? value : new Date(value);
}

/**
 * Exercise cells from three SQL queries over the cohort's students and assigned exercises, joined in the database
 * (no list of 500 ids sent along). The first gives, per student and exercise, the count and last time and the
 * best on-time score (never penalized, so one maximum stands for all of them); the second the best late score
 * with the first late time: under ACCEPT every late score counts as it is and under REJECT none does, so one late
 * entry stands for all of them too. Only a PENALTY item needs its late submissions row by row, since the penalty
 * depends on each one's time: the third query. late-policy.ts then picks the best counted score from these stand-ins
 * (test/gradebook.test.ts checks it against every submission for random histories).
 *
 * Raw SQL because Prisma's groupBy and OR filters cost 4-7x the database's own time here (bench:gradebook); the
 * index on (exerciseId, userId, status, createdAt, score) covers all three. Grouping by the two primary keys
 * follows SQLite's join order, so it aggregates without sorting (30 % faster); PostgreSQL accepts the selected
 * columns because they depend on those keys. Both dialects accept this SQL:
 * quoted identifiers, enum values compared as text, and timestamps compared column to column (SQLite stores them
 * as text of one fixed format, so text order is time order).
 */
async function exerciseCells(db: Db, cohortId: string, items: GradebookItem[], cells: PairMap<GradebookCell>): Promise<void> {
  const exercises = items.filter((i) => i.kind === "EXERCISE");
  if (exercises.length === 0) return;
  const byExercise = new Map(exercises.map((i) => [i.refId, i]));
  // Late work is a tenth of all work or less: its aggregates scan only late index entries (createdAt > dueAt).
  // The main aggregate runs as two queries over halves of the assignments: PostgreSQL then works on both with two
  // backends at once (its planner does not parallelize this join itself); SQLite runs them one after the other.
  const ids = exercises.map((i) => i.assignmentId);
  const halves = [ids.slice(0, Math.ceil(ids.length / 2)), ids.slice(Math.ceil(ids.length / 2))].filter((h) => h.length > 0);
  const [groupHalves, lateGroups, penalized] = await Promise.all([
    Promise.all(
      halves.map(
        (half) => db.$queryRaw<{ userId: string; exerciseId: string; attempts: number | bigint; last: Date | string; onTimeBest: number | null }[]>`
      SELECT e."userId", a."exerciseId", COUNT(*) AS "attempts", MAX(s."createdAt") AS "last",
             MAX(CASE WHEN s."createdAt" <= a."dueAt" THEN s."score" END) AS "onTimeBest"
      FROM "Assignment" a
      JOIN "Enrollment" e ON e."cohortId" = a."cohortId" AND e."role" = 'STUDENT'
      JOIN "Submission" s ON s."exerciseId" = a."exerciseId" AND s."userId" = e."userId" AND s."status" = 'GRADED'
      WHERE a."cohortId" = ${cohortId} AND a."kind" = 'EXERCISE' AND a."id" IN (${Prisma.join(half)})
      GROUP BY a."id", e."id"`,
      ),
    ),
    db.$queryRaw<{ userId: string; exerciseId: string; lateBest: number | null; firstLate: Date | string }[]>`
      SELECT e."userId", a."exerciseId", MAX(s."score") AS "lateBest", MIN(s."createdAt") AS "firstLate"
      FROM "Assignment" a
      JOIN "Enrollment" e ON e."cohortId" = a."cohortId" AND e."role" = 'STUDENT'
      JOIN "Submission" s ON s."exerciseId" = a."exerciseId" AND s."userId" = e."userId" AND s."status" = 'GRADED' AND s."createdAt" > a."dueAt"
      WHERE a."cohortId" = ${cohortId} AND a."kind" = 'EXERCISE' AND a."latePolicy" <> 'PENALTY'
      GROUP BY a."id", e."id"`,
    db.$queryRaw<{ userId: string; exerciseId: string; score: number | null; createdAt: Date | string }[]>`
      SELECT s."userId", s."exerciseId", s."score", s."createdAt"
      FROM "Assignment" a
      JOIN "Enrollment" e ON e."cohortId" = a."cohortId" AND e."role" = 'STUDENT'
      JOIN "Submission" s ON s."exerciseId" = a."exerciseId" AND s."userId" = e."userId" AND s."status" = 'GRADED' AND s."createdAt" > a."dueAt"
      WHERE a."cohortId" = ${cohortId} AND a."kind" = 'EXERCISE' AND a."latePolicy" = 'PENALTY'`,
  ]);
  const lateStandIn = new PairMap<{ score: number | null; createdAt: Date }>();
  for (const g of lateGroups) lateStandIn.set(g.userId, g.exerciseId, { score: g.lateBest === null ? null : Number(g.lateBest), createdAt: sqlDate(g.firstLate)! });
  const penalties = new PairMap<{ score: number | null; createdAt: Date }[]>();
  for (const s of penalized) {
    const w = { score: s.score === null ? null : Number(s.score), createdAt: sqlDate(s.createdAt)! };
    const list = penalties.get(s.userId, s.exerciseId);
    if (list) list.push(w);
    else penalties.set(s.userId, s.exerciseId, [w]);
  }
  for (const g of groupHalves.flat()) {
    const item = byExercise.get(g.exerciseId);
    if (!item) continue;
    // The due instant stands for the on-time best: on time, and earlier than any late work, so it wins ties.
    const work: { score: number | null; createdAt: Date }[] = g.onTimeBest === null ? [] : [{ score: Number(g.onTimeBest), createdAt: item.dueAt }];
    if (item.latePolicy === "PENALTY") work.push(...(penalties.get(g.userId, g.exerciseId) ?? []));
    else {
      const late = lateStandIn.get(g.userId, g.exerciseId);
      if (late) work.push(late);
    }
    const best = bestUnderPolicy(work, item);
    cells.set(g.userId, item.assignmentId, { score: best.score ?? 0, attempts: Number(g.attempts), lastSubmittedAt: sqlDate(g.last), late: best.late });
  }
}

/** Quiz cells: late-policy.ts scores the topic's active items; attempts count every answer to them. */
async function quizCells(db: Db, cohortId: string, items: GradebookItem[], userIds: string[], cells: PairMap<GradebookCell>): Promise<void> {
  const quizzes = items.filter((i) => i.kind === "QUIZ");
  if (quizzes.length === 0 || userIds.length === 0) return;
  const quizItems = await db.quizItem.findMany({
    where: { topicId: { in: quizzes.map((q) => q.refId) }, active: true },
    select: { id: true, topicId: true },
  });
  const topicOf = new Map(quizItems.map((q) => [q.id, q.topicId]));
  // Joined in SQL like the exercise cells (no list of the students' ids sent along); `correct` is 0/1 in SQLite.
  // An answer counts toward an assignment when it was given for it (graded mode), or, given outside any
  // assignment, after the assignment opened and after the learner joined the cohort; never one made for another
  // cohort's assignment. `credit` carries the reveal and the attempt decay.
  const rows = await db.$queryRaw<{ userId: string; quizItemId: string; correct: boolean | number | bigint; credit: number; createdAt: Date | string }[]>`
    SELECT q."userId", q."quizItemId", q."correct", q."credit", q."createdAt"
    FROM "Assignment" a
    JOIN "Enrollment" e ON e."cohortId" = a."cohortId" AND e."role" = 'STUDENT'
    JOIN "QuizItem" i ON i."topicId" = a."topicId"
    JOIN "QuizAttempt" q ON q."quizItemId" = i."id" AND q."userId" = e."userId"
    WHERE a."cohortId" = ${cohortId} AND a."kind" = 'QUIZ'
      AND (q."assignmentId" = a."id" OR (q."assignmentId" IS NULL AND q."createdAt" >= a."opensAt" AND q."createdAt" >= e."createdAt"))`;
  const answers = rows.flatMap((r) =>
    topicOf.has(r.quizItemId) ? [{ userId: r.userId, quizItemId: r.quizItemId, correct: Boolean(Number(r.correct)), credit: Number(r.credit), createdAt: sqlDate(r.createdAt)! }] : [],
  );
  const byCell = new PairMap<typeof answers>();
  for (const a of answers) {
    const topicId = topicOf.get(a.quizItemId)!;
    const list = byCell.get(a.userId, topicId);
    if (list) list.push(a);
    else byCell.set(a.userId, topicId, [a]);
  }
  for (const q of quizzes) {
    const itemIds = quizItems.filter((i) => i.topicId === q.refId).map((i) => i.id);
    for (const userId of userIds) {
      const list = byCell.get(userId, q.refId);
      if (!list) continue;
      const r = quizScoreUnderPolicy(itemIds, list, q);
      // A mean of thirds must show full marks as 100, not 99.99999.
      const score = Math.min(1, Math.round((r.score ?? 0) * 1e9) / 1e9);
      cells.set(userId, q.assignmentId, { score, attempts: r.attempts, lastSubmittedAt: r.lastSubmittedAt, late: r.late });
    }
  }
}

const NO_WORK: GradebookCell = Object.freeze({ score: null, attempts: 0, lastSubmittedAt: null, late: false });

/** Builds the gradebook without any access check; callers use gradebookAs. */
export async function buildGradebook(db: Db, cohortId: string): Promise<Gradebook> {
  const cohort = await db.cohort.findUnique({ where: { id: cohortId }, select: { id: true, name: true, timeZone: true } });
  if (!cohort) throw COHORT_NOT_FOUND;
  const [items, students] = await Promise.all([loadItems(db, cohortId), loadStudents(db, cohortId)]);
  const userIds = students.map((s) => s.userId);
  const found = new PairMap<GradebookCell>();
  await Promise.all([exerciseCells(db, cohortId, items, found), quizCells(db, cohortId, items, userIds, found)]);
  await applyOverrides(db, items.map((i) => i.assignmentId), userIds, (u, i) => found.get(u, i), (u, i, c) => found.set(u, i, c), NO_WORK);

  const itemTotals: ItemTotal[] = items.map(() => ({ mean: 0, submitted: 0, solved: 0, late: 0 }));
  const rows = students.map((student): GradebookRow => {
    let sum = 0;
    let submitted = 0;
    let late = 0;
    const cells = items.map((item, i) => {
      const cell = found.get(student.userId, item.assignmentId) ?? NO_WORK;
      const t = itemTotals[i]!;
      if (cell.score !== null) {
        sum += cell.score;
        submitted++;
        t.mean += cell.score;
        t.submitted++;
        if (cell.score >= 1) t.solved++;
      }
      if (cell.late) {
        late++;
        t.late++;
      }
      return cell;
    });
    return { student, cells, total: items.length ? sum / items.length : 0, submitted, late };
  });
  for (const t of itemTotals) t.mean = rows.length ? t.mean / rows.length : 0;
  const cohortMean = rows.length ? rows.reduce((s, r) => s + r.total, 0) / rows.length : 0;
  return { cohort, items, rows, itemTotals, cohortMean };
}

export async function gradebookAs(db: Db, actorId: string | undefined, cohortId: string): Promise<Gradebook> {
  await requireCohortInstructor(db, actorId, cohortId);
  return buildGradebook(db, cohortId);
}

/** What the gradebook page shows: from the URL, so a sorted, filtered view can be bookmarked and works without JS. */
export const gradebookViewSchema = z.object({
  q: z.string().trim().max(100).catch(""),
  /** "name", "email", "total", "enrolled", or an assignment id to sort by that item's score. */
  sort: z.string().max(100).catch("name"),
  dir: z.enum(["asc", "desc"]).catch("asc"),
  /** late: students with late work; missing: students with an item not submitted. */
  show: z.enum(["all", "late", "missing"]).catch("all"),
});

export type GradebookView = z.infer<typeof gradebookViewSchema>;

export function parseGradebookView(params: Record<string, string | string[] | undefined>): GradebookView {
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  return gradebookViewSchema.parse({ q: first(params.q) ?? "", sort: first(params.sort) ?? "name", dir: first(params.dir) ?? "asc", show: first(params.show) ?? "all" });
}

/** The rows to show, filtered and sorted; ties fall back to the name, so the order is stable. */
export function viewRows(gradebook: Gradebook, view: GradebookView): GradebookRow[] {
  const q = view.q.toLowerCase();
  const itemIndex = gradebook.items.findIndex((i) => i.assignmentId === view.sort);
  const rows = gradebook.rows.filter((r) => {
    if (q && !r.student.displayName.toLowerCase().includes(q) && !r.student.email.includes(q)) return false;
    if (view.show === "late") return r.late > 0;
    if (view.show === "missing") return r.submitted < gradebook.items.length;
    return true;
  });
  const byName = (a: GradebookRow, b: GradebookRow) => a.student.displayName.localeCompare(b.student.displayName) || a.student.email.localeCompare(b.student.email);
  // Missing work sorts below a score of 0 in either direction of "desc" reading: it is "less than nothing done".
  const value = (r: GradebookRow): number | string => {
    if (itemIndex >= 0) return r.cells[itemIndex]?.score ?? -1;
    if (view.sort === "total") return r.total;
    if (view.sort === "email") return r.student.email;
    if (view.sort === "enrolled") return r.student.enrolledAt.getTime();
    return "";
  };
  const sign = view.dir === "desc" ? -1 : 1;
  return rows.sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    const c = typeof va === "number" && typeof vb === "number" ? va - vb : String(va).localeCompare(String(vb));
    return c !== 0 ? sign * c : sign * byName(a, b);
  });
}

/** "2026-11-25T20:10:05+09:00": the cohort's local time with its offset, unambiguous in a CSV. */
export function isoInZone(date: Date, timeZone: string): string {
  const ms = date.getTime();
  const offset = Number.isFinite(ms) ? steadyOffset(ms, timeZone) : null;
  if (offset === null) {
    const p = zoneParts(date, timeZone);
    return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}${p.offset}`;
  }
  // The wall clock is UTC shifted by the offset, written out by arithmetic (seconds truncated, as Intl does).
  const local = ms + offset.minutes * 60_000;
  const day = Math.floor(local / DAY_MS);
  let ymd = dayStrings.get(day);
  if (ymd === undefined) {
    ymd = new Date(day * DAY_MS).toISOString().slice(0, 10);
    if (dayStrings.size >= 100_000) dayStrings.clear();
    dayStrings.set(day, ymd);
  }
  const t = Math.floor((local - day * DAY_MS) / 1000);
  return `${ymd}T${TWO_DIGITS[Math.floor(t / 3600)]}:${TWO_DIGITS[Math.floor(t / 60) % 60]}:${TWO_DIGITS[t % 60]}${offset.text}`;
}

/**
 * Intl is correct but slow (~10 µs a call): an export of 100,000 submissions spent seconds in it. Offsets change
 * only at DST and other transitions, months apart and on whole quarter hours. So the offset is looked up once per
 * zone and UTC day, trusted when it is the same at both ends of the day; on a day with a transition, once per
 * quarter hour the same way; and only if a quarter hour still disagrees (never, in today's tzdb) Intl is asked
 * for that instant (null).
 */
const DAY_MS = 24 * 60 * 60 * 1000;
const QUARTER_HOUR_MS = 15 * 60 * 1000;
const TWO_DIGITS = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, "0"));
const dayStrings = new Map<number, string>();

interface Offset {
  text: string;
  minutes: number;
}

const zoneOffsets = new Map<string, { days: Map<number, Offset | null>; quarters: Map<number, Offset | null> }>();

function bucketOffset(buckets: Map<number, Offset | null>, bucket: number, size: number, timeZone: string): Offset | null {
  let offset = buckets.get(bucket);
  if (offset === undefined) {
    const start = zoneParts(new Date(bucket * size), timeZone).offset;
    const end = zoneParts(new Date((bucket + 1) * size - 1), timeZone).offset;
    // "+05:45" only: historical offsets with seconds ("+09:18:59") take the exact path.
    offset =
      start === end && /^[+-]\d{2}:\d{2}$/.test(start)
        ? { text: start, minutes: (start[0] === "-" ? -1 : 1) * (Number(start.slice(1, 3)) * 60 + Number(start.slice(4, 6))) }
        : null;
    if (buckets.size >= 100_000) buckets.clear();
    buckets.set(bucket, offset);
  }
  return offset;
}

function steadyOffset(ms: number, timeZone: string): Offset | null {
  let zone = zoneOffsets.get(timeZone);
  if (!zone) {
    zone = { days: new Map(), quarters: new Map() };
    zoneOffsets.set(timeZone, zone);
  }
  return bucketOffset(zone.days, Math.floor(ms / DAY_MS), DAY_MS, timeZone) ?? bucketOffset(zone.quarters, Math.floor(ms / QUARTER_HOUR_MS), QUARTER_HOUR_MS, timeZone);
}

/** One formatter per zone: constructing one costs ~100× a format, and a CSV export formats one per submission. */
const isoFormats = new Map<string, Intl.DateTimeFormat>();

function zoneParts(date: Date, timeZone: string) {
  let format = isoFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
      timeZoneName: "longOffset",
    });
    isoFormats.set(timeZone, format);
  }
  const parts = format.formatToParts(date);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  // "GMT+09:00" → "+09:00"; plain "GMT" is UTC.
  const offset = get("timeZoneName").replace("GMT", "") || "+00:00";
  return { year: get("year"), month: get("month"), day: get("day"), hour: get("hour"), minute: get("minute"), second: get("second"), offset };
}

/**
 * Whether a quiz answer counts toward a quiz assignment (the rule of quizCells' SQL): given for it (graded mode), or
 * outside any assignment after it opened and after the learner joined the cohort.
 */
export function answerCountsToward(given: string | null, createdAt: Date, item: Pick<GradebookItem, "assignmentId" | "opensAt">, enrolledAt: Date): boolean {
  return given === item.assignmentId || (given === null && createdAt >= item.opensAt && createdAt >= enrolledAt);
}

/** Every exercise submission and quiz answer of the cohort's students on its assigned items, for the CSV export. */
export async function cohortWork(db: Db, cohortId: string): Promise<{ cohort: Gradebook["cohort"]; rows: SubmissionExportRow[] }> {
  const cohort = await db.cohort.findUnique({ where: { id: cohortId }, select: { id: true, name: true, timeZone: true } });
  if (!cohort) throw COHORT_NOT_FOUND;
  const [items, students] = await Promise.all([loadItems(db, cohortId), loadStudents(db, cohortId)]);
  const userIds = students.map((s) => s.userId);
  const who = new Map(students.map((s) => [s.userId, s]));
  const exercises = new Map(items.filter((i) => i.kind === "EXERCISE").map((i) => [i.refId, i]));
  const quizzes = new Map(items.filter((i) => i.kind === "QUIZ").map((i) => [i.refId, i]));
  const [submissions, answers] = await Promise.all([
    exercises.size && userIds.length
      ? db.submission.findMany({
          where: { userId: { in: userIds }, exerciseId: { in: [...exercises.keys()] } },
          select: { id: true, userId: true, exerciseId: true, status: true, score: true, createdAt: true },
          orderBy: { createdAt: "asc" },
        })
      : [],
    quizzes.size && userIds.length
      ? db.quizAttempt.findMany({
          where: { userId: { in: userIds }, quizItem: { topicId: { in: [...quizzes.keys()] } } },
          select: { id: true, userId: true, quizItemId: true, correct: true, credit: true, assignmentId: true, createdAt: true, quizItem: { select: { topicId: true } } },
          orderBy: { createdAt: "asc" },
        })
      : [],
  ]);
  const rows: SubmissionExportRow[] = [];
  for (const s of submissions) {
    const item = exercises.get(s.exerciseId)!;
    const student = who.get(s.userId)!;
    const graded = s.status === "GRADED" && s.score !== null;
    rows.push({
      displayName: student.displayName,
      email: student.email,
      item: s.exerciseId,
      kind: "exercise",
      submittedAt: s.createdAt,
      status: s.status,
      score: graded ? s.score : null,
      counted: graded ? countedScore(s.score!, s.createdAt, item) : null,
      daysLate: daysLate(s.createdAt, item.dueAt),
      id: s.id,
    });
  }
  for (const a of answers) {
    const item = quizzes.get(a.quizItem.topicId)!;
    const student = who.get(a.userId)!;
    rows.push({
      displayName: student.displayName,
      email: student.email,
      item: a.quizItemId,
      kind: "quiz",
      submittedAt: a.createdAt,
      status: a.correct ? "CORRECT" : "WRONG",
      score: a.correct ? 1 : 0,
      // Not counted (empty): before joining or opening, or for another cohort's assignment; credit carries reveal/decay.
      counted: answerCountsToward(a.assignmentId, a.createdAt, item, student.enrolledAt) ? countedScore(a.correct ? a.credit : 0, a.createdAt, item) : null,
      daysLate: daysLate(a.createdAt, item.dueAt),
      id: a.id,
    });
  }
  rows.sort((a, b) => a.submittedAt.getTime() - b.submittedAt.getTime());
  return { cohort, rows };
}

export async function cohortWorkAs(db: Db, actorId: string | undefined, cohortId: string) {
  await requireCohortInstructor(db, actorId, cohortId);
  return cohortWork(db, cohortId);
}

export interface SubmissionDetail {
  id: string;
  createdAt: Date;
  status: "PENDING" | "GRADED" | "ERROR";
  score: number | null;
  counted: number | null;
  daysLate: number;
  code: string;
  verdict: Verdict | null;
  /** The submission whose counted score is the cell's score. */
  counts: boolean;
}

export interface QuizAnswerDetail {
  id: string;
  quizItemId: string;
  createdAt: Date;
  answer: string;
  correct: boolean;
  /** Seed of the variant answered (param-numeric), to render the learner's own numbers. */
  seed: number;
  /** Credit a correct answer earned (0 after "Show answer", decayed per graded attempt). */
  credit: number;
  /** Given before the learner joined, before the assignment opened, or for another cohort's assignment. */
  outside: boolean;
  counted: number | null;
  daysLate: number;
}

export interface StudentItemWork {
  cohort: Gradebook["cohort"];
  student: GradebookStudent;
  item: GradebookItem;
  submissions: SubmissionDetail[];
  answers: QuizAnswerDetail[];
}

export const STUDENT_NOT_IN_COHORT = new AppError(404, {
  en: "This student is not in this cohort (any more). Go back to the gradebook.",
  ja: "この学生はこのコホートに登録されていません（外された可能性があります）。成績表に戻ってください。",
});

export const ITEM_NOT_ASSIGNED = new AppError(404, {
  en: "This item is not assigned to this cohort. Go back to the gradebook.",
  ja: "この課題はこのコホートに割り当てられていません。成績表に戻ってください。",
});

/** One student's work on one assigned item, newest first: the drill-down of a gradebook cell. */
export async function studentItemWork(db: Db, cohortId: string, userId: string, assignmentId: string): Promise<StudentItemWork> {
  const cohort = await db.cohort.findUnique({ where: { id: cohortId }, select: { id: true, name: true, timeZone: true } });
  if (!cohort) throw COHORT_NOT_FOUND;
  const enrollment = await db.enrollment.findUnique({
    where: { cohortId_userId: { cohortId, userId } },
    select: { role: true, createdAt: true, user: { select: { id: true, displayName: true, email: true } } },
  });
  if (!enrollment || enrollment.role !== "STUDENT") throw STUDENT_NOT_IN_COHORT;
  const item = (await loadItems(db, cohortId)).find((i) => i.assignmentId === assignmentId);
  if (!item) throw ITEM_NOT_ASSIGNED;
  const student: GradebookStudent = { userId, displayName: enrollment.user.displayName, email: enrollment.user.email, enrolledAt: enrollment.createdAt };
  if (item.kind === "QUIZ") {
    const answers = await db.quizAttempt.findMany({
      where: { userId, quizItem: { topicId: item.refId } },
      orderBy: { createdAt: "desc" },
      select: { id: true, quizItemId: true, createdAt: true, answer: true, correct: true, seed: true, credit: true, assignmentId: true },
    });
    return {
      cohort,
      student,
      item,
      submissions: [],
      answers: answers.map(({ assignmentId: given, ...a }) => {
        // The gradebook's rule (quizCells): given for this assignment, or outside any after it opened and after joining.
        const outside = !answerCountsToward(given, a.createdAt, item, enrollment.createdAt);
        return { ...a, outside, counted: outside ? null : countedScore(a.correct ? a.credit : 0, a.createdAt, item), daysLate: daysLate(a.createdAt, item.dueAt) };
      }),
    };
  }
  const submissions = await db.submission.findMany({
    where: { userId, exerciseId: item.refId },
    orderBy: { createdAt: "desc" },
    select: { id: true, createdAt: true, status: true, score: true, code: true, verdict: true },
  });
  const best = bestUnderPolicy(
    submissions.map((s) => ({ id: s.id, score: s.status === "GRADED" ? s.score : null, createdAt: s.createdAt })),
    item,
  );
  return {
    cohort,
    student,
    item,
    answers: [],
    submissions: submissions.map((s) => ({
      id: s.id,
      createdAt: s.createdAt,
      status: s.status,
      score: s.score,
      counted: s.status === "GRADED" && s.score !== null ? countedScore(s.score, s.createdAt, item) : null,
      daysLate: daysLate(s.createdAt, item.dueAt),
      code: s.code,
      verdict: storedVerdict(s),
      counts: best.best?.id === s.id,
    })),
  };
}

export async function studentItemWorkAs(db: Db, actorId: string | undefined, cohortId: string, userId: string, assignmentId: string) {
  await requireCohortInstructor(db, actorId, cohortId);
  return studentItemWork(db, cohortId, userId, assignmentId);
}
