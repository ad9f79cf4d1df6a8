import { z } from "zod";
import type { LocalizedText } from "../../graders/text";
import type { Verdict } from "../../graders/verdict";
import { Prisma, type AssignmentKind, type LatePolicy } from "../_generated/sqlite/client";
import { itemTitles } from "./assignments";
import { COHORT_NOT_FOUND, requireCohortInstructor } from "./cohorts";
import type { Db } from "./db/client";
import { AppError } from "./errors";
import type { SubmissionExportRow } from "./csv";
import { effectiveRules, type EffectiveRules, type ExtensionRules } from "./extensions";
import { bestUnderPolicy, countedScore, daysLate, quizScoreUnderPolicy, setScore, type LateRules } from "./late-policy";
import { answerCountsToward } from "./quiz-counting";
import { activeOverrides, applyOverrides, type CellOverride } from "./overrides";
import { storedVerdict } from "./submissions";

export { answerCountsToward };

/**
 * The gradebook of a cohort: every enrolled student × every assignment (a problem set), with points earned over
 * the set's points and a late flag, and under it every item of the set with its best score under the student's
 * late rules (the assignment's, or their extension's: effectiveRules), graded attempts, last submission time and a
 * late flag; totals per student, per assignment and per item. Scores are fractions in [0, 1]; pages and CSV show
 * them as percentages with one decimal (`percent`).
 */
export interface GradebookItem extends LateRules {
  /** The AssignmentItem's id. */
  itemId: string;
  assignmentId: string;
  assignmentTitle: string;
  opensAt: Date;
  kind: AssignmentKind;
  /** The exercise id (EXERCISE) or the topic id (QUIZ). */
  refId: string;
  title: LocalizedText;
  /** Retired content stays in the gradebook with its submissions. */
  active: boolean;
  points: number;
  position: number;
}

export interface GradebookAssignment extends LateRules {
  assignmentId: string;
  title: string;
  opensAt: Date;
  /** Sum of the items' points. */
  points: number;
  items: GradebookItem[];
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

export interface AssignmentCell {
  /** Points earned over the set's points, in [0, 1]; null when no item has work. */
  score: number | null;
  /** Points earned; null when no item has work. */
  earned: number | null;
  points: number;
  /** Some item is late. */
  late: boolean;
  /** The student's due date and late policy (an extension applied). */
  rules: EffectiveRules;
}

export interface GradebookRow {
  student: GradebookStudent;
  /** Per item, in the order of `items`. */
  cells: GradebookCell[];
  /** Per assignment, in the order of `assignments`. */
  assignments: AssignmentCell[];
  /** Points earned over all points, missing work counted as 0. */
  total: number;
  earned: number;
  /** Items with work, and late items. */
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
  assignments: GradebookAssignment[];
  /** Every item of every assignment, assignment by assignment, in position order. */
  items: GradebookItem[];
  rows: GradebookRow[];
  itemTotals: ItemTotal[];
  assignmentTotals: ItemTotal[];
  /** Points of all assignments. */
  points: number;
  /** Mean of the students' totals. */
  cohortMean: number;
}

export function percent(score: number): number {
  return Math.round(score * 1000) / 10;
}

/**
 * Values keyed by student and a second id (an item, an assignment, a topic). Two map levels rather than one joined
 * string key: 20,000 joined keys a gradebook are 20,000 strings to build, flatten and hash, a measured share of its
 * time.
 */
export class PairMap<V> {
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

/** A cohort's assignments with their items, by due date; items in position order. */
export async function loadAssignments(db: Db, cohortId: string): Promise<GradebookAssignment[]> {
  const rows = await db.assignment.findMany({
    where: { cohortId },
    orderBy: [{ dueAt: "asc" }, { createdAt: "asc" }],
    select: {
      id: true,
      title: true,
      opensAt: true,
      dueAt: true,
      latePolicy: true,
      penaltyPerDay: true,
      items: {
        orderBy: { position: "asc" },
        select: {
          id: true,
          kind: true,
          exerciseId: true,
          topicId: true,
          points: true,
          position: true,
          exercise: { select: { titleEn: true, titleJa: true, active: true } },
          topic: { select: { titleEn: true, titleJa: true, active: true } },
        },
      },
    },
  });
  return rows.map((a) => {
    const rules = { dueAt: a.dueAt, latePolicy: a.latePolicy as LatePolicy, penaltyPerDay: a.penaltyPerDay };
    const items = a.items.flatMap((i): GradebookItem[] => {
      const ref = i.kind === "EXERCISE" ? i.exercise : i.topic;
      const refId = i.kind === "EXERCISE" ? i.exerciseId : i.topicId;
      if (!ref || !refId) return [];
      return [
        { itemId: i.id, assignmentId: a.id, assignmentTitle: a.title, kind: i.kind, refId, title: itemTitles(i.kind, refId, ref), active: ref.active, points: i.points, position: i.position, opensAt: a.opensAt, ...rules },
      ];
    });
    return { assignmentId: a.id, title: a.title, opensAt: a.opensAt, ...rules, points: items.reduce((n, i) => n + i.points, 0), items };
  });
}

/** Every item of the cohort's assignments (analytics and older callers work per item). */
export async function loadItems(db: Db, cohortId: string): Promise<GradebookItem[]> {
  return (await loadAssignments(db, cohortId)).flatMap((a) => a.items);
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

/** The cohort's extensions by student and assignment: one query, whatever the cohort's size. */
export async function loadExtensions(db: Db, cohortId: string): Promise<PairMap<ExtensionRules>> {
  const rows = await db.assignmentExtension.findMany({
    where: { assignment: { cohortId } },
    select: { userId: true, assignmentId: true, dueAt: true, latePolicy: true, penaltyPerDay: true },
  });
  const map = new PairMap<ExtensionRules>();
  for (const r of rows) map.set(r.userId, r.assignmentId, r);
  return map;
}

/** A timestamp from raw SQL: PostgreSQL gives a Date; SQLite gives Prisma's stored text ("…T14:59:00.500+00:00"). */
function sqlDate(value: Date | string | null): Date | null {
  if (value === null) return null;
  return value instanceof Date ? value : new Date(value);
}

/** The student's rules on an item's assignment: the one place the gradebook applies an extension. */
type RulesOf = (userId: string, item: { assignmentId: string; dueAt: Date; latePolicy: LatePolicy; penaltyPerDay: number }) => EffectiveRules;

function rulesLookup(extensions: PairMap<ExtensionRules>): RulesOf {
  return (userId, item) => effectiveRules(item, extensions.get(userId, item.assignmentId));
}

/**
 * Exercise cells from three SQL queries over the cohort's students and assigned exercise items, joined in the
 * database (no list of 500 ids sent along). Each student's due date and late policy on an assignment is their
 * extension's where they have one (LEFT JOIN "AssignmentExtension", COALESCE), the same rule as effectiveRules.
 * The first query gives, per student and item, the count and last time and the best on-time score (never
 * penalized, so one maximum stands for all of them); the second the best late score with the first late time:
 * under ACCEPT every late score counts as it is and under REJECT none does, so one late entry stands for all of them
 * too. Only a PENALTY item needs its late submissions row by row, since the penalty depends on each one's time: the
 * third query. late-policy.ts then picks the best counted score from these stand-ins (test/gradebook.test.ts checks
 * it against every submission for random histories).
 *
 * Raw SQL because Prisma's groupBy and OR filters cost 4-7x the database's own time here (bench:gradebook); the
 * index on (exerciseId, userId, status, createdAt, score) covers all three. PostgreSQL accepts the selected
 * columns because they depend on the grouped primary keys. Both dialects accept this SQL: quoted identifiers, enum
 * values compared as text, and timestamps compared column to column (SQLite stores them as text of one fixed
 * format, so text order is time order).
 */
async function exerciseCells(db: Db, cohortId: string, items: GradebookItem[], rulesOf: RulesOf, cells: PairMap<GradebookCell>): Promise<void> {
  const exercises = items.filter((i) => i.kind === "EXERCISE");
  if (exercises.length === 0) return;
  const byItem = new Map(exercises.map((i) => [i.itemId, i]));
  // Late work is a tenth of all work or less: its aggregates scan only late index entries (createdAt > due).
  // The main aggregate runs as two queries over halves of the items: PostgreSQL then works on both with two
  // backends at once (its planner does not parallelize this join itself); SQLite runs them one after the other.
  const ids = exercises.map((i) => i.itemId);
  const halves = [ids.slice(0, Math.ceil(ids.length / 2)), ids.slice(Math.ceil(ids.length / 2))].filter((h) => h.length > 0);
  const [groupHalves, lateGroups, penalized] = await Promise.all([
    Promise.all(
      halves.map(
        (half) => db.$queryRaw<{ userId: string; itemId: string; attempts: number | bigint; last: Date | string; onTimeBest: number | null }[]>`
      SELECT e."userId", ai."id" AS "itemId", COUNT(*) AS "attempts", MAX(s."createdAt") AS "last",
             MAX(CASE WHEN s."createdAt" <= COALESCE(x."dueAt", a."dueAt") THEN s."score" END) AS "onTimeBest"
      FROM "AssignmentItem" ai
      JOIN "Assignment" a ON a."id" = ai."assignmentId"
      JOIN "Enrollment" e ON e."cohortId" = a."cohortId" AND e."role" = 'STUDENT'
      LEFT JOIN "AssignmentExtension" x ON x."assignmentId" = a."id" AND x."userId" = e."userId"
      JOIN "Submission" s ON s."exerciseId" = ai."exerciseId" AND s."userId" = e."userId" AND s."status" = 'GRADED'
      WHERE a."cohortId" = ${cohortId} AND ai."kind" = 'EXERCISE' AND ai."id" IN (${Prisma.join(half)})
      GROUP BY ai."id", e."id"`,
      ),
    ),
    db.$queryRaw<{ userId: string; itemId: string; lateBest: number | null; firstLate: Date | string }[]>`
      SELECT e."userId", ai."id" AS "itemId", MAX(s."score") AS "lateBest", MIN(s."createdAt") AS "firstLate"
      FROM "AssignmentItem" ai
      JOIN "Assignment" a ON a."id" = ai."assignmentId"
      JOIN "Enrollment" e ON e."cohortId" = a."cohortId" AND e."role" = 'STUDENT'
      LEFT JOIN "AssignmentExtension" x ON x."assignmentId" = a."id" AND x."userId" = e."userId"
      JOIN "Submission" s ON s."exerciseId" = ai."exerciseId" AND s."userId" = e."userId" AND s."status" = 'GRADED' AND s."createdAt" > COALESCE(x."dueAt", a."dueAt")
      WHERE a."cohortId" = ${cohortId} AND ai."kind" = 'EXERCISE' AND COALESCE(x."latePolicy", a."latePolicy") <> 'PENALTY'
      GROUP BY ai."id", e."id"`,
    db.$queryRaw<{ userId: string; itemId: string; score: number | null; createdAt: Date | string }[]>`
      SELECT s."userId", ai."id" AS "itemId", s."score", s."createdAt"
      FROM "AssignmentItem" ai
      JOIN "Assignment" a ON a."id" = ai."assignmentId"
      JOIN "Enrollment" e ON e."cohortId" = a."cohortId" AND e."role" = 'STUDENT'
      LEFT JOIN "AssignmentExtension" x ON x."assignmentId" = a."id" AND x."userId" = e."userId"
      JOIN "Submission" s ON s."exerciseId" = ai."exerciseId" AND s."userId" = e."userId" AND s."status" = 'GRADED' AND s."createdAt" > COALESCE(x."dueAt", a."dueAt")
      WHERE a."cohortId" = ${cohortId} AND ai."kind" = 'EXERCISE' AND COALESCE(x."latePolicy", a."latePolicy") = 'PENALTY'`,
  ]);
  const lateStandIn = new PairMap<{ score: number | null; createdAt: Date }>();
  for (const g of lateGroups) lateStandIn.set(g.userId, g.itemId, { score: g.lateBest === null ? null : Number(g.lateBest), createdAt: sqlDate(g.firstLate)! });
  const penalties = new PairMap<{ score: number | null; createdAt: Date }[]>();
  for (const s of penalized) {
    const w = { score: s.score === null ? null : Number(s.score), createdAt: sqlDate(s.createdAt)! };
    const list = penalties.get(s.userId, s.itemId);
    if (list) list.push(w);
    else penalties.set(s.userId, s.itemId, [w]);
  }
  for (const g of groupHalves.flat()) {
    const item = byItem.get(g.itemId);
    if (!item) continue;
    const rules = rulesOf(g.userId, item);
    // The due instant stands for the on-time best: on time, and earlier than any late work, so it wins ties.
    const work: { score: number | null; createdAt: Date }[] = g.onTimeBest === null ? [] : [{ score: Number(g.onTimeBest), createdAt: rules.dueAt }];
    if (rules.latePolicy === "PENALTY") work.push(...(penalties.get(g.userId, g.itemId) ?? []));
    else {
      const late = lateStandIn.get(g.userId, g.itemId);
      if (late) work.push(late);
    }
    const best = bestUnderPolicy(work, rules);
    cells.set(g.userId, item.itemId, { score: best.score ?? 0, attempts: Number(g.attempts), lastSubmittedAt: sqlDate(g.last), late: best.late });
  }
}

/** Quiz cells: late-policy.ts scores the topic's active items; attempts count every counted answer to them. */
async function quizCells(db: Db, cohortId: string, items: GradebookItem[], userIds: string[], rulesOf: RulesOf, cells: PairMap<GradebookCell>): Promise<void> {
  const quizzes = items.filter((i) => i.kind === "QUIZ");
  if (quizzes.length === 0 || userIds.length === 0) return;
  const quizItems = await db.quizItem.findMany({
    where: { topicId: { in: [...new Set(quizzes.map((q) => q.refId))] }, active: true },
    select: { id: true, topicId: true },
  });
  const active = new Set(quizItems.map((q) => q.id));
  // Joined in SQL like the exercise cells (no list of the students' ids sent along); `correct` is 0/1 in SQLite.
  // An answer counts toward an assignment when it was given for it (graded mode), or, given outside any
  // assignment, after the assignment opened and after the learner joined the cohort (quiz-counting.ts); never one
  // made for another assignment. `credit` carries the reveal and the attempt decay.
  const rows = await db.$queryRaw<{ userId: string; itemId: string; quizItemId: string; correct: boolean | number | bigint; credit: number; createdAt: Date | string }[]>`
    SELECT q."userId", ai."id" AS "itemId", q."quizItemId", q."correct", q."credit", q."createdAt"
    FROM "AssignmentItem" ai
    JOIN "Assignment" a ON a."id" = ai."assignmentId"
    JOIN "Enrollment" e ON e."cohortId" = a."cohortId" AND e."role" = 'STUDENT'
    JOIN "QuizItem" i ON i."topicId" = ai."topicId"
    JOIN "QuizAttempt" q ON q."quizItemId" = i."id" AND q."userId" = e."userId"
    WHERE a."cohortId" = ${cohortId} AND ai."kind" = 'QUIZ'
      AND (q."assignmentId" = a."id" OR (q."assignmentId" IS NULL AND q."createdAt" >= a."opensAt" AND q."createdAt" >= e."createdAt"))`;
  const byCell = new PairMap<{ quizItemId: string; correct: boolean; credit: number; createdAt: Date }[]>();
  for (const r of rows) {
    if (!active.has(r.quizItemId)) continue;
    const a = { quizItemId: r.quizItemId, correct: Boolean(Number(r.correct)), credit: Number(r.credit), createdAt: sqlDate(r.createdAt)! };
    const list = byCell.get(r.userId, r.itemId);
    if (list) list.push(a);
    else byCell.set(r.userId, r.itemId, [a]);
  }
  for (const q of quizzes) {
    const itemIds = quizItems.filter((i) => i.topicId === q.refId).map((i) => i.id);
    for (const userId of userIds) {
      const list = byCell.get(userId, q.itemId);
      if (!list) continue;
      const r = quizScoreUnderPolicy(itemIds, list, rulesOf(userId, q));
      // A mean of thirds must show full marks as 100, not 99.99999.
      const score = Math.min(1, Math.round((r.score ?? 0) * 1e9) / 1e9);
      cells.set(userId, q.itemId, { score, attempts: r.attempts, lastSubmittedAt: r.lastSubmittedAt, late: r.late });
    }
  }
}

const NO_WORK: GradebookCell = Object.freeze({ score: null, attempts: 0, lastSubmittedAt: null, late: false });

function newTotal(): ItemTotal {
  return { mean: 0, submitted: 0, solved: 0, late: 0 };
}

function addToTotal(t: ItemTotal, score: number | null, late: boolean): void {
  if (score !== null) {
    t.mean += score;
    t.submitted++;
    if (score >= 1) t.solved++;
  }
  if (late) t.late++;
}

/** Builds the gradebook without any access check; callers use gradebookAs. A fixed number of queries, whatever its size. */
export async function buildGradebook(db: Db, cohortId: string): Promise<Gradebook> {
  const cohort = await db.cohort.findUnique({ where: { id: cohortId }, select: { id: true, name: true, timeZone: true } });
  if (!cohort) throw COHORT_NOT_FOUND;
  const [assignments, students, extensions] = await Promise.all([loadAssignments(db, cohortId), loadStudents(db, cohortId), loadExtensions(db, cohortId)]);
  const items = assignments.flatMap((a) => a.items);
  const userIds = students.map((s) => s.userId);
  const rulesOf = rulesLookup(extensions);
  const found = new PairMap<GradebookCell>();
  // The overrides in force are read alongside the cells and replace them after (overrides.ts).
  const [, , overrides] = await Promise.all([
    exerciseCells(db, cohortId, items, rulesOf, found),
    quizCells(db, cohortId, items, userIds, rulesOf, found),
    activeOverrides(db, items.map((i) => i.itemId), userIds.length > 500 ? undefined : userIds),
  ]);
  applyOverrides(overrides, (u, i) => found.get(u, i), (u, i, c) => found.set(u, i, c), NO_WORK);

  const points = assignments.reduce((n, a) => n + a.points, 0);
  const itemTotals = items.map(newTotal);
  const assignmentTotals = assignments.map(newTotal);
  const rows = students.map((student): GradebookRow => {
    let earned = 0;
    let submitted = 0;
    let late = 0;
    let k = 0;
    const cells: GradebookCell[] = [];
    const perAssignment = assignments.map((a, ai): AssignmentCell => {
      const mine: { points: number; score: number | null }[] = [];
      let anyLate = false;
      for (const item of a.items) {
        const cell = found.get(student.userId, item.itemId) ?? NO_WORK;
        addToTotal(itemTotals[k++]!, cell.score, cell.late);
        cells.push(cell);
        mine.push({ points: item.points, score: cell.score });
        if (cell.score !== null) submitted++;
        if (cell.late) {
          late++;
          anyLate = true;
        }
      }
      const set = setScore(mine);
      earned += set.earned ?? 0;
      addToTotal(assignmentTotals[ai]!, set.score, anyLate);
      return { score: set.score, earned: set.earned, points: a.points, late: anyLate, rules: effectiveRules(a, extensions.get(student.userId, a.assignmentId)) };
    });
    return { student, cells, assignments: perAssignment, total: points > 0 ? Math.min(1, earned / points) : 0, earned: Math.round(earned * 1e6) / 1e6, submitted, late };
  });
  for (const t of [...itemTotals, ...assignmentTotals]) t.mean = rows.length ? t.mean / rows.length : 0;
  const cohortMean = rows.length ? rows.reduce((s, r) => s + r.total, 0) / rows.length : 0;
  return { cohort, assignments, items, rows, itemTotals, assignmentTotals, points, cohortMean };
}

export async function gradebookAs(db: Db, actorId: string | undefined, cohortId: string): Promise<Gradebook> {
  await requireCohortInstructor(db, actorId, cohortId);
  return buildGradebook(db, cohortId);
}

/** What the gradebook page shows: from the URL, so a sorted, filtered view can be bookmarked and works without JS. */
export const gradebookViewSchema = z.object({
  q: z.string().trim().max(100).catch(""),
  /** "name", "email", "total", "enrolled", or an assignment id to sort by that assignment's score. */
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
  const assignmentIndex = gradebook.assignments.findIndex((a) => a.assignmentId === view.sort);
  const itemIndex = gradebook.items.findIndex((i) => i.itemId === view.sort);
  const rows = gradebook.rows.filter((r) => {
    if (q && !r.student.displayName.toLowerCase().includes(q) && !r.student.email.includes(q)) return false;
    if (view.show === "late") return r.late > 0;
    if (view.show === "missing") return r.submitted < gradebook.items.length;
    return true;
  });
  const byName = (a: GradebookRow, b: GradebookRow) => a.student.displayName.localeCompare(b.student.displayName) || a.student.email.localeCompare(b.student.email);
  // Missing work sorts below a score of 0 in either direction of "desc" reading: it is "less than nothing done".
  const value = (r: GradebookRow): number | string => {
    if (assignmentIndex >= 0) return r.assignments[assignmentIndex]?.score ?? -1;
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
 * Every exercise submission and quiz answer of the cohort's students on its assigned items, for the CSV export:
 * one row per piece of work and assignment item it belongs to (an exercise in two problem sets gives two rows, each
 * counted under its own set's rules, with the student's extension applied).
 */
export async function cohortWork(db: Db, cohortId: string): Promise<{ cohort: Gradebook["cohort"]; rows: SubmissionExportRow[] }> {
  const cohort = await db.cohort.findUnique({ where: { id: cohortId }, select: { id: true, name: true, timeZone: true } });
  if (!cohort) throw COHORT_NOT_FOUND;
  const [items, students, extensions] = await Promise.all([loadItems(db, cohortId), loadStudents(db, cohortId), loadExtensions(db, cohortId)]);
  const rulesOf = rulesLookup(extensions);
  const userIds = students.map((s) => s.userId);
  const who = new Map(students.map((s) => [s.userId, s]));
  const exerciseItems = groupItems(items.filter((i) => i.kind === "EXERCISE"));
  const quizItems = groupItems(items.filter((i) => i.kind === "QUIZ"));
  const [submissions, answers] = await Promise.all([
    exerciseItems.size && userIds.length
      ? db.submission.findMany({
          where: { userId: { in: userIds }, exerciseId: { in: [...exerciseItems.keys()] } },
          select: { id: true, userId: true, exerciseId: true, status: true, score: true, createdAt: true },
          orderBy: { createdAt: "asc" },
        })
      : [],
    quizItems.size && userIds.length
      ? db.quizAttempt.findMany({
          where: { userId: { in: userIds }, quizItem: { topicId: { in: [...quizItems.keys()] } } },
          select: { id: true, userId: true, quizItemId: true, correct: true, credit: true, assignmentId: true, createdAt: true, quizItem: { select: { topicId: true } } },
          orderBy: { createdAt: "asc" },
        })
      : [],
  ]);
  const rows: SubmissionExportRow[] = [];
  for (const s of submissions) {
    const student = who.get(s.userId)!;
    const graded = s.status === "GRADED" && s.score !== null;
    for (const item of exerciseItems.get(s.exerciseId) ?? []) {
      const rules = rulesOf(s.userId, item);
      rows.push({
        displayName: student.displayName,
        email: student.email,
        assignment: item.assignmentTitle,
        item: s.exerciseId,
        kind: "exercise",
        submittedAt: s.createdAt,
        status: s.status,
        score: graded ? s.score : null,
        counted: graded ? countedScore(s.score!, s.createdAt, rules) : null,
        daysLate: daysLate(s.createdAt, rules.dueAt),
        id: s.id,
      });
    }
  }
  for (const a of answers) {
    const student = who.get(a.userId)!;
    for (const item of quizItems.get(a.quizItem.topicId) ?? []) {
      const rules = rulesOf(a.userId, item);
      rows.push({
        displayName: student.displayName,
        email: student.email,
        assignment: item.assignmentTitle,
        item: a.quizItemId,
        kind: "quiz",
        submittedAt: a.createdAt,
        status: a.correct ? "CORRECT" : "WRONG",
        score: a.correct ? 1 : 0,
        // Not counted (empty): before joining or opening, or for another assignment; credit carries reveal/decay.
        counted: answerCountsToward(a.assignmentId, a.createdAt, item, student.enrolledAt) ? countedScore(a.correct ? a.credit : 0, a.createdAt, rules) : null,
        daysLate: daysLate(a.createdAt, rules.dueAt),
        id: a.id,
      });
    }
  }
  rows.sort((a, b) => a.submittedAt.getTime() - b.submittedAt.getTime());
  return { cohort, rows };
}

function groupItems(items: GradebookItem[]): Map<string, GradebookItem[]> {
  const map = new Map<string, GradebookItem[]>();
  for (const i of items) map.set(i.refId, [...(map.get(i.refId) ?? []), i]);
  return map;
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
  /** Given before the learner joined, before the assignment opened, or for another assignment. */
  outside: boolean;
  counted: number | null;
  daysLate: number;
}

/** One item of the drill-down: the item, its counted score for this student, and the work behind it. */
export interface ItemWork {
  item: GradebookItem;
  /** Counted score under the student's rules, in [0, 1]; null when nothing was submitted. */
  score: number | null;
  late: boolean;
  submissions: SubmissionDetail[];
  answers: QuizAnswerDetail[];
  /** Set when an instructor overrode the score: `score` is the override. */
  override?: CellOverride;
}

export interface StudentItemWork {
  cohort: Gradebook["cohort"];
  student: GradebookStudent;
  assignment: GradebookAssignment;
  /** The student's due date and late policy on it (extension applied). */
  rules: EffectiveRules;
  /** The extension's reason, when there is one. */
  extensionReason: string | null;
  /** Points earned over the set's points; null without work. */
  score: number | null;
  earned: number | null;
  items: ItemWork[];
}

export const STUDENT_NOT_IN_COHORT = new AppError(404, {
  en: "This student is not in this cohort (any more). Go back to the gradebook.",
  ja: "この学生はこのコホートに登録されていません（外された可能性があります）。成績表に戻ってください。",
});

export const ITEM_NOT_ASSIGNED = new AppError(404, {
  en: "This assignment is not in this cohort (any more). Go back to the gradebook.",
  ja: "この課題はこのコホートにありません（削除された可能性があります）。成績表に戻ってください。",
});

/** One student's work on one assignment, item by item, newest first: the drill-down of a gradebook cell. */
export async function studentItemWork(db: Db, cohortId: string, userId: string, assignmentId: string): Promise<StudentItemWork> {
  const cohort = await db.cohort.findUnique({ where: { id: cohortId }, select: { id: true, name: true, timeZone: true } });
  if (!cohort) throw COHORT_NOT_FOUND;
  const enrollment = await db.enrollment.findUnique({
    where: { cohortId_userId: { cohortId, userId } },
    select: { role: true, createdAt: true, user: { select: { id: true, displayName: true, email: true } } },
  });
  if (!enrollment || enrollment.role !== "STUDENT") throw STUDENT_NOT_IN_COHORT;
  const assignment = (await loadAssignments(db, cohortId)).find((a) => a.assignmentId === assignmentId);
  if (!assignment) throw ITEM_NOT_ASSIGNED;
  const extension = await db.assignmentExtension.findUnique({
    where: { assignmentId_userId: { assignmentId, userId } },
    select: { dueAt: true, latePolicy: true, penaltyPerDay: true, reason: true },
  });
  const rules = effectiveRules(assignment, extension);
  const student: GradebookStudent = { userId, displayName: enrollment.user.displayName, email: enrollment.user.email, enrolledAt: enrollment.createdAt };
  const exerciseIds = assignment.items.filter((i) => i.kind === "EXERCISE").map((i) => i.refId);
  const topicIds = assignment.items.filter((i) => i.kind === "QUIZ").map((i) => i.refId);
  const [submissions, answers, quizItems] = await Promise.all([
    exerciseIds.length
      ? db.submission.findMany({
          where: { userId, exerciseId: { in: exerciseIds } },
          orderBy: { createdAt: "desc" },
          select: { id: true, exerciseId: true, createdAt: true, status: true, score: true, code: true, verdict: true },
        })
      : [],
    topicIds.length
      ? db.quizAttempt.findMany({
          where: { userId, quizItem: { topicId: { in: topicIds } } },
          orderBy: { createdAt: "desc" },
          select: { id: true, quizItemId: true, createdAt: true, answer: true, correct: true, seed: true, credit: true, assignmentId: true, quizItem: { select: { topicId: true } } },
        })
      : [],
    topicIds.length ? db.quizItem.findMany({ where: { topicId: { in: topicIds }, active: true }, select: { id: true, topicId: true } }) : [],
  ]);
  const items = assignment.items.map((item): ItemWork => {
    if (item.kind === "QUIZ") {
      const mine = answers
        .filter((a) => a.quizItem.topicId === item.refId)
        .map(({ assignmentId: given, quizItem: _topic, ...a }): QuizAnswerDetail => {
          // The gradebook's rule (quizCells): given for this assignment, or outside any after it opened and after joining.
          const outside = !answerCountsToward(given, a.createdAt, item, enrollment.createdAt);
          return { ...a, outside, counted: outside ? null : countedScore(a.correct ? a.credit : 0, a.createdAt, rules), daysLate: daysLate(a.createdAt, rules.dueAt) };
        });
      const ids = quizItems.filter((q) => q.topicId === item.refId).map((q) => q.id);
      const counted = mine.filter((a) => !a.outside);
      const r = quizScoreUnderPolicy(ids, counted, rules);
      const score = counted.length === 0 ? null : Math.min(1, Math.round((r.score ?? 0) * 1e9) / 1e9);
      return { item, score, late: r.late, submissions: [], answers: mine };
    }
    const mine = submissions.filter((s) => s.exerciseId === item.refId);
    const best = bestUnderPolicy(
      mine.map((s) => ({ id: s.id, score: s.status === "GRADED" ? s.score : null, createdAt: s.createdAt })),
      rules,
    );
    return {
      item,
      score: best.attempts === 0 ? null : (best.score ?? 0),
      late: best.late,
      answers: [],
      submissions: mine.map((s) => ({
        id: s.id,
        createdAt: s.createdAt,
        status: s.status,
        score: s.score,
        counted: s.status === "GRADED" && s.score !== null ? countedScore(s.score, s.createdAt, rules) : null,
        daysLate: daysLate(s.createdAt, rules.dueAt),
        code: s.code,
        verdict: storedVerdict(s),
        counts: best.best?.id === s.id,
      })),
    };
  });
  // Overrides replace an item's computed score here as in the gradebook (overrides.ts).
  const overrides = (await activeOverrides(db, assignment.items.map((i) => i.itemId), [userId])).get(userId);
  const withOverrides = items.map((w): ItemWork => {
    const o = overrides?.get(w.item.itemId);
    return o ? { ...w, score: o.score, override: { computed: w.score, comment: o.comment, at: o.at } } : w;
  });
  const set = setScore(withOverrides.map((i) => ({ points: i.item.points, score: i.score })));
  return { cohort, student, assignment, rules, extensionReason: extension?.reason ?? null, score: set.score, earned: set.earned, items: withOverrides };
}

export async function studentItemWorkAs(db: Db, actorId: string | undefined, cohortId: string, userId: string, assignmentId: string) {
  await requireCohortInstructor(db, actorId, cohortId);
  return studentItemWork(db, cohortId, userId, assignmentId);
}
