import type { LatePolicy } from "../_generated/sqlite/client";
import { assignmentSelect, toAssignmentView, type AssignmentItemView, type AssignmentView } from "./assignments";
import { requireRole } from "./authz";
import type { Db } from "./db/client";
import { effectiveRules } from "./extensions";
import { bestUnderPolicy, quizScoreUnderPolicy, setScore } from "./late-policy";
import { activeOverrides } from "./overrides";
import { answerCountsToward } from "./quiz-counting";

/**
 * The student's view of their assignments (the dashboard): every problem set of every cohort they study in, with
 * their extension applied, item by item, and what needs doing first.
 */

export type AssignmentStatus = "upcoming" | "open" | "in-progress" | "done" | "overdue" | "closed";

export interface MyAssignmentItem extends AssignmentItemView {
  /** The item's counted score under the (effective) late policy, in [0, 1]; null before any counted work. */
  score: number | null;
  attempts: number;
  late: boolean;
  /** The instructor's comment when they overrode the score (`score` is then the override). */
  overrideComment?: string;
}

export interface MyAssignment extends Omit<AssignmentView, "items"> {
  items: MyAssignmentItem[];
  cohortName: string;
  timeZone: string;
  /** dueAt, latePolicy and penaltyPerDay are this student's (extension applied); this is the assignment's own date. */
  assignmentDueAt: Date;
  extended: boolean;
  status: AssignmentStatus;
  /** Points earned over the set's points, in [0, 1]; null before any counted work. */
  score: number | null;
  /** Points earned (score × points). */
  earned: number | null;
  attempts: number;
  /** Some item's counted score comes from late work, or only late work was made and refused. */
  late: boolean;
}

/** A full counted score completes an assignment. */
const DONE = 1 - 1e-9;

function statusOf(a: { opensAt: Date; dueAt: Date; latePolicy: LatePolicy }, score: number | null, attempts: number, now: Date): AssignmentStatus {
  if (score !== null && score >= DONE) return "done";
  if (now < a.opensAt && attempts === 0) return "upcoming";
  if (now <= a.dueAt) return attempts > 0 ? "in-progress" : "open";
  return a.latePolicy === "REJECT" ? "closed" : "overdue";
}

const ORDER: Record<AssignmentStatus, number> = { overdue: 0, "in-progress": 1, open: 1, upcoming: 2, done: 3, closed: 4 };

/**
 * The signed-in user's assignments in every cohort they study in, with their extension applied, status, and the
 * counted score per item and for the set. Reads only the user's own submissions and answers. Sorted: what needs
 * doing first (overdue, then by due date), then upcoming, then finished.
 */
export async function myAssignmentsAs(db: Db, actorId: string | undefined, now = new Date()): Promise<MyAssignment[]> {
  const actor = await requireRole(db, actorId, "STUDENT");
  const rows = await db.assignment.findMany({
    where: { cohort: { archived: false, enrollments: { some: { userId: actor.id, role: "STUDENT" } } } },
    select: {
      ...assignmentSelect,
      extensions: { where: { userId: actor.id }, select: { dueAt: true, latePolicy: true, penaltyPerDay: true } },
      cohort: { select: { name: true, timeZone: true, enrollments: { where: { userId: actor.id }, select: { createdAt: true } } } },
    },
    orderBy: { dueAt: "asc" },
  });
  if (rows.length === 0) return [];
  const allItems = rows.flatMap((r) => r.items);
  const exerciseIds = [...new Set(allItems.flatMap((i) => (i.exerciseId ? [i.exerciseId] : [])))];
  const topicIds = [...new Set(allItems.flatMap((i) => (i.topicId ? [i.topicId] : [])))];
  const [submissions, quizItems] = await Promise.all([
    exerciseIds.length === 0
      ? []
      : db.submission.findMany({ where: { userId: actor.id, exerciseId: { in: exerciseIds }, status: "GRADED" }, select: { exerciseId: true, score: true, createdAt: true } }),
    topicIds.length === 0 ? [] : db.quizItem.findMany({ where: { topicId: { in: topicIds }, active: true }, select: { id: true, topicId: true } }),
  ]);
  // Overrides replace an item's counted score, as in the gradebook (overrides.ts).
  const overrides = (await activeOverrides(db, allItems.map((i) => i.id), [actor.id])).get(actor.id);
  const answers =
    quizItems.length === 0
      ? []
      : await db.quizAttempt.findMany({ where: { userId: actor.id, quizItemId: { in: quizItems.map((q) => q.id) } }, select: { quizItemId: true, correct: true, createdAt: true, credit: true, assignmentId: true } });
  const byExercise = groupBy(submissions, (s) => s.exerciseId);
  const itemsByTopic = groupBy(quizItems, (q) => q.topicId);
  const topicOfItem = new Map(quizItems.map((q) => [q.id, q.topicId]));
  const answersByTopic = groupBy(answers, (a) => topicOfItem.get(a.quizItemId) ?? "");

  const out = rows.map((row): MyAssignment => {
    const { cohort, extensions, ...rest } = row;
    const view = toAssignmentView(rest);
    const rules = effectiveRules(row, extensions[0]);
    const joinedAt = cohort.enrollments[0]?.createdAt ?? row.opensAt;
    const computed = view.items.map((item): MyAssignmentItem => {
      if (item.kind === "EXERCISE") {
        const best = bestUnderPolicy(byExercise.get(item.refId) ?? [], rules);
        return { ...item, score: best.score, attempts: best.attempts, late: best.late };
      }
      const ids = (itemsByTopic.get(item.refId) ?? []).map((q) => q.id);
      // As in the gradebook: answers given for this assignment, or outside any after it opened and after joining.
      const counted = (answersByTopic.get(item.refId) ?? []).filter((a) => answerCountsToward(a.assignmentId, a.createdAt, { assignmentId: row.id, opensAt: row.opensAt }, joinedAt));
      const quiz = quizScoreUnderPolicy(ids, counted, rules);
      return { ...item, score: quiz.score, attempts: quiz.attempts, late: quiz.late };
    });
    const items = computed.map((item): MyAssignmentItem => {
      const o = overrides?.get(item.id);
      return o ? { ...item, score: o.score, overrideComment: o.comment } : item;
    });
    const set = setScore(items);
    const attempts = items.reduce((n, i) => n + i.attempts, 0);
    const effective = { ...row, dueAt: rules.dueAt, latePolicy: rules.latePolicy };
    return {
      ...view,
      items,
      dueAt: rules.dueAt,
      latePolicy: rules.latePolicy,
      penaltyPerDay: rules.penaltyPerDay,
      assignmentDueAt: row.dueAt,
      extended: rules.extended,
      cohortName: cohort.name,
      timeZone: cohort.timeZone,
      status: statusOf(effective, set.score, attempts, now),
      score: set.score,
      earned: set.earned,
      attempts,
      late: items.some((i) => i.late),
    };
  });
  return out.sort((a, b) => ORDER[a.status] - ORDER[b.status] || a.dueAt.getTime() - b.dueAt.getTime() || a.cohortName.localeCompare(b.cohortName) || a.title.localeCompare(b.title));
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return map;
}
