import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../app/_server/db/client";
import { AppError } from "../app/_server/errors";
import { caught } from "./support/app-errors";
import { verifyPassword } from "../app/_server/passwords";
import { clientAddress, parseTrustedProxies, PEER_HEADER } from "../app/_server/client-address";
import { SIGN_IN_RULES, SIGN_IN_SLOWDOWN_MS, signIn, signUp } from "../app/_server/users";
import { migratedDatabase, PROVIDERS, type MigratedDatabase } from "./support/databases";

const PASSWORD = "correct horse battery";


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

  const recorder = () => {
    const waits: number[] = [];
    return { waits, deps: { sleep: async (ms: number) => void waits.push(ms) } };
  };

  it("refuses a client after its own failures on an account, on every instance, until the window ends", async () => {
    await signUp(d.db, { email: "target@example.org", displayName: "T", password: PASSWORD });
    const now = new Date("2030-01-01T10:00:00Z");
    for (let i = 0; i < SIGN_IN_RULES.accountClient.limit; i++) {
      expect(await signIn(d.db, "target@example.org", "not the password", "203.0.113.1", now)).toEqual({ ok: false, reason: "invalid" });
    }
    // This client, even with the right password: it is the one guessing.
    const blocked = await signIn(d.db, "target@example.org", PASSWORD, "203.0.113.1", now);
    expect(blocked).toMatchObject({ ok: false, reason: "rate-limited" });
    expect(blocked.ok === false && blocked.reason === "rate-limited" && blocked.retryAfterMs).toBe(SIGN_IN_RULES.accountClient.windowMs);
    // A second app instance (its own client, same database) sees the same limit.
    const other = await createDb(d.target);
    try {
      expect(await signIn(other, "target@example.org", PASSWORD, "203.0.113.1", new Date(now.getTime() + 60_000))).toMatchObject({ reason: "rate-limited" });
    } finally {
      await other.$disconnect();
    }
    // The owner on another client is not refused.
    expect(await signIn(d.db, "target@example.org", PASSWORD, "203.0.113.50", now)).toMatchObject({ ok: true });
    const later = new Date(now.getTime() + SIGN_IN_RULES.accountClient.windowMs + 1);
    expect(await signIn(d.db, "target@example.org", PASSWORD, "203.0.113.1", later)).toMatchObject({ ok: true });
  });

  it("never locks an account through others' failures: the right password from a fresh client passes, slowed down", async () => {
    await signUp(d.db, { email: "popular@example.org", displayName: "P", password: PASSWORD });
    const now = new Date("2030-02-01T10:00:00Z");
    // An attacker rotating addresses: 40 failures from 40 clients.
    const attacker = recorder();
    for (let i = 0; i < 40; i++) await signIn(d.db, "popular@example.org", "not the password", `198.51.100.${i}`, now, attacker.deps);
    expect(attacker.waits).toHaveLength(40 - SIGN_IN_RULES.account.limit);
    const quiet = recorder();
    const owner = await signIn(d.db, "popular@example.org", PASSWORD, "192.0.2.10", now, quiet.deps);
    expect(owner).toMatchObject({ ok: true });
    expect(quiet.waits).toEqual([SIGN_IN_SLOWDOWN_MS]);
    // An account nobody attacks is not slowed.
    await signUp(d.db, { email: "calm@example.org", displayName: "C", password: PASSWORD });
    const calm = recorder();
    expect(await signIn(d.db, "calm@example.org", PASSWORD, "192.0.2.10", now, calm.deps)).toMatchObject({ ok: true });
    expect(calm.waits).toEqual([]);
  });

  it("refuses a client guessing across many accounts, and not the accounts from elsewhere", async () => {
    await signUp(d.db, { email: "victim@example.org", displayName: "V", password: PASSWORD });
    const now = new Date("2031-01-01T10:00:00Z");
    const ip = "192.0.2.77";
    for (let i = 0; i < SIGN_IN_RULES.client.limit; i++) {
      expect(await signIn(d.db, `guess${i}@example.org`, "not the password", ip, now)).toEqual({ ok: false, reason: "invalid" });
    }
    expect(await signIn(d.db, "victim@example.org", PASSWORD, ip, now)).toMatchObject({ ok: false, reason: "rate-limited" });
    expect(await signIn(d.db, "victim@example.org", PASSWORD, "192.0.2.78", now)).toMatchObject({ ok: true });
  });

  it("a successful sign-in clears the client's failures on the account and is not counted", async () => {
    await signUp(d.db, { email: "typo@example.org", displayName: "Typo", password: PASSWORD });
    const now = new Date("2032-01-01T10:00:00Z");
    const { deps } = recorder();
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < SIGN_IN_RULES.accountClient.limit - 1; i++) await signIn(d.db, "typo@example.org", "oops oops oops", "10.0.0.1", now, deps);
      expect(await signIn(d.db, "typo@example.org", PASSWORD, "10.0.0.1", now, deps)).toMatchObject({ ok: true });
    }
    // 40 successful sign-ins from one shared classroom address never trip the per-client limit.
    for (let i = 0; i < 40; i++) expect(await signIn(d.db, "typo@example.org", PASSWORD, "10.9.9.9", now, deps)).toMatchObject({ ok: true });
  });

  it("under concurrency checks exactly the limit of guesses, per account and client and per client", async () => {
    await signUp(d.db, { email: "race@example.org", displayName: "R", password: PASSWORD });
    const now = new Date("2033-01-01T10:00:00Z");
    const sameAccount = await Promise.all(Array.from({ length: 30 }, () => signIn(d.db, "race@example.org", "not the password", "203.0.113.99", now)));
    expect(sameAccount.filter((r) => !r.ok && r.reason === "invalid")).toHaveLength(SIGN_IN_RULES.accountClient.limit);
    expect(sameAccount.filter((r) => !r.ok && r.reason === "rate-limited")).toHaveLength(30 - SIGN_IN_RULES.accountClient.limit);

    const manyAccounts = await Promise.all(Array.from({ length: 45 }, (_, i) => signIn(d.db, `spray${i}@example.org`, "not the password", "203.0.113.100", now)));
    expect(manyAccounts.filter((r) => !r.ok && r.reason === "invalid")).toHaveLength(SIGN_IN_RULES.client.limit);
  });
});

describe("the client address for the sign-in limits", () => {
  const headers = (peer: string, forwarded?: string) => new Headers({ [PEER_HEADER]: peer, ...(forwarded ? { "x-forwarded-for": forwarded } : {}) });

  it("is the TCP peer when no proxy is trusted, whatever X-Forwarded-For says", () => {
    const none = parseTrustedProxies(undefined);
    expect(clientAddress(headers("203.0.113.5", "6.6.6.6"), none)).toBe("203.0.113.5");
    expect(clientAddress(headers("::ffff:203.0.113.5", "victim"), none)).toBe("203.0.113.5");
    // Without the preload's peer header (next start by hand): what Next.js put in X-Forwarded-For, never one bucket for all.
    expect(clientAddress(new Headers({ "x-forwarded-for": "192.0.2.9" }), parseTrustedProxies("0"))).toBe("192.0.2.9");
    expect(clientAddress(new Headers(), parseTrustedProxies("0"))).toBe("unknown");
  });

  it("with a hop count, takes the address the nearest proxies wrote, not what the client put in front", () => {
    expect(clientAddress(headers("10.0.0.2", "6.6.6.6, 203.0.113.9"), parseTrustedProxies("1"))).toBe("203.0.113.9");
    expect(clientAddress(headers("10.0.0.2", "6.6.6.6, 7.7.7.7, 203.0.113.9, 10.0.0.1"), parseTrustedProxies("2"))).toBe("203.0.113.9");
    expect(clientAddress(headers("10.0.0.2", "203.0.113.9"), parseTrustedProxies("3"))).toBe("203.0.113.9");
  });

  it("with CIDRs, walks back over the trusted proxies only", () => {
    const cidrs = parseTrustedProxies("10.0.0.0/8, 192.168.1.5, fd00::/8");
    expect(clientAddress(headers("10.0.0.2", "6.6.6.6, 203.0.113.9, 192.168.1.5"), cidrs)).toBe("203.0.113.9");
    // A peer that is not a trusted proxy is the client, and its X-Forwarded-For is ignored.
    expect(clientAddress(headers("198.51.100.7", "10.1.1.1"), cidrs)).toBe("198.51.100.7");
    expect(clientAddress(headers("fd00::1", "2001:db8::5"), cidrs)).toBe("2001:db8::5");
    expect(() => parseTrustedProxies("10.0.0.0/33")).toThrow(/prefix/);
    expect(() => parseTrustedProxies("proxy.local")).toThrow(/neither/);
  });
});
