import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCohortAs } from "../app/_server/admin";
import { assignableItemsAs, createAssignmentAs, deleteAssignmentAs, listAssignmentsAs, updateAssignmentAs } from "../app/_server/assignments";
import { myAssignmentsAs } from "../app/_server/my-assignments";
import { joinCohortAs, updateCohortAs, type CohortSummary } from "../app/_server/cohorts";
import { AppError } from "../app/_server/errors";
import { seedContent, seedPeople, type People } from "./cohorts-fixtures";
import { migratedDatabase, PROVIDERS, type MigratedDatabase } from "./support/databases";

async function failure(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected an AppError, but the call succeeded");
}

const window = { opensAt: "2026-12-01T09:00", dueAt: "2026-12-08T23:59", latePolicy: "ACCEPT" };

describe.each(PROVIDERS)("assignments on %s", (provider) => {
  let d: MigratedDatabase;
  let p: People;
  let cohort: CohortSummary;
  let seq = 0;

  async function submit(userId: string, exerciseId: string, score: number | null, createdAt: Date) {
    await d.db.submission.create({
      data: { userId, exerciseId, code: "x", clientSubmissionId: `sub-${++seq}-xxxx`, seed: 1, contentHash: "h", status: score === null ? "ERROR" : "GRADED", score, createdAt },
    });
  }

  beforeAll(async () => {
    d = await migratedDatabase(provider);
    p = await seedPeople(d.db);
    await seedContent(d.db);
    cohort = await createCohortAs(d.db, p.owner.id, { name: "ML 2026" });
  });
  afterAll(async () => {
    await d.drop();
  });

  it("times are typed in the cohort's time zone (Asia/Tokyo by default) and stored in UTC", async () => {
    const a = await createAssignmentAs(d.db, p.owner.id, cohort.id, { item: "exercise:softmax", ...window });
    expect(a.opensAt.toISOString()).toBe("2026-12-01T00:00:00.000Z");
    expect(a.dueAt.toISOString()).toBe("2026-12-08T14:59:00.000Z");
    expect(a).toMatchObject({ title: "Exercise softmax", latePolicy: "ACCEPT", penaltyPerDay: 0, points: 10 });
    expect(a.items).toMatchObject([{ kind: "EXERCISE", refId: "softmax", titleEn: "Exercise softmax", points: 10, position: 0, retired: false }]);

    const london = await createCohortAs(d.db, p.owner.id, { name: "London", timeZone: "Europe/London" });
    const summer = await createAssignmentAs(d.db, p.owner.id, london.id, { item: "exercise:softmax", opensAt: "2026-07-01T09:00", dueAt: "2026-07-02T09:00", latePolicy: "REJECT" });
    expect(summer.opensAt.toISOString()).toBe("2026-07-01T08:00:00.000Z");
    expect(summer.dueAt.toISOString()).toBe("2026-07-02T08:00:00.000Z");
  });

  it("a quiz topic is assigned with a penalty given in percent per day", async () => {
    const q = await createAssignmentAs(d.db, p.owner.id, cohort.id, { item: "quiz:softmax", ...window, latePolicy: "PENALTY", penaltyPercent: "10" });
    expect(q).toMatchObject({ title: "Quiz: Topic softmax", penaltyPerDay: 0.1 });
    expect(q.items).toMatchObject([{ kind: "QUIZ", refId: "softmax", titleEn: "Quiz: Topic softmax", titleJa: "クイズ: トピック softmax" }]);
    const list = await listAssignmentsAs(d.db, p.owner.id, cohort.id);
    expect(list.map((a) => `${a.items[0]!.kind}:${a.items[0]!.refId}`).sort()).toEqual(["EXERCISE:softmax", "QUIZ:softmax"]);
  });

  it("a quiz assignment takes attempts per question (default 3) and a credit decay per extra attempt", async () => {
    const c = await createCohortAs(d.db, p.owner.id, { name: "Quiz settings" });
    const plain = await createAssignmentAs(d.db, p.owner.id, c.id, { item: "quiz:softmax", ...window });
    expect(plain).toMatchObject({ maxAttempts: 3, attemptDecay: 0 });
    const c2 = await createCohortAs(d.db, p.owner.id, { name: "Quiz settings 2" });
    const set = await createAssignmentAs(d.db, p.owner.id, c2.id, { item: "quiz:softmax", ...window, maxAttempts: "5", decayPercent: "25" });
    expect(set).toMatchObject({ maxAttempts: 5, attemptDecay: 0.25 });
    const zero = await failure(createAssignmentAs(d.db, p.owner.id, c2.id, { item: "quiz:softmax", ...window, maxAttempts: "0" }));
    expect(zero.fieldErrors.maxAttempts?.en).toMatch(/at least 1/);
    const bad = await failure(createAssignmentAs(d.db, p.owner.id, c2.id, { item: "quiz:softmax", ...window, decayPercent: "150" }));
    expect(bad.fieldErrors.decayPercent?.ja).toMatch(/0〜100/);
  });

  it("a due date before (or at) the opening date is rejected with a field message, and so are malformed dates", async () => {
    const before = await failure(createAssignmentAs(d.db, p.owner.id, cohort.id, { item: "exercise:pca", ...window, dueAt: "2026-11-30T23:59" }));
    expect(before.status).toBe(400);
    expect(before.fieldErrors.dueAt).toEqual({ en: "The due date must be after the opening date.", ja: "締切は公開日時より後にしてください。" });
    const same = await failure(createAssignmentAs(d.db, p.owner.id, cohort.id, { item: "exercise:pca", ...window, dueAt: window.opensAt }));
    expect(same.fieldErrors.dueAt?.en).toMatch(/after the opening/);
    const malformed = await failure(createAssignmentAs(d.db, p.owner.id, cohort.id, { item: "exercise:pca", ...window, opensAt: "2026-02-30T10:00", dueAt: "" }));
    expect(malformed.fieldErrors.opensAt?.en).toMatch(/as a date and time.*Asia\/Tokyo/);
    expect(malformed.fieldErrors.dueAt?.en).toBe("Enter the due date.");
    const noPenalty = await failure(createAssignmentAs(d.db, p.owner.id, cohort.id, { item: "exercise:pca", ...window, latePolicy: "PENALTY" }));
    expect(noPenalty.fieldErrors.penaltyPercent?.ja).toMatch(/減点率/);
    const badPolicy = await failure(createAssignmentAs(d.db, p.owner.id, cohort.id, { item: "exercise:pca", ...window, latePolicy: "MAYBE" }));
    expect(badPolicy.fieldErrors.latePolicy).toBeDefined();
    expect(await d.db.assignment.count({ where: { cohortId: cohort.id, items: { some: { exerciseId: "pca" } } } })).toBe(0);
  });

  it("a retired or unknown exercise, or a topic without quiz items, cannot be assigned; nor the same item twice in one set", async () => {
    for (const item of ["exercise:logsumexp", "exercise:no-such", "quiz:svd", "quiz:no-such"]) {
      const error = await failure(createAssignmentAs(d.db, p.owner.id, cohort.id, { item, ...window }));
      expect(error.status, item).toBe(400);
      expect(error.fieldErrors.items?.en, item).toMatch(/no longer exists/);
    }
    const twice = await failure(createAssignmentAs(d.db, p.owner.id, cohort.id, { items: [{ ref: "exercise:softmax" }, { ref: "exercise:softmax", points: 5 }], ...window }));
    expect(twice.status).toBe(400);
    expect(twice.fieldErrors.items?.en).toMatch(/appears twice/);
    const items = await assignableItemsAs(d.db, p.owner.id);
    expect(items.exercises.map((e) => e.id)).toEqual(["softmax", "pca"]);
    expect(items.quizzes).toEqual([{ topicId: "softmax", titleEn: "Topic softmax", titleJa: "トピック softmax", items: 2 }]);
  });

  it("an assignment's window is edited (in the cohort's current zone) and deleted without touching submissions", async () => {
    const a = await createAssignmentAs(d.db, p.owner.id, cohort.id, { item: "exercise:pca", ...window });
    const extended = await updateAssignmentAs(d.db, p.owner.id, a.id, { ...window, dueAt: "2026-12-15T12:00", latePolicy: "REJECT" });
    expect(extended.dueAt.toISOString()).toBe("2026-12-15T03:00:00.000Z");
    expect(extended.latePolicy).toBe("REJECT");
    const bad = await failure(updateAssignmentAs(d.db, p.owner.id, a.id, { ...window, dueAt: "2026-11-01T00:00" }));
    expect(bad.fieldErrors.dueAt?.en).toMatch(/after the opening/);
    await submit(p.co.id, "pca", 1, new Date("2026-12-02T00:00:00Z"));
    await deleteAssignmentAs(d.db, p.owner.id, a.id);
    expect(await d.db.assignment.count({ where: { id: a.id } })).toBe(0);
    expect(await d.db.submission.count({ where: { userId: p.co.id, exerciseId: "pca" } })).toBe(1);
    expect((await failure(deleteAssignmentAs(d.db, p.owner.id, a.id))).status).toBe(404);
  });

  it("a changed time zone shows the same stored instants in the new zone", async () => {
    const c = await createCohortAs(d.db, p.owner.id, { name: "Zone change" });
    const a = await createAssignmentAs(d.db, p.owner.id, c.id, { item: "exercise:softmax", ...window });
    await updateCohortAs(d.db, p.owner.id, c.id, { name: "Zone change", timeZone: "UTC" });
    const [after] = await listAssignmentsAs(d.db, p.owner.id, c.id);
    expect(after?.dueAt).toEqual(a.dueAt);
  });

  it("students see their own assignments with counted scores and status, in every cohort they study in", async () => {
    // Due 2026-12-08T14:59Z. Student: 0.5 on time, 1.0 two days late (ACCEPT → done, late); an ERROR is ignored.
    await joinCohortAs(d.db, p.student.id, { code: cohort.joinCode });
    await joinCohortAs(d.db, p.student2.id, { code: cohort.joinCode });
    // They joined before answering (answers from before joining do not count toward a quiz).
    await d.db.enrollment.updateMany({ where: { cohortId: cohort.id }, data: { createdAt: new Date("2026-11-01T00:00:00Z") } });
    await submit(p.student.id, "softmax", 0.5, new Date("2026-12-05T00:00:00Z"));
    await submit(p.student.id, "softmax", null, new Date("2026-12-06T00:00:00Z"));
    await submit(p.student.id, "softmax", 1, new Date("2026-12-10T00:00:00Z"));
    // Quiz (PENALTY 10 %/day): q1 right on time, q2 right 1 started day late; q3 is retired and does not count.
    await d.db.quizAttempt.createMany({
      data: [
        { userId: p.student.id, quizItemId: "q1", answer: "\"a\"", correct: true, contentHash: "h", createdAt: new Date("2026-12-02T00:00:00Z") },
        { userId: p.student.id, quizItemId: "q2", answer: "\"b\"", correct: true, contentHash: "h", createdAt: new Date("2026-12-09T00:00:00Z") },
        { userId: p.student.id, quizItemId: "q3", answer: "\"b\"", correct: true, contentHash: "h", createdAt: new Date("2026-12-02T00:00:00Z") },
      ],
    });
    // Another cohort the student is in, with an assignment that has not opened yet.
    const other = await createCohortAs(d.db, p.other.id, { name: "Other cohort" });
    await joinCohortAs(d.db, p.student.id, { code: other.joinCode });
    await createAssignmentAs(d.db, p.other.id, other.id, { item: "exercise:pca", opensAt: "2027-01-10T09:00", dueAt: "2027-01-20T09:00", latePolicy: "ACCEPT" });

    const now = new Date("2026-12-20T00:00:00Z");
    const mine = await myAssignmentsAs(d.db, p.student.id, now);
    const byTitle = Object.fromEntries(mine.map((a) => [`${a.cohortName}/${a.title}`, a]));
    expect(byTitle["ML 2026/Exercise softmax"]).toMatchObject({ status: "done", score: 1, attempts: 2, late: true, timeZone: "Asia/Tokyo" });
    expect(byTitle["ML 2026/Quiz: Topic softmax"]?.score).toBeCloseTo((1 + 0.9) / 2, 12);
    expect(byTitle["ML 2026/Quiz: Topic softmax"]).toMatchObject({ status: "overdue", attempts: 2, late: true });
    expect(byTitle["Other cohort/Exercise pca"]).toMatchObject({ status: "upcoming", score: null, attempts: 0 });
    // What needs doing comes first.
    expect(mine.map((a) => a.status)).toEqual(["overdue", "upcoming", "done"]);

    // The other student sees the same assignments with their own (empty) results, and nothing of the first student's.
    const theirs = await myAssignmentsAs(d.db, p.student2.id, new Date("2026-12-03T00:00:00Z"));
    expect(theirs.map((a) => [a.title, a.status, a.score, a.attempts])).toEqual([
      ["Exercise softmax", "open", null, 0],
      ["Quiz: Topic softmax", "open", null, 0],
    ]);
  });

  it("a REJECT assignment past due shows closed, and a removed student no longer sees the cohort's assignments", async () => {
    const c = await createCohortAs(d.db, p.owner.id, { name: "Strict" });
    await joinCohortAs(d.db, p.student2.id, { code: c.joinCode });
    await createAssignmentAs(d.db, p.owner.id, c.id, { item: "exercise:pca", ...window, latePolicy: "REJECT" });
    await submit(p.student2.id, "pca", 1, new Date("2026-12-09T00:00:00Z")); // late: refused
    const [strict] = (await myAssignmentsAs(d.db, p.student2.id, new Date("2026-12-20T00:00:00Z"))).filter((a) => a.cohortName === "Strict");
    expect(strict).toMatchObject({ status: "closed", score: null, attempts: 1, late: true });
    await d.db.enrollment.deleteMany({ where: { cohortId: c.id, userId: p.student2.id } });
    expect((await myAssignmentsAs(d.db, p.student2.id)).some((a) => a.cohortName === "Strict")).toBe(false);
  });
});
