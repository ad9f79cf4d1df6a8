import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requestPasswordReset } from "../app/_server/forgot-password";
import { configuredMailer } from "../app/_server/mailer";
import { createResetLinkAs, RESET_LINK_TTL_MS, usePasswordLink } from "../app/_server/password-tokens";
import { findSessionUser, signIn } from "../app/_server/users";
import { PASSWORD, seedPeople, type People } from "./cohorts-fixtures";
import { statusOf } from "./support/app-errors";
import { migratedDatabase, PROVIDERS, type MigratedDatabase } from "./support/databases";

const NEW_PASSWORD = "a brand new passphrase";
const secretOf = (path: string) => path.split("/").at(-1)!;

/** A real SMTP server on a free port that keeps what it receives. */
async function startSmtp(): Promise<{ url: string; mails: Array<{ to: string; raw: string }>; stop(): Promise<void> }> {
  const mails: Array<{ to: string; raw: string }> = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, callback) {
      let raw = "";
      stream.on("data", (c: Buffer) => (raw += c.toString()));
      stream.on("end", () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address).join(","), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as { port: number }).port;
  return { url: `smtp://127.0.0.1:${port}`, mails, stop: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe.each(PROVIDERS)("password links on %s", (provider) => {
  let d: MigratedDatabase;
  let p: People;
  let cohortId: string;
  beforeAll(async () => {
    d = await migratedDatabase(provider);
    p = await seedPeople(d.db);
    const cohort = await d.db.cohort.create({ data: { name: "C", joinCode: "JOINC0DE", ownerId: p.owner.id, timeZone: "Asia/Tokyo" } });
    cohortId = cohort.id;
    await d.db.enrollment.createMany({
      data: [
        { cohortId, userId: p.owner.id, role: "INSTRUCTOR" },
        { cohortId, userId: p.co.id, role: "INSTRUCTOR" },
        { cohortId, userId: p.student.id, role: "STUDENT" },
      ],
    });
  });
  afterAll(async () => {
    await d.drop();
  });

  it("only admins, and instructors for their own cohorts' students, make reset links", async () => {
    expect(await statusOf(createResetLinkAs(d.db, p.student.id, { userId: p.student2.id }))).toBe(403);
    expect(await statusOf(createResetLinkAs(d.db, p.other.id, { userId: p.student.id }))).toBe(403);
    expect(await statusOf(createResetLinkAs(d.db, p.owner.id, { userId: p.student2.id }))).toBe(403);
    // An instructor cannot take over a colleague's (or an admin's) account through a shared cohort.
    expect(await statusOf(createResetLinkAs(d.db, p.owner.id, { userId: p.co.id }))).toBe(403);
    expect(await statusOf(createResetLinkAs(d.db, p.owner.id, { userId: p.admin.id }))).toBe(403);
    expect(await statusOf(createResetLinkAs(d.db, undefined, { userId: p.student.id }))).toBe(401);
    expect(await statusOf(createResetLinkAs(d.db, p.owner.id, { userId: p.student.id }))).toBe(200);
    expect(await statusOf(createResetLinkAs(d.db, p.co.id, { userId: p.student.id }))).toBe(200);
    expect(await statusOf(createResetLinkAs(d.db, p.admin.id, { userId: p.other.id }))).toBe(200);
    expect(await statusOf(createResetLinkAs(d.db, p.admin.id, { userId: "nobody" }))).toBe(404);
  });

  it("a link sets the password once, ends the old sessions, and expires after 24 h", async () => {
    const now = new Date("2030-03-01T09:00:00Z");
    const before = await d.db.user.findUniqueOrThrow({ where: { id: p.student2.id } });
    const link = await createResetLinkAs(d.db, p.admin.id, { userId: p.student2.id }, now);
    expect(link.expiresAt.getTime() - now.getTime()).toBe(RESET_LINK_TTL_MS);
    expect(await statusOf(usePasswordLink(d.db, { secret: secretOf(link.path), password: "password123" }, now))).toBe(400);
    await usePasswordLink(d.db, { secret: secretOf(link.path), password: NEW_PASSWORD }, now);
    expect(await signIn(d.db, p.student2.email, NEW_PASSWORD, "192.0.2.1")).toMatchObject({ ok: true });
    expect(await signIn(d.db, p.student2.email, PASSWORD, "192.0.2.2")).toMatchObject({ ok: false });
    expect(await findSessionUser(d.db, { id: p.student2.id, version: before.sessionVersion })).toBeNull();
    expect(await statusOf(usePasswordLink(d.db, { secret: secretOf(link.path), password: "yet another passphrase" }, now))).toBe(410);

    const late = await createResetLinkAs(d.db, p.admin.id, { userId: p.student2.id }, now);
    expect(await statusOf(usePasswordLink(d.db, { secret: secretOf(late.path), password: NEW_PASSWORD }, new Date(now.getTime() + RESET_LINK_TTL_MS + 1)))).toBe(410);
    expect(await statusOf(usePasswordLink(d.db, { secret: "not-a-real-secret-at-all", password: NEW_PASSWORD }, now))).toBe(410);
    // Only the newest link of a user works.
    const first = await createResetLinkAs(d.db, p.admin.id, { userId: p.student2.id }, now);
    await createResetLinkAs(d.db, p.admin.id, { userId: p.student2.id }, now);
    expect(await statusOf(usePasswordLink(d.db, { secret: secretOf(first.path), password: NEW_PASSWORD }, now))).toBe(410);
  });

  it("two uses of one link at once: exactly one sets the password", async () => {
    const link = await createResetLinkAs(d.db, p.admin.id, { userId: p.other.id });
    const results = await Promise.all(["first passphrase here", "second passphrase here"].map((password) => statusOf(usePasswordLink(d.db, { secret: secretOf(link.path), password }))));
    expect(results.sort()).toEqual([200, 410]);
  });

  it("“Forgot password?” mails a working link through a real SMTP server, and answers the same for an unknown email", async () => {
    const smtp = await startSmtp();
    try {
      const mailer = configuredMailer({ ML_DOJO_SMTP_URL: smtp.url, NEXTAUTH_URL: "http://dojo.test:3000" })!;
      const known = await requestPasswordReset(d.db, mailer, { email: "  Student@Example.org " }, "http://dojo.test:3000");
      await known.delivery;
      const unknown = await requestPasswordReset(d.db, mailer, { email: "nobody@example.org" }, "http://dojo.test:3000");
      await unknown.delivery;
      expect(Object.keys(known)).toEqual(Object.keys(unknown));
      expect(smtp.mails).toHaveLength(1);
      expect(smtp.mails[0]!.to).toBe("student@example.org");
      const body = smtp.mails[0]!.raw.replace(/=\r?\n/g, "");
      const url = /http:\/\/dojo\.test:3000\/reset-password\/([A-Za-z0-9_-]+)/.exec(body);
      expect(url).not.toBeNull();
      await usePasswordLink(d.db, { secret: url![1]!, password: NEW_PASSWORD });
      expect(await signIn(d.db, "student@example.org", NEW_PASSWORD, "192.0.2.3")).toMatchObject({ ok: true });
      // A flood of requests sends at most FORGOT_RULE.limit mails.
      for (let i = 0; i < 6; i++) await (await requestPasswordReset(d.db, mailer, { email: "student2@example.org" }, "http://dojo.test:3000")).delivery;
      expect(smtp.mails.filter((m) => m.to === "student2@example.org")).toHaveLength(3);
    } finally {
      await smtp.stop();
    }
  });
});
