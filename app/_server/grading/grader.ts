import type { GradeJob } from "../../../graders/grade-job";
import type { Verdict } from "../../../graders/verdict";

/** What the submission service needs from the grading engine: one verdict per job. The server passes its pool. */
export interface Grader {
  grade(job: GradeJob): Promise<Verdict>;
}
