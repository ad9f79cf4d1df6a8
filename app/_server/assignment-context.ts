import type { AssignmentKind, LatePolicy } from "../_generated/sqlite/client";
import type { Db } from "./db/client";

/**
 * The assignments an exercise or a topic's quiz belongs to for one learner, for the learner's own pages: due date,
 * late policy, whether it is closed, and whether a submission now would count. Only the learner's cohorts (as a
 * student, not archived) and only assignments that have opened.
 */
export interface LearnerAssignment {
  assignmentId: string;
  cohortName: string;
  timeZone: string;
  opensAt: Date;
  dueAt: Date;
  latePolicy: LatePolicy;
  penaltyPerDay: number;
  /** Quiz only. */
  maxAttempts: number;
  attemptDecay: number;
  /** Past the due date. */
  closed: boolean;
  /** Closed and late work is refused: a submission now does not count toward it. */
  willNotCount: boolean;
}

export async function learnerAssignments(db: Db, userId: string, kind: AssignmentKind, refId: string, now: Date = new Date()): Promise<LearnerAssignment[]> {
  const rows = await db.assignment.findMany({
    where: {
      kind,
      ...(kind === "EXERCISE" ? { exerciseId: refId } : { topicId: refId }),
      opensAt: { lte: now },
      cohort: { archived: false, enrollments: { some: { userId, role: "STUDENT" } } },
    },
    orderBy: { dueAt: "asc" },
    select: { id: true, opensAt: true, dueAt: true, latePolicy: true, penaltyPerDay: true, maxAttempts: true, attemptDecay: true, cohort: { select: { name: true, timeZone: true } } },
  });
  return rows.map((r) => {
    const closed = now.getTime() > r.dueAt.getTime();
    return {
      assignmentId: r.id,
      cohortName: r.cohort.name,
      timeZone: r.cohort.timeZone,
      opensAt: r.opensAt,
      dueAt: r.dueAt,
      latePolicy: r.latePolicy,
      penaltyPerDay: r.penaltyPerDay,
      maxAttempts: r.maxAttempts,
      attemptDecay: r.attemptDecay,
      closed,
      willNotCount: closed && r.latePolicy === "REJECT",
    };
  });
}
