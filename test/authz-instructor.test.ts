import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCohortAs } from "../app/_server/admin";
import { analyticsAs } from "../app/_server/analytics";
import { assignableItemsAs, createAssignmentAs, deleteAssignmentAs, listAssignmentsAs, updateAssignmentAs } from "../app/_server/assignments";
import { listExtensionsAs, removeExtensionAs, setExtensionAs } from "../app/_server/extensions";
import {
  addCoInstructorAs,
  deleteCohortAs,
  joinCohortAs,
  listCohortsAs,
  regenerateJoinCodeAs,
  removeMemberAs,
  requireCohortInstructor,
  rosterAs,
  updateCohortAs,
} from "../app/_server/cohorts";
import { gradebookCsvAs, submissionsCsvAs } from "../app/_server/csv";
import { AppError } from "../app/_server/errors";
import { statusOf as status } from "./support/app-errors";
import { cohortWorkAs, gradebookAs, studentItemWorkAs } from "../app/_server/gradebook";
import { GET as gradebookCsvRoute } from "../app/instructor/cohorts/[id]/gradebook/csv/route";
import { GET as submissionsCsvRoute } from "../app/instructor/cohorts/[id]/gradebook/submissions-csv/route";
import { seedContent, seedPeople, type People } from "./cohorts-fixtures";
import { migratedDatabase, PROVIDERS, type MigratedDatabase } from "./support/databases";

const SECRET = "test-secret-that-is-at-least-32-characters-long";
process.env.NEXTAUTH_SECRET = SECRET;

/** A route handler called as the app calls it: a request with the user's session cookie (a JWT like next-auth's). */
async function routeStatus(route: typeof gradebookCsvRoute, cohortId: string, userId: string | undefined): Promise<number> {
  const headers = new Headers();
  if (userId) headers.set("cookie", `next-auth.session-token=${await encode({ token: { sub: userId }, secret: SECRET })}`);
  const res = await route(new NextRequest(`http://localhost:3000/instructor/cohorts/${cohortId}/gradebook/csv`, { headers }), { params: Promise.resolve({ id: cohortId }) });
  return res.status;
}

/**
 * Privacy between cohorts, enforced in server code: every instructor operation on a cohort (the functions that the
 * /instructor pages and their server actions call with the session's user id) answers 403 to a student and to the
 * instructor of another cohort, and changes nothing; it works for the owner, a co-instructor (except deleting the
 * cohort) and an admin.
 */

interface Fixture {
  cohortId: string;
  assignmentId: string;
}

type Op = { name: string; co: "allowed" | "forbidden"; run: (actorId: string | undefined, f: Fixture) => Promise<unknown> };

const window = { opensAt: "2026-12-01T09:00", dueAt: "2026-12-08T23:59", latePolicy: "ACCEPT" };

describe.each(PROVIDERS)("instructor authorization on %s", (provider) => {
  let d: MigratedDatabase;
  let p: People;

  async function fixture(): Promise<Fixture> {
    const cohort = await createCohortAs(d.db, p.owner.id, { name: `Cohort ${Math.random()}` });
    await addCoInstructorAs(d.db, p.owner.id, cohort.id, { email: p.co.email });
    await joinCohortAs(d.db, p.student.id, { code: cohort.joinCode });
    const assignment = await createAssignmentAs(d.db, p.owner.id, cohort.id, { item: "exercise:softmax", ...window });
    // An extension to withdraw (the student's), so "remove an extension" has something to change.
    await setExtensionAs(d.db, p.owner.id, assignment.id, { userId: p.student.id, dueAt: "2026-12-10T23:59" });
    return { cohortId: cohort.id, assignmentId: assignment.id };
  }

  /** Everything an instructor operation could change, to prove that a refused call changed nothing. */
  async function snapshot(): Promise<string> {
    const [cohorts, enrollments, assignments, items, extensions] = await Promise.all([
      d.db.cohort.findMany({ orderBy: { id: "asc" } }),
      d.db.enrollment.findMany({ orderBy: { id: "asc" } }),
      d.db.assignment.findMany({ orderBy: { id: "asc" } }),
      d.db.assignmentItem.findMany({ orderBy: { id: "asc" } }),
      d.db.assignmentExtension.findMany({ orderBy: { id: "asc" } }),
    ]);
    return JSON.stringify({ cohorts, enrollments, assignments, items, extensions });
  }

  const ops: Op[] = [
    { name: "open the cohort", co: "allowed", run: (a, f) => requireCohortInstructor(d.db, a, f.cohortId) },
    { name: "read the roster", co: "allowed", run: (a, f) => rosterAs(d.db, a, f.cohortId) },
    { name: "rename / change the time zone", co: "allowed", run: (a, f) => updateCohortAs(d.db, a, f.cohortId, { name: "Renamed", timeZone: "UTC" }) },
    { name: "regenerate the join code", co: "allowed", run: (a, f) => regenerateJoinCodeAs(d.db, a, f.cohortId, { expiresInDays: "3" }) },
    { name: "remove a student", co: "allowed", run: (a, f) => removeMemberAs(d.db, a, f.cohortId, { userId: p.student.id }) },
    { name: "add a co-instructor", co: "allowed", run: (a, f) => addCoInstructorAs(d.db, a, f.cohortId, { email: p.other.email }) },
    { name: "list assignments", co: "allowed", run: (a, f) => listAssignmentsAs(d.db, a, f.cohortId) },
    { name: "create an assignment", co: "allowed", run: (a, f) => createAssignmentAs(d.db, a, f.cohortId, { item: "quiz:softmax", ...window }) },
    { name: "edit an assignment", co: "allowed", run: (a, f) => updateAssignmentAs(d.db, a, f.assignmentId, { ...window, dueAt: "2026-12-31T23:59" }) },
    { name: "delete an assignment", co: "allowed", run: (a, f) => deleteAssignmentAs(d.db, a, f.assignmentId) },
    {
      name: "create a problem set of several items",
      co: "allowed",
      run: (a, f) => createAssignmentAs(d.db, a, f.cohortId, { title: "Set", items: [{ ref: "exercise:softmax", points: 5 }, { ref: "quiz:softmax", points: 3 }], ...window }),
    },
    {
      name: "change a problem set's items",
      co: "allowed",
      run: (a, f) => updateAssignmentAs(d.db, a, f.assignmentId, { title: "Set", items: [{ ref: "exercise:pca", points: 5 }, { ref: "exercise:softmax", points: 7 }], ...window }),
    },
    { name: "list extensions", co: "allowed", run: (a, f) => listExtensionsAs(d.db, a, f.cohortId) },
    { name: "give a student an extension", co: "allowed", run: (a, f) => setExtensionAs(d.db, a, f.assignmentId, { userId: p.student.id, dueAt: "2026-12-20T23:59", latePolicy: "REJECT", reason: "ill" }) },
    { name: "withdraw an extension", co: "allowed", run: (a, f) => removeExtensionAs(d.db, a, f.assignmentId, p.student.id) },
    { name: "delete the cohort", co: "forbidden", run: (a, f) => deleteCohortAs(d.db, a, f.cohortId) },
    // What the gradebook, drill-down and analytics pages and the CSV routes read.
    { name: "gradebook page data", co: "allowed", run: (a, f) => gradebookAs(d.db, a, f.cohortId) },
    { name: "drill-down to a student's item", co: "allowed", run: (a, f) => studentItemWorkAs(d.db, a, f.cohortId, p.student.id, f.assignmentId) },
    { name: "analytics page data", co: "allowed", run: (a, f) => analyticsAs(d.db, a, f.cohortId) },
    { name: "every submission (export data)", co: "allowed", run: (a, f) => cohortWorkAs(d.db, a, f.cohortId) },
    { name: "gradebook CSV", co: "allowed", run: (a, f) => gradebookCsvAs(d.db, a, f.cohortId) },
    { name: "submissions CSV", co: "allowed", run: (a, f) => submissionsCsvAs(d.db, a, f.cohortId) },
  ];

  beforeAll(async () => {
    d = await migratedDatabase(provider);
    // The route handlers find the database through DATABASE_URL, as in the app.
    process.env.DATABASE_URL = d.url;
    p = await seedPeople(d.db);
    await seedContent(d.db);
    // "other" is the instructor of another cohort, with a student of their own.
    const theirs = await createCohortAs(d.db, p.other.id, { name: "Other's cohort" });
    await joinCohortAs(d.db, p.student2.id, { code: theirs.joinCode });
  });
  afterAll(async () => {
    delete process.env.DATABASE_URL;
    await d.drop();
  });

  it.each(ops.map((op) => [op.name, op] as const))("%s: 403 for a student and for another cohort's instructor, 401 signed out, nothing changes", async (_name, op) => {
    const f = await fixture();
    const before = await snapshot();
    expect(await status(op.run(p.student.id, f)), "student").toBe(403);
    expect(await status(op.run(p.student2.id, f)), "student outside the cohort").toBe(403);
    expect(await status(op.run(p.other.id, f)), "another cohort's instructor").toBe(403);
    expect(await status(op.run(undefined, f)), "signed out").toBe(401);
    expect(await snapshot()).toBe(before);
  });

  it.each(ops.map((op) => [op.name, op] as const))("%s: allowed for the owner and an admin; co-instructor as the rules say", async (_name, op) => {
    expect(await status(op.run(p.owner.id, await fixture())), "owner").toBe(200);
    expect(await status(op.run(p.admin.id, await fixture())), "admin").toBe(200);
    expect(await status(op.run(p.co.id, await fixture())), "co-instructor").toBe(op.co === "allowed" ? 200 : 403);
  });

  it.each([
    ["gradebook CSV", gradebookCsvRoute],
    ["submissions CSV", submissionsCsvRoute],
  ] as const)("route %s: 403 for a student and another cohort's instructor, 401 signed out; 200 for owner, co-instructor and admin", async (_name, route) => {
    const f = await fixture();
    expect(await routeStatus(route, f.cohortId, p.student.id), "student").toBe(403);
    expect(await routeStatus(route, f.cohortId, p.other.id), "another cohort's instructor").toBe(403);
    expect(await routeStatus(route, f.cohortId, undefined), "signed out").toBe(401);
    for (const who of [p.owner, p.co, p.admin]) expect(await routeStatus(route, f.cohortId, who.id), who.displayName).toBe(200);
  });

  it("the drill-down cannot reach a student of another cohort through one's own cohort (404), nor another cohort's assignment", async () => {
    const mine = await fixture();
    const theirs = await createCohortAs(d.db, p.other.id, { name: "Theirs" });
    await joinCohortAs(d.db, p.student2.id, { code: theirs.joinCode });
    const theirAssignment = await createAssignmentAs(d.db, p.other.id, theirs.id, { item: "exercise:softmax", ...window });
    expect(await status(studentItemWorkAs(d.db, p.owner.id, mine.cohortId, p.student2.id, mine.assignmentId))).toBe(404);
    expect(await status(studentItemWorkAs(d.db, p.owner.id, mine.cohortId, p.student.id, theirAssignment.id))).toBe(404);
    expect(await status(studentItemWorkAs(d.db, p.owner.id, theirs.id, p.student2.id, theirAssignment.id))).toBe(403);
  });

  it("the 403 tells another instructor how to get access, in both languages", async () => {
    const f = await fixture();
    try {
      await rosterAs(d.db, p.other.id, f.cohortId);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).text.en).toMatch(/another instructor.*co-instructor/);
      expect((error as AppError).text.ja).toMatch(/共同インストラクター/);
    }
  });

  it("an operation on an assignment of another cohort is refused even with the attacker's own cohort in hand", async () => {
    const victim = await fixture();
    const attacker = await createCohortAs(d.db, p.other.id, { name: "Attacker" });
    expect(attacker.id).not.toBe(victim.cohortId);
    const before = await snapshot();
    expect(await status(updateAssignmentAs(d.db, p.other.id, victim.assignmentId, window))).toBe(403);
    expect(await status(deleteAssignmentAs(d.db, p.other.id, victim.assignmentId))).toBe(403);
    expect(await status(setExtensionAs(d.db, p.other.id, victim.assignmentId, { userId: p.student.id, dueAt: "2027-01-01T00:00" }))).toBe(403);
    expect(await status(removeExtensionAs(d.db, p.other.id, victim.assignmentId, p.student.id))).toBe(403);
    expect(await status(removeMemberAs(d.db, p.other.id, victim.cohortId, { userId: p.student.id }))).toBe(403);
    expect(await snapshot()).toBe(before);
  });

  it("a removed co-instructor loses access at once", async () => {
    const f = await fixture();
    expect(await status(rosterAs(d.db, p.co.id, f.cohortId))).toBe(200);
    await removeMemberAs(d.db, p.owner.id, f.cohortId, { userId: p.co.id });
    expect(await status(rosterAs(d.db, p.co.id, f.cohortId))).toBe(403);
  });

  it("students cannot create cohorts, list cohorts or list assignable items; an instructor lists only their own cohorts", async () => {
    const before = await snapshot();
    expect(await status(createCohortAs(d.db, p.student.id, { name: "Mine" }))).toBe(403);
    expect(await status(listCohortsAs(d.db, p.student.id))).toBe(403);
    expect(await status(assignableItemsAs(d.db, p.student.id))).toBe(403);
    expect(await snapshot()).toBe(before);
    const f = await fixture();
    expect((await listCohortsAs(d.db, p.other.id)).some((c) => c.id === f.cohortId)).toBe(false);
    expect((await listCohortsAs(d.db, p.co.id)).some((c) => c.id === f.cohortId)).toBe(true);
  });
});
