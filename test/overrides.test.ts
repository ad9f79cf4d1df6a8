import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCohortAs } from "../app/_server/admin";
import { createAssignmentAs } from "../app/_server/assignments";
import { myAssignmentsAs } from "../app/_server/my-assignments";
import { addCoInstructorAs, joinCohortAs } from "../app/_server/cohorts";
import { gradebookCsvAs } from "../app/_server/csv";
import { buildGradebook, studentItemWork } from "../app/_server/gradebook";
import { cellOverrideHistoryAs, revertCellOverrideAs, setCellOverrideAs } from "../app/_server/gradebook-overrides";
import { learnerOverrides } from "../app/_server/overrides";
import { createSubmission } from "../app/_server/submissions";
import { seedContent, seedPeople, type People } from "./cohorts-fixtures";
import { statusOf } from "./support/app-errors";
import { migratedDatabase, PROVIDERS, type MigratedDatabase } from "./support/databases";

/**
 * Grade overrides (app/_server/overrides.ts, gradebook-overrides.ts) on both databases: set with a comment, change,
 * revert (itself audited, back to the computed score); the gradebook, its totals and the CSV use and mark the
 * override; the student sees it; the audit only grows; students and other cohorts' instructors get 403.
 */
/** The CSV's column prefix of the overridden item: set title · item title [id] (points). */
const COL = "Set 1 · Exercise softmax [softmax] (10)";

describe.each(PROVIDERS)("grade overrides on %s", (provider) => {
  let d: MigratedDatabase;
  let p: People;
  let cohortId: string;
  let otherCohortId: string;
  let itemId: string;
  let otherItemId: string;
  let quizItemId: string;

  beforeAll(async () => {
    d = await migratedDatabase(provider);
    p = await seedPeople(d.db);
    await seedContent(d.db);
    const cohort = await createCohortAs(d.db, p.owner.id, { name: "Overrides" });
    cohortId = cohort.id;
    await addCoInstructorAs(d.db, p.owner.id, cohortId, { email: p.co.email });
    await joinCohortAs(d.db, p.student.id, { code: cohort.joinCode });
    await joinCohortAs(d.db, p.student2.id, { code: cohort.joinCode });
    const window = { opensAt: "2026-01-01T09:00", dueAt: "2099-12-08T23:59", latePolicy: "ACCEPT" };
    // A problem set of two items (10 points each); the override is on the softmax item.
    const set = await createAssignmentAs(d.db, p.owner.id, cohortId, { title: "Set 1", items: [{ ref: "exercise:softmax", points: 10 }, { ref: "exercise:pca", points: 10 }, { ref: "quiz:softmax", points: 20 }], ...window });
    itemId = set.items.find((i) => i.kind === "EXERCISE" && i.refId === "softmax")!.id;
    quizItemId = set.items.find((i) => i.kind === "QUIZ")!.id;
    const other = await createCohortAs(d.db, p.other.id, { name: "Other" });
    otherCohortId = other.id;
    otherItemId = (await createAssignmentAs(d.db, p.other.id, otherCohortId, { item: "exercise:softmax", ...window })).items[0]!.id;
    // The student's graded softmax: 50.
    const { submission } = await createSubmission(d.db, p.student.id, { exerciseId: "softmax", code: "x", clientSubmissionId: "override-0001" });
    await d.db.submission.update({ where: { id: submission.id }, data: { status: "GRADED", score: 0.5, gradedAt: new Date() } });
  });
  afterAll(async () => {
    await d.drop();
  });

  const cell = async (userId: string) => {
    const gb = await buildGradebook(d.db, cohortId);
    const row = gb.rows.find((r) => r.student.userId === userId)!;
    const k = gb.items.findIndex((i) => i.itemId === itemId);
    return { cell: row.cells[k]!, total: row.total, set: row.assignments[0]!, setId: gb.items[k]!.assignmentId, mean: gb.itemTotals[k]!.mean };
  };
  const csvRecord = async (email: string) => {
    const file = await gradebookCsvAs(d.db, p.owner.id, cohortId);
    const records = parse(file.body, { bom: true, columns: true }) as Record<string, string>[];
    return records.find((r) => r.Email === email)!;
  };

  it("sets a score with a comment, uses and marks it in the gradebook and CSV, and shows it to the student", async () => {
    expect((await cell(p.student.id)).cell).toMatchObject({ score: 0.5 });
    const set = await setCellOverrideAs(d.db, p.owner.id, cohortId, { itemId, userId: p.student.id, score: "80", comment: "Your derivation on paper was right." });
    expect(set).toMatchObject({ action: "SET", oldScore: 0.5, newScore: 0.8, actor: "Owner" });

    const after = await cell(p.student.id);
    expect(after.cell).toMatchObject({ score: 0.8, override: { computed: 0.5, comment: "Your derivation on paper was right." } });
    // 8 of the set's 40 points: the set and the total use the override.
    expect(after.set.earned).toBeCloseTo(8);
    expect(after.total).toBeCloseTo(0.2);
    expect(after.mean).toBeCloseTo(0.4);
    // The drill-down agrees, and says what the override replaced.
    const work = await studentItemWork(d.db, cohortId, p.student.id, after.setId);
    expect(work.items.find((w) => w.item.itemId === itemId)).toMatchObject({ score: 0.8, override: { computed: 0.5 } });
    expect(work.earned).toBeCloseTo(8);
    // A student with nothing submitted can be given a score too (computed: none).
    await setCellOverrideAs(d.db, p.co.id, cohortId, { itemId, userId: p.student2.id, score: 10, comment: "Excused: partial credit for the oral exam." });
    expect((await cell(p.student2.id)).cell).toMatchObject({ score: 0.1, override: { computed: null } });

    const rec = await csvRecord(p.student.email);
    expect(rec[`${COL} score %`]).toBe("80");
    expect(rec[`${COL} overridden: computed %`]).toBe("50");
    expect(rec[`${COL} override comment`]).toBe("Your derivation on paper was right.");
    expect((await csvRecord(p.student2.email))[`${COL} overridden: computed %`]).toBe("-");

    expect(await learnerOverrides(d.db, p.student.id, "EXERCISE", "softmax")).toEqual([
      expect.objectContaining({ score: 0.8, comment: "Your derivation on paper was right.", cohortName: "Overrides", assignmentTitle: "Set 1" }),
    ]);
    // A quiz item: the student sees it on the topic's quiz page, not on the exercise of the same id.
    await setCellOverrideAs(d.db, p.owner.id, cohortId, { itemId: quizItemId, userId: p.student.id, score: 100, comment: "Answered in class." });
    expect(await learnerOverrides(d.db, p.student.id, "QUIZ", "softmax")).toEqual([expect.objectContaining({ itemId: quizItemId, score: 1, comment: "Answered in class." })]);
    expect(await learnerOverrides(d.db, p.student.id, "EXERCISE", "softmax")).toHaveLength(1);
    expect((await cell(p.student.id)).set.earned).toBeCloseTo(28);
    // The student's list of assignments (dashboard) shows the same scores and the comments.
    const [mine] = await myAssignmentsAs(d.db, p.student.id);
    expect(mine!.items.map((i) => [i.refId, i.kind, i.score, i.overrideComment ?? null])).toEqual([
      ["softmax", "EXERCISE", 0.8, "Your derivation on paper was right."],
      ["pca", "EXERCISE", null, null],
      ["softmax", "QUIZ", 1, "Answered in class."],
    ]);
    expect(mine!.earned).toBeCloseTo(28);
  });

  it("changes and reverts with an audit of who, when, old → new and why; the audit only grows", async () => {
    await setCellOverrideAs(d.db, p.co.id, cohortId, { itemId, userId: p.student.id, score: 90, comment: "Regraded by hand after the office hour." });
    const reverted = await revertCellOverrideAs(d.db, p.owner.id, cohortId, { itemId, userId: p.student.id, comment: "Entered for the wrong student." });
    expect(reverted).toMatchObject({ action: "REVERT", oldScore: 0.9, newScore: 0.5 });
    const back = await cell(p.student.id);
    expect(back.cell.score).toBe(0.5);
    expect(back.cell.override).toBeUndefined();
    expect((await csvRecord(p.student.email))[`${COL} override comment`]).toBe("");
    expect(await learnerOverrides(d.db, p.student.id, "EXERCISE", "softmax")).toEqual([]);

    const history = await cellOverrideHistoryAs(d.db, p.owner.id, cohortId, itemId, p.student.id);
    expect(history.map((e) => [e.action, e.oldScore, e.newScore, e.actor, e.comment])).toEqual([
      ["REVERT", 0.9, 0.5, "Owner", "Entered for the wrong student."],
      ["SET", 0.8, 0.9, "Co", "Regraded by hand after the office hour."],
      ["SET", 0.5, 0.8, "Owner", "Your derivation on paper was right."],
    ]);
    expect(history.every((e) => e.createdAt instanceof Date)).toBe(true);
    // Reverting again: nothing to revert.
    expect(await statusOf(revertCellOverrideAs(d.db, p.owner.id, cohortId, { itemId, userId: p.student.id, comment: "again" }))).toBe(409);
    expect(await d.db.gradeOverrideEvent.count({ where: { userId: p.student.id, itemId } })).toBe(3);
  });

  it("refuses bad input with field messages: a score outside 0–100, an empty comment, a non-student, another cohort's item", async () => {
    expect(await statusOf(setCellOverrideAs(d.db, p.owner.id, cohortId, { itemId, userId: p.student.id, score: 120, comment: "x" }))).toBe(400);
    expect(await statusOf(setCellOverrideAs(d.db, p.owner.id, cohortId, { itemId, userId: p.student.id, score: 50, comment: "  " }))).toBe(400);
    expect(await statusOf(setCellOverrideAs(d.db, p.owner.id, cohortId, { itemId, userId: p.co.id, score: 50, comment: "x" }))).toBe(404);
    expect(await statusOf(setCellOverrideAs(d.db, p.owner.id, cohortId, { itemId: otherItemId, userId: p.student.id, score: 50, comment: "x" }))).toBe(404);
  });

  it("answers 403 to students and other cohorts' instructors and records nothing; co-instructors and admins may", async () => {
    const before = await d.db.gradeOverrideEvent.count();
    for (const actor of [p.student.id, p.student2.id, p.other.id]) {
      expect(await statusOf(setCellOverrideAs(d.db, actor, cohortId, { itemId, userId: p.student.id, score: 100, comment: "mine" }))).toBe(403);
      expect(await statusOf(revertCellOverrideAs(d.db, actor, cohortId, { itemId, userId: p.student2.id, comment: "mine" }))).toBe(403);
      expect(await statusOf(cellOverrideHistoryAs(d.db, actor, cohortId, itemId, p.student.id))).toBe(403);
    }
    expect(await statusOf(setCellOverrideAs(d.db, undefined, cohortId, { itemId, userId: p.student.id, score: 100, comment: "x" }))).toBe(401);
    expect(await d.db.gradeOverrideEvent.count()).toBe(before);
    await expect(cellOverrideHistoryAs(d.db, p.admin.id, cohortId, itemId, p.student.id)).resolves.toHaveLength(3);
    await expect(revertCellOverrideAs(d.db, p.admin.id, cohortId, { itemId, userId: p.student2.id, comment: "Admin: excused after all." })).resolves.toMatchObject({ action: "REVERT" });
  });
});
