/**
 * Whether a quiz answer counts toward a quiz item of an assignment (the rule of the gradebook's SQL, quizCells):
 * given for it (graded mode), or outside any assignment after it opened and after the learner joined the cohort.
 * An answer given for another assignment counts only there.
 */
export function answerCountsToward(given: string | null, createdAt: Date, assignment: { assignmentId: string; opensAt: Date }, enrolledAt: Date): boolean {
  return given === assignment.assignmentId || (given === null && createdAt >= assignment.opensAt && createdAt >= enrolledAt);
}
