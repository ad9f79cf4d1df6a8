import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCohortAs } from "../app/_server/admin";
import {
  addCoInstructorAs,
  cohortForJoinCode,
  deleteCohortAs,
  joinCohortAs,
  listCohortsAs,
  normalizeJoinCode,
  regenerateJoinCodeAs,
  removeMemberAs,
  rosterAs,
  updateCohortAs,
} from "../app/_server/cohorts";
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

describe("join code normalization", () => {
  it("accepts lower case, dashes, spaces and a pasted join link", () => {
    expect(normalizeJoinCode(" k7pm-3qxa ")).toBe("K7PM3QXA");
    expect(normalizeJoinCode("https://dojo.example.ac.jp/join/K7PM3QXA?x=1")).toBe("K7PM3QXA");
    expect(normalizeJoinCode("http://localhost:3000/join/k7pm3qxa/")).toBe("K7PM3QXA");
    expect(normalizeJoinCode("/join/%E0%A4%A")).toBe("%E0%A4%A");
  });
});

describe.each(PROVIDERS)("cohorts on %s", (provider) => {
  let d: MigratedDatabase;
  let p: People;

  beforeAll(async () => {
    d = await migratedDatabase(provider);
    p = await seedPeople(d.db);
    await seedContent(d.db);
  });
  afterAll(async () => {
    await d.drop();
  });

  it("an instructor creates a cohort in Asia/Tokyo by default and gets a join code; a bad time zone is a field message", async () => {
    const cohort = await createCohortAs(d.db, p.owner.id, { name: "  ML 2026  " });
    expect(cohort.name).toBe("ML 2026");
    expect(cohort.timeZone).toBe("Asia/Tokyo");
    expect(cohort.joinCode).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
    const roster = await rosterAs(d.db, p.owner.id, cohort.id);
    expect(roster.map((m) => [m.email, m.role, m.isOwner])).toEqual([["owner@example.org", "INSTRUCTOR", true]]);

    const london = await createCohortAs(d.db, p.owner.id, { name: "London", timeZone: "Europe/London" });
    expect(london.timeZone).toBe("Europe/London");
    const bad = await failure(createCohortAs(d.db, p.owner.id, { name: "X", timeZone: "Mars/Olympus" }));
    expect(bad.status).toBe(400);
    expect(bad.fieldErrors.timeZone?.en).toMatch(/time zone/);
    expect(bad.fieldErrors.timeZone?.ja).toMatch(/タイムゾーン/);
    const unnamed = await failure(createCohortAs(d.db, p.owner.id, { name: "   " }));
    expect(unnamed.fieldErrors.name?.en).toBe("Name the cohort.");
  });

  it("a student joins with the code or the link, may join several cohorts, and joining twice is harmless", async () => {
    const a = await createCohortAs(d.db, p.owner.id, { name: "A" });
    const b = await createCohortAs(d.db, p.other.id, { name: "B" });
    const first = await joinCohortAs(d.db, p.student.id, { code: a.joinCode.toLowerCase().replace(/^(....)/, "$1-") });
    expect(first).toEqual({ cohort: { id: a.id, name: "A" }, alreadyMember: false });
    const again = await joinCohortAs(d.db, p.student.id, { code: `http://localhost:3000/join/${a.joinCode}` });
    expect(again.alreadyMember).toBe(true);
    await joinCohortAs(d.db, p.student.id, { code: b.joinCode });
    const enrollments = await d.db.enrollment.findMany({ where: { userId: p.student.id }, select: { cohortId: true, role: true } });
    expect(enrollments.map((e) => e.cohortId).sort()).toEqual([a.id, b.id].sort());
    expect(enrollments.every((e) => e.role === "STUDENT")).toBe(true);

    // The owner using their own code stays the instructor.
    const own = await joinCohortAs(d.db, p.owner.id, { code: a.joinCode });
    expect(own.alreadyMember).toBe(true);
    expect((await d.db.enrollment.findUniqueOrThrow({ where: { cohortId_userId: { cohortId: a.id, userId: p.owner.id } } })).role).toBe("INSTRUCTOR");
  });

  it("an unknown, malformed, expired or archived code gets a clear message on the code field", async () => {
    const unknown = await failure(joinCohortAs(d.db, p.student.id, { code: "ZZZZZZZZ" }));
    expect(unknown.status).toBe(404);
    expect(unknown.fieldErrors.code?.en).toMatch(/No cohort has this join code/);
    expect(unknown.fieldErrors.code?.ja).toMatch(/参加コード/);
    const malformed = await failure(joinCohortAs(d.db, p.student.id, { code: "!!" }));
    expect(malformed.status).toBe(400);
    expect(malformed.fieldErrors.code?.en).toMatch(/8 letters and digits/);
    const empty = await failure(joinCohortAs(d.db, p.student.id, {}));
    expect(empty.fieldErrors.code?.en).toMatch(/Enter the join code/);

    const cohort = await createCohortAs(d.db, p.owner.id, { name: "Expiring" });
    const now = new Date("2026-11-25T00:00:00Z");
    const renewed = await regenerateJoinCodeAs(d.db, p.owner.id, cohort.id, { expiresInDays: "7" }, now);
    expect(renewed.joinCodeExpiresAt).toEqual(new Date("2026-12-02T00:00:00Z"));
    await expect(cohortForJoinCode(d.db, renewed.joinCode, new Date("2026-12-01T23:59:59Z"))).resolves.toMatchObject({ id: cohort.id });
    const expired = await failure(joinCohortAs(d.db, p.student2.id, { code: renewed.joinCode }, new Date("2026-12-02T00:00:00Z")));
    expect(expired.status).toBe(400);
    expect(expired.fieldErrors.code?.en).toMatch(/“Expiring” has expired/);
    expect(expired.fieldErrors.code?.ja).toMatch(/有効期限/);

    await d.db.cohort.update({ where: { id: cohort.id }, data: { archived: true, joinCodeExpiresAt: null } });
    const archived = await failure(joinCohortAs(d.db, p.student2.id, { code: renewed.joinCode }));
    expect(archived.fieldErrors.code?.en).toMatch(/archived/);
    expect(await d.db.enrollment.count({ where: { cohortId: cohort.id, userId: p.student2.id } })).toBe(0);
  });

  it("regenerating the code retires the old code and keeps the members", async () => {
    const cohort = await createCohortAs(d.db, p.owner.id, { name: "Regen" });
    await joinCohortAs(d.db, p.student.id, { code: cohort.joinCode });
    const renewed = await regenerateJoinCodeAs(d.db, p.owner.id, cohort.id, { expiresInDays: "" });
    expect(renewed.joinCode).not.toBe(cohort.joinCode);
    expect(renewed.joinCodeExpiresAt).toBeNull();
    expect((await failure(joinCohortAs(d.db, p.student2.id, { code: cohort.joinCode }))).status).toBe(404);
    await joinCohortAs(d.db, p.student2.id, { code: renewed.joinCode });
    expect((await rosterAs(d.db, p.owner.id, cohort.id)).map((m) => m.email)).toEqual(["owner@example.org", "student2@example.org", "student@example.org"]);
    const badDays = await failure(regenerateJoinCodeAs(d.db, p.owner.id, cohort.id, { expiresInDays: "1000" }));
    expect(badDays.fieldErrors.expiresInDays?.en).toMatch(/at most 365 days/);
  });

  it("the roster carries enrollment dates; a removed student keeps their own work; the owner cannot be removed", async () => {
    const cohort = await createCohortAs(d.db, p.owner.id, { name: "Roster" });
    const before = Date.now();
    await joinCohortAs(d.db, p.student.id, { code: cohort.joinCode });
    const roster = await rosterAs(d.db, p.owner.id, cohort.id);
    const member = roster.find((m) => m.userId === p.student.id);
    expect(member?.displayName).toBe("山田 花子");
    expect(member?.enrolledAt.getTime()).toBeGreaterThanOrEqual(before - 1000);

    const submission = await d.db.submission.create({
      data: { userId: p.student.id, exerciseId: "softmax", code: "export const x = 1;", clientSubmissionId: "roster-1", seed: 1, contentHash: "h", status: "GRADED", score: 1 },
    });
    expect(await removeMemberAs(d.db, p.owner.id, cohort.id, { userId: p.student.id })).toEqual({ removed: true });
    expect((await rosterAs(d.db, p.owner.id, cohort.id)).some((m) => m.userId === p.student.id)).toBe(false);
    expect(await d.db.submission.findUnique({ where: { id: submission.id } })).not.toBeNull();
    expect(await removeMemberAs(d.db, p.owner.id, cohort.id, { userId: p.student.id })).toEqual({ removed: false });

    const owner = await failure(removeMemberAs(d.db, p.owner.id, cohort.id, { userId: p.owner.id }));
    expect(owner.status).toBe(400);
    expect(owner.text.en).toMatch(/owner cannot be removed/);
  });

  it("co-instructors are added by email, have the owner's rights except deleting, and see the cohort in their list", async () => {
    const cohort = await createCohortAs(d.db, p.owner.id, { name: "Shared" });
    const nobody = await failure(addCoInstructorAs(d.db, p.owner.id, cohort.id, { email: "nobody@example.org" }));
    expect(nobody.status).toBe(404);
    expect(nobody.fieldErrors.email?.en).toMatch(/sign up first/);
    const studentAccount = await failure(addCoInstructorAs(d.db, p.owner.id, cohort.id, { email: "student@example.org" }));
    expect(studentAccount.fieldErrors.email?.en).toMatch(/administrator to make it an instructor/);
    const badEmail = await failure(addCoInstructorAs(d.db, p.owner.id, cohort.id, { email: "not-an-email" }));
    expect(badEmail.fieldErrors.email).toBeDefined();

    const added = await addCoInstructorAs(d.db, p.owner.id, cohort.id, { email: "  CO@Example.org " });
    expect(added).toMatchObject({ userId: p.co.id, role: "INSTRUCTOR", isOwner: false });
    expect((await listCohortsAs(d.db, p.co.id)).map((c) => c.id)).toContain(cohort.id);
    expect((await listCohortsAs(d.db, p.other.id)).map((c) => c.id)).not.toContain(cohort.id);
    expect((await listCohortsAs(d.db, p.admin.id)).map((c) => c.id)).toContain(cohort.id);

    // The co-instructor renames, regenerates, removes; but cannot delete.
    const renamed = await updateCohortAs(d.db, p.co.id, cohort.id, { name: "Shared 2", timeZone: "UTC" });
    expect(renamed).toMatchObject({ name: "Shared 2", timeZone: "UTC" });
    await regenerateJoinCodeAs(d.db, p.co.id, cohort.id, {});
    const del = await failure(deleteCohortAs(d.db, p.co.id, cohort.id));
    expect(del.status).toBe(403);
    expect(del.text.en).toMatch(/Only the cohort's owner/);
    expect(await d.db.cohort.count({ where: { id: cohort.id } })).toBe(1);
  });

  it("the owner deletes a cohort: enrollments and assignments go, everyone's submissions stay", async () => {
    const cohort = await createCohortAs(d.db, p.owner.id, { name: "Doomed" });
    await joinCohortAs(d.db, p.student2.id, { code: cohort.joinCode });
    await d.db.assignment.create({ data: { cohortId: cohort.id, title: "Set", opensAt: new Date(), dueAt: new Date(Date.now() + 1e6), items: { create: [{ kind: "EXERCISE", exerciseId: "softmax", position: 0 }] } } });
    const submission = await d.db.submission.create({
      data: { userId: p.student2.id, exerciseId: "softmax", code: "x", clientSubmissionId: "doomed-1", seed: 1, contentHash: "h" },
    });
    await deleteCohortAs(d.db, p.owner.id, cohort.id);
    expect(await d.db.cohort.count({ where: { id: cohort.id } })).toBe(0);
    expect(await d.db.enrollment.count({ where: { cohortId: cohort.id } })).toBe(0);
    expect(await d.db.assignment.count({ where: { cohortId: cohort.id } })).toBe(0);
    expect(await d.db.assignmentItem.count({ where: { assignment: { cohortId: cohort.id } } })).toBe(0);
    expect(await d.db.submission.count({ where: { id: submission.id } })).toBe(1);
    expect((await failure(rosterAs(d.db, p.owner.id, cohort.id))).status).toBe(404);
  });

  it("the cohort list counts students and assignments, and shows an instructor only their own cohorts", async () => {
    const mine = await listCohortsAs(d.db, p.owner.id);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((c) => c.ownerId === p.owner.id)).toBe(true);
    const regen = mine.find((c) => c.name === "Regen");
    expect(regen?.students).toBe(2);
    expect(regen?.assignments).toBe(0);
    const others = await listCohortsAs(d.db, p.other.id);
    expect(others.map((c) => c.name)).toEqual(["B"]);
    const all = await listCohortsAs(d.db, p.admin.id);
    expect(all.length).toBe(mine.length + others.length);
  });
});
