import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { usePasswordLink } from "../app/_server/password-tokens";
import { importRosterAs, rosterLinksCsv } from "../app/_server/roster-import";
import { signUpPerPolicy } from "../app/_server/signup-policy";
import { signIn } from "../app/_server/users";
import { PASSWORD, seedPeople, type People } from "./cohorts-fixtures";
import { caught } from "./support/app-errors";
import { migratedDatabase, PROVIDERS, type MigratedDatabase } from "./support/databases";

describe.each(PROVIDERS)("roster import and sign-up modes on %s", (provider) => {
  let d: MigratedDatabase;
  let p: People;
  let cohortId: string;
  const joinCode = "ROSTER42";
  beforeAll(async () => {
    d = await migratedDatabase(provider);
    p = await seedPeople(d.db);
    cohortId = (await d.db.cohort.create({ data: { name: "Class A", joinCode, ownerId: p.owner.id, timeZone: "Asia/Tokyo" } })).id;
    await d.db.enrollment.create({ data: { cohortId, userId: p.owner.id, role: "INSTRUCTOR" } });
  });
  afterAll(async () => {
    await d.drop();
  });

  const members = () => d.db.enrollment.count({ where: { cohortId, role: "STUDENT" } });

  it("only the cohort's instructors and admins import (403 for students and other cohorts' instructors)", async () => {
    const csv = "new1@example.org,New One\n";
    expect((await caught(importRosterAs(d.db, p.student.id, cohortId, { csv }))).status).toBe(403);
    expect((await caught(importRosterAs(d.db, p.other.id, cohortId, { csv }))).status).toBe(403);
    expect((await caught(importRosterAs(d.db, undefined, cohortId, { csv }))).status).toBe(401);
    expect(await d.db.user.count({ where: { email: "new1@example.org" } })).toBe(0);
  });

  it("reports every bad line and imports nothing", async () => {
    const csv = ["email,name", "good@example.org,Good", "not-an-email,Bad", "good@example.org,Again", "ghost@example.org,\u200b", "co@example.org,Co Teacher"].join("\r\n");
    const error = await caught(importRosterAs(d.db, p.owner.id, cohortId, { csv }));
    expect(error.status).toBe(400);
    expect(Object.keys(error.fieldErrors).sort()).toEqual(["line 3", "line 4", "line 5"]);
    expect(error.fieldErrors["line 4"]?.en).toMatch(/already on line 2/);
    expect(await d.db.user.count({ where: { email: "good@example.org" } })).toBe(0);
    // A staff account on a line is refused too, and still nothing is imported.
    const staff = await caught(importRosterAs(d.db, p.owner.id, cohortId, { csv: "good@example.org,Good\nco@example.org,Co" }));
    expect(Object.keys(staff.fieldErrors)).toEqual(["line 2"]);
    expect(await d.db.user.count({ where: { email: "good@example.org" } })).toBe(0);
    expect(await members()).toBe(0);
  });

  it("imports Excel's UTF-8 CSV (BOM, CRLF, quotes, Japanese names) into accounts, enrollments and one-time links", async () => {
    const csv = '\uFEFFEmail,Name\r\n"yamada@example.org","山田 太郎"\r\nSuzuki@Example.org,"Suzuki, Hana"\r\n\r\nstudent@example.org,Existing\r\n';
    const students = await importRosterAs(d.db, p.owner.id, cohortId, { csv });
    expect(students.map((s) => [s.email, s.name, s.status])).toEqual([
      ["yamada@example.org", "山田 太郎", "new"],
      ["suzuki@example.org", "Suzuki, Hana", "new"],
      ["student@example.org", "Existing", "existing"],
    ]);
    expect(await members()).toBe(3);
    // A new account cannot sign in until its owner sets a password through the link.
    expect(await signIn(d.db, "yamada@example.org", "!", "192.0.2.1")).toMatchObject({ ok: false });
    const file = rosterLinksCsv(students, "http://10.0.0.5:3000", "ja", new Date("2030-01-08T00:00:00Z"));
    expect(file.startsWith("\uFEFF")).toBe(true);
    const rows = parse(file, { bom: true }) as string[][];
    expect(rows[1]![2]).toMatch(/^http:\/\/10\.0\.0\.5:3000\/reset-password\/[A-Za-z0-9_-]{40,}$/);
    await usePasswordLink(d.db, { secret: rows[1]![2]!.split("/").at(-1), password: "my own passphrase" });
    expect(await signIn(d.db, "yamada@example.org", "my own passphrase", "192.0.2.1")).toMatchObject({ ok: true, user: { displayName: "山田 太郎" } });
    // Importing again: already members, no new accounts.
    const again = await importRosterAs(d.db, p.owner.id, cohortId, { csv: "yamada@example.org;Yamada\n" });
    expect(again[0]!.status).toBe("already-member");
    expect(await members()).toBe(3);
  });

  it("closed: no sign-up; invite: only with a valid join code, and a bad code says nothing about the email", async () => {
    const input = { email: "student@example.org", displayName: "X", password: PASSWORD };
    expect((await caught(signUpPerPolicy(d.db, input, "closed"))).status).toBe(403);
    // The same answer for an existing and a new email when the code is missing or wrong.
    const missingOld = await caught(signUpPerPolicy(d.db, input, "invite"));
    const missingNew = await caught(signUpPerPolicy(d.db, { ...input, email: "fresh@example.org" }, "invite"));
    expect([missingOld.status, missingOld.fieldErrors]).toEqual([missingNew.status, missingNew.fieldErrors]);
    const wrongOld = await caught(signUpPerPolicy(d.db, { ...input, code: "NOPE1234" }, "invite"));
    const wrongNew = await caught(signUpPerPolicy(d.db, { ...input, email: "fresh@example.org", code: "NOPE1234" }, "invite"));
    expect([wrongOld.status, wrongOld.fieldErrors]).toEqual([wrongNew.status, wrongNew.fieldErrors]);
    expect(await d.db.user.count({ where: { email: "fresh@example.org" } })).toBe(0);

    const user = await signUpPerPolicy(d.db, { ...input, email: "fresh@example.org", code: joinCode.toLowerCase() }, "invite");
    expect(await d.db.enrollment.count({ where: { cohortId, userId: user.id } })).toBe(1);
    expect((await signUpPerPolicy(d.db, { ...input, email: "open@example.org" }, "open")).email).toBe("open@example.org");
  });
});
