import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCohortAs } from "../app/_server/admin";
import { learnerAssignments } from "../app/_server/assignment-context";
import { createAssignmentAs, updateAssignmentAs } from "../app/_server/assignments";
import { myAssignmentsAs } from "../app/_server/my-assignments";
import { joinCohortAs, type CohortSummary } from "../app/_server/cohorts";
import { gradebookCsv } from "../app/_server/csv";
import { AppError } from "../app/_server/errors";
import { effectiveRules, listExtensionsAs, removeExtensionAs, setExtensionAs } from "../app/_server/extensions";
import { buildGradebook, cohortWork, studentItemWork } from "../app/_server/gradebook";
import { gradedContext } from "../app/_server/quizzes";
import { seedContent, seedPeople, type People } from "./cohorts-fixtures";
import { migratedDatabase, PROVIDERS, type MigratedDatabase } from "./support/databases";
import { countQueries } from "../scripts/lib/count-queries";

async function failure(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected an AppError, but the call succeeded");
}

const DAY = 24 * 60 * 60 * 1000;
// Asia/Tokyo: opens 2026-12-01T00:00Z, due 2026-12-08T14:59Z.
const window = { opensAt: "2026-12-01T09:00", dueAt: "2026-12-08T23:59", latePolicy: "PENALTY", penaltyPercent: "10" };
const DUE = new Date("2026-12-08T14:59:00Z");

describe.each(PROVIDERS)("problem sets and extensions on %s", (provider) => {
  let d: MigratedDatabase;
  let p: People;
  let cohort: CohortSummary;
  let seq = 0;

  async function submit(userId: string, exerciseId: string, score: number, createdAt: Date) {
    await d.db.submission.create({
      data: { userId, exerciseId, code: "x", clientSubmissionId: `ps-${++seq}-xxxx`, seed: 1, contentHash: "h", status: "GRADED", score, createdAt },
    });
  }

  beforeAll(async () => {
    d = await migratedDatabase(provider);
    p = await seedPeople(d.db);
    await seedContent(d.db);
    cohort = await createCohortAs(d.db, p.owner.id, { name: "ML 2026" });
    await joinCohortAs(d.db, p.student.id, { code: cohort.joinCode });
    await joinCohortAs(d.db, p.student2.id, { code: cohort.joinCode });
    // Joined before any work below.
    await d.db.enrollment.updateMany({ where: { cohortId: cohort.id }, data: { createdAt: new Date("2026-11-01T00:00:00Z") } });
  });
  afterAll(async () => {
    await d.drop();
  });

  it("a problem set holds exercises and a quiz, each with points, in order; editing keeps the ids of kept items", async () => {
    const c = await createCohortAs(d.db, p.owner.id, { name: "Sets" });
    const set = await createAssignmentAs(d.db, p.owner.id, c.id, { title: "Week 1", items: [{ ref: "exercise:pca", points: "20" }, { ref: "quiz:softmax", points: 5 }, { ref: "exercise:softmax" }], ...window });
    expect(set.title).toBe("Week 1");
    expect(set.items.map((i) => [i.kind, i.refId, i.points, i.position])).toEqual([
      ["EXERCISE", "pca", 20, 0],
      ["QUIZ", "softmax", 5, 1],
      ["EXERCISE", "softmax", 10, 2],
    ]);
    expect(set.points).toBe(35);

    // The form sends rows item_N / points_N; empty rows are skipped, the order of the rows is kept.
    const fromForm = await createAssignmentAs(d.db, p.owner.id, c.id, { title: "", item_0: "exercise:softmax", points_0: "4", item_1: "", points_1: "10", item_2: "quiz:softmax", points_2: "", ...window });
    expect(fromForm.items.map((i) => [i.refId, i.kind, i.points])).toEqual([
      ["softmax", "EXERCISE", 4],
      ["softmax", "QUIZ", 10],
    ]);
    // An empty title takes the first item's; the same exercise may be in two sets of a cohort.
    expect(fromForm.title).toBe("Exercise softmax");

    const softmaxId = set.items[2]!.id;
    const edited = await updateAssignmentAs(d.db, p.owner.id, set.id, { title: "Week 1 (revised)", items: [{ ref: "exercise:softmax", points: 15 }, { ref: "exercise:pca", points: 5 }], ...window });
    expect(edited.items.map((i) => [i.refId, i.points, i.position])).toEqual([
      ["softmax", 15, 0],
      ["pca", 5, 1],
    ]);
    expect(edited.items[0]!.id).toBe(softmaxId);
    expect(await d.db.assignmentItem.count({ where: { assignmentId: set.id, kind: "QUIZ" } })).toBe(0);

    const bad = await failure(createAssignmentAs(d.db, p.owner.id, c.id, { title: "x", items: [{ ref: "exercise:softmax", points: "-1" }], ...window }));
    expect(bad.status).toBe(400);
    expect(bad.fieldErrors["items.0.points"]?.en).toMatch(/0 to 1000/);
    const none = await failure(createAssignmentAs(d.db, p.owner.id, c.id, { title: "x", item_0: "", ...window }));
    expect(none.fieldErrors.items?.en).toMatch(/at least one/);
  });

  it("the gradebook has a column per set (points earned / total, late flag) with its items, and an extension moves one student's due date everywhere", async () => {
    // softmax (10 points) + quiz (5 points: q1, q2 active), PENALTY 10 %/day.
    const set = await createAssignmentAs(d.db, p.owner.id, cohort.id, { title: "Set A", items: [{ ref: "exercise:softmax", points: 10 }, { ref: "quiz:softmax", points: 5 }], ...window });
    // Both students: softmax 1.0 two started days late; q1 right on time, q2 right 1 day late.
    for (const s of [p.student, p.student2]) {
      await submit(s.id, "softmax", 1, new Date(DUE.getTime() + DAY + 60_000));
      await d.db.quizAttempt.createMany({
        data: [
          { userId: s.id, quizItemId: "q1", answer: '"a"', correct: true, contentHash: "h", createdAt: new Date(DUE.getTime() - DAY) },
          { userId: s.id, quizItemId: "q2", answer: '"a"', correct: true, contentHash: "h", createdAt: new Date(DUE.getTime() + 60_000) },
        ],
      });
    }
    // The student gets 3 more days (same policy); everything they did is then on time.
    const ext = await setExtensionAs(d.db, p.owner.id, set.id, { userId: p.student.id, dueAt: "2026-12-11T23:59", reason: "illness" });
    expect(ext).toMatchObject({ displayName: p.student.displayName, latePolicy: null, reason: "illness", grantedByName: "Owner" });
    expect(ext.dueAt.toISOString()).toBe("2026-12-11T14:59:00.000Z");

    const gb = await buildGradebook(d.db, cohort.id);
    const k = gb.assignments.findIndex((a) => a.assignmentId === set.id);
    expect(gb.assignments[k]).toMatchObject({ title: "Set A", points: 15 });
    const row = (id: string) => gb.rows.find((r) => r.student.userId === id)!;
    const first = gb.items.findIndex((i) => i.assignmentId === set.id);
    // Extended: all on time, 15 / 15.
    expect(row(p.student.id).assignments[k]).toMatchObject({ score: 1, earned: 15, points: 15, late: false });
    expect(row(p.student.id).assignments[k]!.rules).toMatchObject({ extended: true, latePolicy: "PENALTY" });
    // Not extended: softmax 0.8 (2 days × 10 %), quiz (1 + 0.9) / 2: 8 + 4.75 = 12.75 / 15, late.
    expect(row(p.student2.id).assignments[k]!.earned).toBeCloseTo(12.75, 9);
    expect(row(p.student2.id).assignments[k]).toMatchObject({ late: true, points: 15 });
    expect(row(p.student2.id).cells[first]).toMatchObject({ late: true });
    expect(row(p.student2.id).cells[first]!.score).toBeCloseTo(0.8, 12);
    expect(row(p.student.id).cells[first]).toMatchObject({ score: 1, late: false });

    // CSV: the set's points, the student's due date and the extension flag; the items' detail.
    const records = parse(gradebookCsv(gb, "en"), { bom: true, columns: true }) as Record<string, string>[];
    const rec = (email: string) => records.find((r) => r.Email === email)!;
    const prefix = `Set A [${set.id}]`;
    expect(rec(p.student.email)[`${prefix} points / 15`]).toBe("15");
    expect(rec(p.student.email)[`${prefix} due`]).toBe("2026-12-11T23:59:00+09:00");
    expect(rec(p.student.email)[`${prefix} extended`]).toBe("yes");
    expect(rec(p.student2.email)[`${prefix} points / 15`]).toBe("12.75");
    expect(rec(p.student2.email)[`${prefix} due`]).toBe("2026-12-08T23:59:00+09:00");
    expect(rec(p.student2.email)[`Set A · Exercise softmax [softmax] (10) score %`]).toBe("80");
    expect(rec(p.student2.email)[`Set A · Exercise softmax [softmax] (10) late`]).toBe("yes");

    // The per-submission export and the drill-down count under the same rules.
    const work = (await cohortWork(d.db, cohort.id)).rows.filter((r) => r.assignment === "Set A" && r.kind === "exercise");
    expect(work.find((r) => r.email === p.student.email)).toMatchObject({ counted: 1, daysLate: 0 });
    expect(work.find((r) => r.email === p.student2.email)).toMatchObject({ daysLate: 2 });
    const drill = await studentItemWork(d.db, cohort.id, p.student.id, set.id);
    expect(drill.rules.extended).toBe(true);
    expect(drill.extensionReason).toBe("illness");
    expect(drill).toMatchObject({ score: 1, earned: 15 });
    expect(drill.items.map((i) => [i.item.refId, i.score, i.late])).toEqual([
      ["softmax", 1, false],
      ["softmax", 1, false],
    ]);

    // An extension with its own policy: REJECT, due just after q1 was answered, refuses the rest.
    await setExtensionAs(d.db, p.owner.id, set.id, { userId: p.student.id, dueAt: "2026-12-08T00:00", latePolicy: "REJECT" });
    const strict = await buildGradebook(d.db, cohort.id);
    const strictRow = strict.rows.find((r) => r.student.userId === p.student.id)!;
    expect(strictRow.assignments[k]!.rules).toMatchObject({ extended: true, latePolicy: "REJECT" });
    // softmax refused (0), quiz: q1 on time (1), q2 refused: 0 + 5 × 0.5 = 2.5.
    expect(strictRow.assignments[k]).toMatchObject({ earned: 2.5, late: true });

    // Withdrawn: the assignment's rules again.
    await removeExtensionAs(d.db, p.owner.id, set.id, p.student.id);
    const plain = await buildGradebook(d.db, cohort.id);
    expect(plain.rows.find((r) => r.student.userId === p.student.id)!.assignments[k]!.earned).toBeCloseTo(12.75, 9);
    expect(await listExtensionsAs(d.db, p.owner.id, cohort.id)).toEqual([]);
  });

  it("an extension is for a student of the cohort, with a valid date, and a penalty when its policy is PENALTY", async () => {
    const set = await createAssignmentAs(d.db, p.owner.id, cohort.id, { title: "Checks", items: [{ ref: "exercise:pca" }], ...window });
    const outsider = await failure(setExtensionAs(d.db, p.owner.id, set.id, { userId: p.co.id, dueAt: "2026-12-10T00:00" }));
    expect(outsider.status).toBe(400);
    expect(outsider.fieldErrors.userId?.en).toMatch(/not a student of this cohort/);
    const bad = await failure(setExtensionAs(d.db, p.owner.id, set.id, { userId: p.student.id, dueAt: "someday", latePolicy: "PENALTY" }));
    expect(bad.fieldErrors.dueAt?.en).toMatch(/date and time.*Asia\/Tokyo/);
    expect(bad.fieldErrors.penaltyPercent?.ja).toMatch(/減点率/);
    expect((await failure(setExtensionAs(d.db, p.owner.id, "no-such", { userId: p.student.id, dueAt: "2026-12-10T00:00" }))).status).toBe(404);
    // One per student and assignment: a second grant replaces the first.
    await setExtensionAs(d.db, p.owner.id, set.id, { userId: p.student.id, dueAt: "2026-12-10T00:00" });
    await setExtensionAs(d.db, p.owner.id, set.id, { userId: p.student.id, dueAt: "2026-12-12T00:00", latePolicy: "PENALTY", penaltyPercent: "25" });
    const rows = await d.db.assignmentExtension.findMany({ where: { assignmentId: set.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ latePolicy: "PENALTY", penaltyPerDay: 0.25 });
    expect(effectiveRules({ dueAt: DUE, latePolicy: "ACCEPT", penaltyPerDay: 0 }, rows[0])).toMatchObject({ latePolicy: "PENALTY", penaltyPerDay: 0.25, extended: true });
    await d.db.assignment.delete({ where: { id: set.id } });
    expect(await d.db.assignmentExtension.count({ where: { assignmentId: set.id } })).toBe(0);
  });

  it("the student sees their extended due date on the dashboard and the item's page; the quiz stays graded until then", async () => {
    const c = await createCohortAs(d.db, p.owner.id, { name: "Quiz sets" });
    await joinCohortAs(d.db, p.student.id, { code: c.joinCode });
    await joinCohortAs(d.db, p.student2.id, { code: c.joinCode });
    // The quiz topic is in two open sets: "Later" due 12-07, "Sooner" due 12-05 (and in "Set A" of the other
    // cohort, due 12-08).
    const later = await createAssignmentAs(d.db, p.owner.id, c.id, { title: "Later", items: [{ ref: "quiz:softmax" }], ...window, dueAt: "2026-12-07T23:59" });
    const sooner = await createAssignmentAs(d.db, p.owner.id, c.id, { title: "Sooner", items: [{ ref: "quiz:softmax" }, { ref: "exercise:pca" }], ...window, dueAt: "2026-12-05T23:59" });
    const now = new Date("2026-12-04T00:00:00Z");
    // Graded toward the open set due first.
    expect((await gradedContext(d.db, p.student2.id, "softmax", now))?.assignmentId).toBe(sooner.id);
    // The student's extension on "Sooner" (to 12-10) makes "Later" the one due first for them.
    await setExtensionAs(d.db, p.owner.id, sooner.id, { userId: p.student.id, dueAt: "2026-12-10T23:59" });
    expect((await gradedContext(d.db, p.student.id, "softmax", now))?.assignmentId).toBe(later.id);
    // After 12-08 only the extended "Sooner" is open for the student: still graded (no answers shown); the other
    // student is past every due date: practice, where "Show answer" works.
    const afterDue = new Date("2026-12-09T00:00:00Z");
    const ctx = await gradedContext(d.db, p.student.id, "softmax", afterDue);
    expect(ctx?.assignmentId).toBe(sooner.id);
    expect(ctx?.dueAt.toISOString()).toBe("2026-12-10T14:59:00.000Z");
    expect(await gradedContext(d.db, p.student2.id, "softmax", afterDue)).toBeNull();
    expect(await gradedContext(d.db, p.student.id, "softmax", new Date("2026-12-11T00:00:00Z"))).toBeNull();

    // Dashboard: the student's due date, flagged as extended, among the upcoming ones.
    const mine = (await myAssignmentsAs(d.db, p.student.id, afterDue)).filter((a) => a.cohortName === "Quiz sets");
    const s = mine.find((a) => a.title === "Sooner")!;
    expect(s).toMatchObject({ extended: true, points: 20 });
    // Open for them (their quiz answers from the other cohort's set already count here: "in progress").
    expect(["open", "in-progress"]).toContain(s.status);
    expect(s.dueAt.toISOString()).toBe("2026-12-10T14:59:00.000Z");
    expect(s.assignmentDueAt.toISOString()).toBe("2026-12-05T14:59:00.000Z");
    expect(mine.find((a) => a.title === "Later")).toMatchObject({ extended: false, status: "overdue" });
    const theirs = (await myAssignmentsAs(d.db, p.student2.id, afterDue)).filter((a) => a.cohortName === "Quiz sets");
    expect(theirs.find((a) => a.title === "Sooner")).toMatchObject({ extended: false, status: "overdue" });

    // The exercise page: due date (extended), points of the item and of the set, and no "will not count" warning.
    const [context] = await learnerAssignments(d.db, p.student.id, "EXERCISE", "pca", afterDue);
    expect(context).toMatchObject({ title: "Sooner", extended: true, closed: false, willNotCount: false, points: 10, setPoints: 20 });
    expect(context!.dueAt.toISOString()).toBe("2026-12-10T14:59:00.000Z");
  });

  it("the gradebook takes the same number of queries for 2 students as for 6, and for 2 sets as for 4", async () => {
    const c = await createCohortAs(d.db, p.owner.id, { name: "Counting" });
    await createAssignmentAs(d.db, p.owner.id, c.id, { title: "One", items: [{ ref: "exercise:softmax" }, { ref: "quiz:softmax" }], ...window });
    await createAssignmentAs(d.db, p.owner.id, c.id, { title: "Zero", items: [{ ref: "exercise:pca" }], ...window });
    await joinCohortAs(d.db, p.student.id, { code: c.joinCode });
    await joinCohortAs(d.db, p.student2.id, { code: c.joinCode });
    const small = await countQueries(d.db, (db) => buildGradebook(db, c.id));
    for (let i = 0; i < 4; i++) {
      const u = await d.db.user.create({ data: { email: `count${i}-${provider}@example.org`, displayName: `Count ${i}`, passwordHash: "x" } });
      await d.db.enrollment.create({ data: { cohortId: c.id, userId: u.id } });
      await setExtensionAs(d.db, p.owner.id, (await d.db.assignment.findFirstOrThrow({ where: { cohortId: c.id } })).id, { userId: u.id, dueAt: "2026-12-20T00:00" });
    }
    await createAssignmentAs(d.db, p.owner.id, c.id, { title: "Two", items: [{ ref: "exercise:pca" }, { ref: "exercise:softmax" }], ...window });
    await createAssignmentAs(d.db, p.owner.id, c.id, { title: "Three", items: [{ ref: "quiz:softmax" }], ...window });
    const large = await countQueries(d.db, (db) => buildGradebook(db, c.id));
    expect((await buildGradebook(d.db, c.id)).rows).toHaveLength(6);
    expect(large).toBe(small);
    // 10 for the sets and their cells, and one for the grade overrides in force (overrides.ts).
    expect(small).toBeLessThanOrEqual(11);
  });
});
