import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../app/_server/db/client";
import { AppError } from "../app/_server/errors";
import { verifyPassword } from "../app/_server/passwords";
import { SIGN_IN_RULES, signIn, signUp } from "../app/_server/users";
import { migratedDatabase, PROVIDERS, type MigratedDatabase } from "./support/databases";

const PASSWORD = "correct horse battery";

async function caught(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected an AppError");
}

describe.each(PROVIDERS)("accounts on %s", (provider) => {
  let d: MigratedDatabase;
  beforeAll(async () => {
    d = await migratedDatabase(provider);
  });
  afterAll(async () => {
    await d.drop();
  });

  it("signs up with a normalized email, a scrypt hash and the STUDENT role", async () => {
    const user = await signUp(d.db, { email: "  Ada@Example.ORG ", displayName: "Ada", password: PASSWORD, locale: "ja" });
    expect(user).toMatchObject({ email: "ada@example.org", displayName: "Ada", role: "STUDENT", locale: "ja" });
    const row = await d.db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.passwordHash).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(row.passwordHash).not.toContain(PASSWORD);
    expect(await verifyPassword(PASSWORD, row.passwordHash)).toBe(true);
    expect(await verifyPassword("correct horse batterY", row.passwordHash)).toBe(false);
  });

  it("refuses a duplicate email, whatever its case, with 409 and a message on the email field", async () => {
    await signUp(d.db, { email: "dup@example.org", displayName: "One", password: PASSWORD });
    const error = await caught(signUp(d.db, { email: "DUP@example.org", displayName: "Two", password: PASSWORD }));
    expect(error.status).toBe(409);
    expect(error.fieldErrors.email?.en).toMatch(/already exists.*Sign in instead/);
    expect(error.fieldErrors.email?.ja).toMatch(/すでにあります/);
    expect(await d.db.user.count({ where: { email: "dup@example.org" } })).toBe(1);
  });

  it("refuses a weak password with 400 and says why, in both languages", async () => {
    for (const password of ["short1", "password123", "aaaaaaaaaaaa", "weakling-account"]) {
      const error = await caught(signUp(d.db, { email: "weakling@example.org", displayName: "W", password }));
      expect(error.status).toBe(400);
      expect(error.fieldErrors.password?.en).toMatch(/at least 10 characters|too easy to guess/);
      expect(error.fieldErrors.password?.ja.length).toBeGreaterThan(5);
    }
    expect(await d.db.user.count({ where: { email: "weakling@example.org" } })).toBe(0);
  });

  it("reports every malformed field of a sign-up at once", async () => {
    const error = await caught(signUp(d.db, { email: "not-an-email", displayName: "", password: 12, extra: true }));
    expect(error.status).toBe(400);
    expect(Object.keys(error.fieldErrors).sort()).toEqual(["displayName", "email", "password"]);
    expect(error.fieldErrors.email?.en).toMatch(/valid email/);
  });

  it("signs in with the right password, and not with a wrong one or an unknown email", async () => {
    await signUp(d.db, { email: "grace@example.org", displayName: "Grace", password: PASSWORD });
    const ok = await signIn(d.db, "Grace@Example.org", PASSWORD, "198.51.100.1");
    expect(ok).toMatchObject({ ok: true, user: { email: "grace@example.org", role: "STUDENT" } });
    expect(ok.ok && "passwordHash" in ok.user).toBe(false);
    expect(await signIn(d.db, "grace@example.org", "wrong password!!", "198.51.100.1")).toEqual({ ok: false, reason: "invalid" });
    expect(await signIn(d.db, "nobody@example.org", PASSWORD, "198.51.100.1")).toEqual({ ok: false, reason: "invalid" });
  });

  it("rate-limits failed sign-ins per email, for every instance, until the window ends", async () => {
    await signUp(d.db, { email: "target@example.org", displayName: "T", password: PASSWORD });
    const now = new Date("2030-01-01T10:00:00Z");
    for (let i = 0; i < SIGN_IN_RULES.email.limit; i++) {
      // Different IPs: the email's own counter must trip, not the IP's.
      expect(await signIn(d.db, "target@example.org", "not the password", `203.0.113.${i}`, now)).toEqual({ ok: false, reason: "invalid" });
    }
    const blocked = await signIn(d.db, "target@example.org", PASSWORD, "203.0.113.200", now);
    expect(blocked).toMatchObject({ ok: false, reason: "rate-limited" });
    expect(blocked.ok === false && blocked.reason === "rate-limited" && blocked.retryAfterMs).toBe(SIGN_IN_RULES.email.windowMs);

    // A second app instance (its own client, same database) sees the same limit.
    const other = await createDb(d.target);
    try {
      expect(await signIn(other, "target@example.org", PASSWORD, "203.0.113.201", new Date(now.getTime() + 60_000))).toMatchObject({ reason: "rate-limited" });
    } finally {
      await other.$disconnect();
    }
    // Another account is not affected by this email's limit.
    await signUp(d.db, { email: "bystander@example.org", displayName: "B", password: PASSWORD });
    expect(await signIn(d.db, "bystander@example.org", PASSWORD, "203.0.113.202", now)).toMatchObject({ ok: true });

    const later = new Date(now.getTime() + SIGN_IN_RULES.email.windowMs + 1);
    expect(await signIn(d.db, "target@example.org", PASSWORD, "203.0.113.203", later)).toMatchObject({ ok: true });
  });

  it("rate-limits failed sign-ins per IP across many emails", async () => {
    await signUp(d.db, { email: "victim@example.org", displayName: "V", password: PASSWORD });
    const now = new Date("2031-01-01T10:00:00Z");
    const ip = "192.0.2.77";
    for (let i = 0; i < SIGN_IN_RULES.ip.limit; i++) {
      expect(await signIn(d.db, `guess${i}@example.org`, "not the password", ip, now)).toEqual({ ok: false, reason: "invalid" });
    }
    expect(await signIn(d.db, "victim@example.org", PASSWORD, ip, now)).toMatchObject({ ok: false, reason: "rate-limited" });
    // The account itself is fine from elsewhere.
    expect(await signIn(d.db, "victim@example.org", PASSWORD, "192.0.2.78", now)).toMatchObject({ ok: true });
  });

  it("a successful sign-in clears the email's failures", async () => {
    await signUp(d.db, { email: "typo@example.org", displayName: "Typo", password: PASSWORD });
    const now = new Date("2032-01-01T10:00:00Z");
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < SIGN_IN_RULES.email.limit - 1; i++) await signIn(d.db, "typo@example.org", "oops oops oops", `10.0.${round}.${i}`, now);
      expect(await signIn(d.db, "typo@example.org", PASSWORD, `10.1.${round}.1`, now)).toMatchObject({ ok: true });
    }
  });
});

describe("client IP for the per-IP limit", () => {
  it("takes the address the nearest proxy appended, not one the client wrote", async () => {
    const { clientIp } = await import("../app/_server/auth");
    expect(clientIp({ "x-forwarded-for": "6.6.6.6, 203.0.113.9" })).toBe("203.0.113.9");
    expect(clientIp(new Headers({ "x-forwarded-for": "198.51.100.4" }))).toBe("198.51.100.4");
    expect(clientIp({ "x-real-ip": "192.0.2.5" })).toBe("192.0.2.5");
    expect(clientIp({})).toBe("unknown");
  });
});
