import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as listUsersRoute } from "../app/api/admin/users/route";
import { POST as setRoleRoute } from "../app/api/admin/users/role/route";
import { POST as createCohortRoute } from "../app/api/cohorts/route";
import { GET as meRoute } from "../app/api/me/route";
import { POST as signUpRoute } from "../app/api/signup/route";
import { createCohortAs, listUsersAs, setRoleAs } from "../app/_server/admin";
import { AppError } from "../app/_server/errors";
import { statusOf as status } from "./support/app-errors";
import { signUp, type PublicUser } from "../app/_server/users";
import { migratedDatabase, PROVIDERS, type MigratedDatabase } from "./support/databases";

/**
 * Roles are enforced in server code: the real route handlers, called with real session cookies (JWTs signed with
 * the app's secret) against a real database, and the guarded functions that the server actions call.
 */
const SECRET = "test-secret-that-is-at-least-32-characters-long";
process.env.NEXTAUTH_SECRET = SECRET;
const PASSWORD = "correct horse battery";
const ctx = { params: Promise.resolve({}) };

/** The database of the current provider: a token is issued under the user's current session version. */
let currentDb: MigratedDatabase["db"] | undefined;

async function sessionCookie(user: PublicUser, version?: number): Promise<string> {
  const sv = version ?? (await currentDb!.user.findUniqueOrThrow({ where: { id: user.id } })).sessionVersion;
  return `next-auth.session-token=${await encode({ token: { sub: user.id, email: user.email, sv }, secret: SECRET })}`;
}

async function request(path: string, user: PublicUser | null, init: { method?: string; body?: string; contentType?: string; version?: number } = {}): Promise<NextRequest> {
  const headers = new Headers();
  if (user) headers.set("cookie", await sessionCookie(user, init.version));
  if (init.body !== undefined) headers.set("content-type", init.contentType ?? "application/json");
  return new NextRequest(`http://localhost:3000${path}`, { method: init.method ?? "GET", headers, body: init.body });
}


describe.each(PROVIDERS)("roles on %s", (provider) => {
  let d: MigratedDatabase;
  let student: PublicUser;
  let instructor: PublicUser;
  let admin: PublicUser;

  beforeAll(async () => {
    d = await migratedDatabase(provider);
    currentDb = d.db;
    process.env.DATABASE_URL = d.url;
    student = await signUp(d.db, { email: "student@example.org", displayName: "S", password: PASSWORD });
    instructor = await signUp(d.db, { email: "teacher@example.org", displayName: "T", password: PASSWORD }, "INSTRUCTOR");
    admin = await signUp(d.db, { email: "admin@example.org", displayName: "A", password: PASSWORD }, "ADMIN");
  });
  afterAll(async () => {
    delete process.env.DATABASE_URL;
    await d.drop();
  });

  it("a student gets 403 from admin-only and instructor-only routes, and nothing changes", async () => {
    const list = await listUsersRoute(await request("/api/admin/users", student), ctx);
    expect(list.status).toBe(403);
    const body = (await list.json()) as { error: { en: string; ja: string } };
    expect(body.error.en).toMatch(/needs the ADMIN role/);
    expect(body.error.ja).toMatch(/権限/);

    const promote = await setRoleRoute(await request("/api/admin/users/role", student, { method: "POST", body: JSON.stringify({ userId: student.id, role: "ADMIN" }) }), ctx);
    expect(promote.status).toBe(403);
    expect((await d.db.user.findUniqueOrThrow({ where: { id: student.id } })).role).toBe("STUDENT");

    const cohort = await createCohortRoute(await request("/api/cohorts", student, { method: "POST", body: JSON.stringify({ name: "Mine" }) }), ctx);
    expect(cohort.status).toBe(403);
    expect(await d.db.cohort.count()).toBe(0);
  });

  it("an instructor may create a cohort but gets 403 from admin routes", async () => {
    const cohort = await createCohortRoute(await request("/api/cohorts", instructor, { method: "POST", body: JSON.stringify({ name: "ML 2026" }) }), ctx);
    expect(cohort.status).toBe(201);
    const { cohort: created } = (await cohort.json()) as { cohort: { joinCode: string } };
    expect(created.joinCode).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
    const list = await listUsersRoute(await request("/api/admin/users", instructor), ctx);
    expect(list.status).toBe(403);
  });

  it("without a session the protected routes answer 401, and a forged token is no session", async () => {
    expect((await listUsersRoute(await request("/api/admin/users", null), ctx)).status).toBe(401);
    expect((await meRoute(await request("/api/me", null), ctx)).status).toBe(401);
    const forged = new NextRequest("http://localhost:3000/api/admin/users", {
      headers: { cookie: `next-auth.session-token=${await encode({ token: { sub: admin.id }, secret: "another-secret-of-at-least-32-characters!!" })}` },
    });
    expect((await listUsersRoute(forged, ctx)).status).toBe(401);
  });

  it("an admin lists users and promotes a student to instructor; the new role holds at once", async () => {
    const list = await listUsersRoute(await request("/api/admin/users", admin), ctx);
    expect(list.status).toBe(200);
    const { users } = (await list.json()) as { users: { email: string }[] };
    expect(users.map((u) => u.email)).toEqual(expect.arrayContaining(["student@example.org", "teacher@example.org", "admin@example.org"]));
    expect(JSON.stringify(users)).not.toContain("scrypt");

    const before = (await d.db.user.findUniqueOrThrow({ where: { id: student.id } })).sessionVersion;
    const promote = await setRoleRoute(await request("/api/admin/users/role", admin, { method: "POST", body: JSON.stringify({ userId: student.id, role: "INSTRUCTOR" }) }), ctx);
    expect(promote.status).toBe(200);
    // A role change ends the user's sessions: the token issued before it is refused...
    const stale = await createCohortRoute(await request("/api/cohorts", student, { method: "POST", body: JSON.stringify({ name: "Stale" }), version: before }), ctx);
    expect(stale.status).toBe(401);
    // ...and after signing in again the new role holds: roles come from the database, not the token.
    const cohort = await createCohortRoute(await request("/api/cohorts", student, { method: "POST", body: JSON.stringify({ name: "Promoted" }) }), ctx);
    expect(cohort.status).toBe(201);
    await d.db.user.update({ where: { id: student.id }, data: { role: "STUDENT" } });
  });

  it("malformed bodies get 400 with field-level messages", async () => {
    const notJson = await setRoleRoute(await request("/api/admin/users/role", admin, { method: "POST", body: "{oops" }), ctx);
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as { fieldErrors: Record<string, unknown> }).fieldErrors).toHaveProperty("_form");

    const badRole = await setRoleRoute(await request("/api/admin/users/role", admin, { method: "POST", body: JSON.stringify({ userId: student.id, role: "KING" }) }), ctx);
    expect(badRole.status).toBe(400);
    const body = (await badRole.json()) as { fieldErrors: Record<string, { en: string; ja: string }> };
    expect(body.fieldErrors.role?.en).toMatch(/STUDENT, INSTRUCTOR or ADMIN/);

    // Only JSON: a form post is what a cross-site page could send without a preflight.
    const form = await signUpRoute(await request("/api/signup", null, { method: "POST", body: "email=x&displayName=&password=short", contentType: "application/x-www-form-urlencoded" }), ctx);
    expect(form.status).toBe(415);
    const bad = await signUpRoute(await request("/api/signup", null, { method: "POST", body: JSON.stringify({ email: "x", displayName: "", password: "short" }) }), ctx);
    expect(bad.status).toBe(400);
    const fields = ((await bad.json()) as { fieldErrors: Record<string, unknown> }).fieldErrors;
    expect(Object.keys(fields).sort()).toEqual(["displayName", "email", "password"]);

    const dup = await signUpRoute(await request("/api/signup", null, { method: "POST", body: JSON.stringify({ email: "student@example.org", displayName: "again", password: PASSWORD }) }), ctx);
    expect(dup.status).toBe(409);
  });

  it("the guarded functions behind the server actions refuse a student with 403 too", async () => {
    expect(await status(setRoleAs(d.db, student.id, { userId: student.id, role: "ADMIN" }))).toBe(403);
    expect(await status(listUsersAs(d.db, student.id))).toBe(403);
    expect(await status(createCohortAs(d.db, student.id, { name: "x" }))).toBe(403);
    expect(await status(setRoleAs(d.db, undefined, { userId: student.id, role: "ADMIN" }))).toBe(401);
    expect(await status(setRoleAs(d.db, admin.id, { userId: admin.id, role: "STUDENT" }))).toBe(400);
    expect(await status(setRoleAs(d.db, admin.id, { userId: "no-such-user", role: "INSTRUCTOR" }))).toBe(404);
  });
});
