import type { AssignmentKind, LatePolicy } from "../_generated/sqlite/client";
import type { Db } from "./db/client";
import { effectiveRules } from "./extensions";

/**
 * The assignments an exercise or a topic's quiz belongs to for one learner, for the learner's own pages: the set's
 * title, the item's points, the due date and late policy (the learner's extension applied), whether it is closed,
 * and whether a submission now would count. Only the learner's cohorts (as a student, not archived) and only
 * assignments that have opened.
 */
export interface LearnerAssignment {
  assignmentId: string;
  title: string;
  cohortName: string;
  timeZone: string;
  opensAt: Date;
  /** The learner's due date: their extension's, else the assignment's. */
  dueAt: Date;
  /** The assignment's own due date (differs from dueAt when extended). */
  assignmentDueAt: Date;
  extended: boolean;
  latePolicy: LatePolicy;
  penaltyPerDay: number;
  /** This item's points, and the whole set's. */
  points: number;
  setPoints: number;
  /** Quiz only. */
  maxAttempts: number;
  attemptDecay: number;
  /** Past the (extended) due date. */
  closed: boolean;
  /** Closed and late work is refused: a submission now does not count toward it. */
  willNotCount: boolean;
}

export async function learnerAssignments(db: Db, userId: string, kind: AssignmentKind, refId: string, now: Date = new Date()): Promise<LearnerAssignment[]> {
  const rows = await db.assignment.findMany({
    where: {
      items: { some: { kind, ...(kind === "EXERCISE" ? { exerciseId: refId } : { topicId: refId }) } },
      opensAt: { lte: now },
      cohort: { archived: false, enrollments: { some: { userId, role: "STUDENT" } } },
    },
    orderBy: { dueAt: "asc" },
    select: {
      id: true,
      title: true,
      opensAt: true,
      dueAt: true,
      latePolicy: true,
      penaltyPerDay: true,
      maxAttempts: true,
      attemptDecay: true,
      cohort: { select: { name: true, timeZone: true } },
      items: { select: { kind: true, exerciseId: true, topicId: true, points: true } },
      extensions: { where: { userId }, select: { dueAt: true, latePolicy: true, penaltyPerDay: true } },
    },
  });
  return rows
    .map((r): LearnerAssignment => {
      const rules = effectiveRules(r, r.extensions[0]);
      const closed = now.getTime() > rules.dueAt.getTime();
      const item = r.items.find((i) => i.kind === kind && (kind === "EXERCISE" ? i.exerciseId : i.topicId) === refId);
      return {
        assignmentId: r.id,
        title: r.title,
        cohortName: r.cohort.name,
        timeZone: r.cohort.timeZone,
        opensAt: r.opensAt,
        dueAt: rules.dueAt,
        assignmentDueAt: r.dueAt,
        extended: rules.extended,
        latePolicy: rules.latePolicy,
        penaltyPerDay: rules.penaltyPerDay,
        points: item?.points ?? 0,
        setPoints: r.items.reduce((n, i) => n + i.points, 0),
        maxAttempts: r.maxAttempts,
        attemptDecay: r.attemptDecay,
        closed,
        willNotCount: closed && rules.latePolicy === "REJECT",
      };
    })
    .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
}
