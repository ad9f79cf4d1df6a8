import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCohort } from "../app/_server/cohorts";
import { saveDraft } from "../app/_server/drafts";
import { hasVisibleCharacter } from "../app/_server/text-fields";
import { signUp } from "../app/_server/users";
import { PASSWORD, seedContent, seedPeople, type People } from "./cohorts-fixtures";
import { caught } from "./support/app-errors";
import { migratedDatabase, PROVIDERS, type MigratedDatabase } from "./support/databases";

// What JSON.parse makes of "\ud800" in a request body.
const LONE_HIGH = JSON.parse('"x = 1; // \\ud800"') as string;
const LONE_LOW = JSON.parse('"Ada \\udc00"') as string;

describe("visible characters", () => {
  it.each(["\u200b", "\u200b\u200c\u200d\u2060", "\ufeff", " \u3000 ", "\u202e\u202d", "\u0301", "\u3164", "\u2800"])("%j is not a name", (name) => {
    expect(hasVisibleCharacter(name)).toBe(false);
  });
  it.each(["A", "山田", "\u200bA", "😀", "é", "٣"])("%j is", (name) => {
    expect(hasVisibleCharacter(name)).toBe(true);
  });
});

describe.each(PROVIDERS)("text input on %s", (provider) => {
  let d: MigratedDatabase;
  let people: People;
  beforeAll(async () => {
    d = await migratedDatabase(provider);
    people = await seedPeople(d.db);
    await seedContent(d.db);
  });
  afterAll(async () => {
    await d.drop();
  });

  it("refuses a lone surrogate in a draft with 400 and a message on the code field", async () => {
    const error = await caught(saveDraft(d.db, people.student.id, "softmax", { code: LONE_HIGH }));
    expect(error.status).toBe(400);
    expect(error.fieldErrors.code?.en).toMatch(/broken character/);
    expect(error.fieldErrors.code?.ja).toMatch(/サロゲート/);
    // Paired surrogates (an emoji) are fine.
    await expect(saveDraft(d.db, people.student.id, "softmax", { code: "// 😀 ok" })).resolves.toHaveProperty("updatedAt");
  });

  it("refuses a lone surrogate in a display name and in a cohort name", async () => {
    const error = await caught(signUp(d.db, { email: "lone@example.org", displayName: LONE_LOW, password: PASSWORD }));
    expect(error.status).toBe(400);
    expect(error.fieldErrors.displayName?.en).toMatch(/broken character/);
    const cohort = await caught(createCohort(d.db, people.owner, { name: LONE_LOW }));
    expect(cohort.fieldErrors.name?.en).toMatch(/broken character/);
  });

  it("refuses display names and cohort names made only of invisible characters", async () => {
    for (const name of ["\u200b\u200b", "\u200d", " \u3000 ", "\u2060\ufeff"]) {
      const error = await caught(signUp(d.db, { email: "ghost@example.org", displayName: name, password: PASSWORD }));
      expect(error.status).toBe(400);
      expect(error.fieldErrors.displayName?.en).toMatch(/visible character/);
      expect((await caught(createCohort(d.db, people.owner, { name }))).fieldErrors.name?.en).toBe("Name the cohort.");
    }
    expect(await d.db.user.count({ where: { email: "ghost@example.org" } })).toBe(0);
    await expect(signUp(d.db, { email: "zw@example.org", displayName: "\u200bZoe", password: PASSWORD })).resolves.toMatchObject({ displayName: "\u200bZoe" });
  });
});
