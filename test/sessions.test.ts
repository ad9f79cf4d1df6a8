import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as meRoute } from "../app/api/me/route";
import { signOutEverywhereAs } from "../app/_server/admin";
import { authOptions } from "../app/_server/auth";
import { setRole, signUp, type PublicUser } from "../app/_server/users";
import { statusOf } from "./support/app-errors";
import { migratedDatabase, PROVIDERS, type MigratedDatabase } from "./support/databases";

/**
 * A session token stops working once the user's session version moves on: sign-out, a role change, a password
 * change (test/password-tokens.test.ts) and an admin's "sign out everywhere". Real route handler, real JWTs.
 */
const SECRET = "test-secret-that-is-at-least-32-characters-long";
process.env.NEXTAUTH_SECRET = SECRET;
const PASSWORD = "correct horse battery";
const ctx = { params: Promise.resolve({}) };

async function me(user: PublicUser, sv: number): Promise<number> {
  const token = await encode({ token: { sub: user.id, sv }, secret: SECRET });
  return (await meRoute(new NextRequest("http://localhost:3000/api/me", { headers: { cookie: `next-auth.session-token=${token}` } }), ctx)).status;
}

describe.each(PROVIDERS)("session revocation on %s", (provider) => {
  let d: MigratedDatabase;
  let student: PublicUser;
  let admin: PublicUser;
  let instructor: PublicUser;
  const version = async (u: PublicUser) => (await d.db.user.findUniqueOrThrow({ where: { id: u.id } })).sessionVersion;

  beforeAll(async () => {
    d = await migratedDatabase(provider);
    process.env.DATABASE_URL = d.url;
    student = await signUp(d.db, { email: "s@example.org", displayName: "S", password: PASSWORD });
    instructor = await signUp(d.db, { email: "i@example.org", displayName: "I", password: PASSWORD }, "INSTRUCTOR");
    admin = await signUp(d.db, { email: "a@example.org", displayName: "A", password: PASSWORD }, "ADMIN");
  });
  afterAll(async () => {
    delete process.env.DATABASE_URL;
    await d.drop();
  });

  it("signing out ends the token itself, not only the cookie", async () => {
    const v = await version(student);
    expect(await me(student, v)).toBe(200);
    await authOptions().events!.signOut!({ token: { sub: student.id, sv: v }, session: null as never });
    expect(await me(student, v)).toBe(401);
    expect(await me(student, v + 1)).toBe(200);
    // Signing out again with the old token cannot end the newer session.
    await authOptions().events!.signOut!({ token: { sub: student.id, sv: v }, session: null as never });
    expect(await me(student, v + 1)).toBe(200);
  });

  it("a role change ends the user's sessions", async () => {
    const v = await version(student);
    await setRole(d.db, admin, { userId: student.id, role: "INSTRUCTOR" });
    expect(await me(student, v)).toBe(401);
    expect(await me(student, await version(student))).toBe(200);
    await setRole(d.db, admin, { userId: student.id, role: "STUDENT" });
  });

  it("an admin signs a user out everywhere; students and instructors may not", async () => {
    const v = await version(student);
    expect(await statusOf(signOutEverywhereAs(d.db, student.id, { userId: student.id }))).toBe(403);
    expect(await statusOf(signOutEverywhereAs(d.db, instructor.id, { userId: student.id }))).toBe(403);
    expect(await statusOf(signOutEverywhereAs(d.db, undefined, { userId: student.id }))).toBe(401);
    expect(await version(student)).toBe(v);
    expect(await statusOf(signOutEverywhereAs(d.db, admin.id, { userId: "nobody" }))).toBe(404);
    await signOutEverywhereAs(d.db, admin.id, { userId: student.id });
    expect(await me(student, v)).toBe(401);
  });
});
