import { afterEach, describe, expect, it } from "vitest";
import { createDb } from "../../app/_server/db/client";
import { migrate, migratePostgres, migrateSqlite, readMigrations } from "../../app/_server/db/migrate";
import { MIGRATIONS_DIR } from "../../app/_server/db/schemas";
import { runScript } from "../support/catalog";
import { emptyDatabase, PROVIDERS, type TestDatabase } from "../support/databases";

/**
 * The problem-sets migration turns every one-item assignment (kind, exerciseId, topicId on Assignment) into an
 * Assignment with a title and one AssignmentItem, without losing any: applied to a database with old-style rows,
 * on both providers.
 */
const MIGRATION = "problem_sets_extensions";

const cleanup: TestDatabase[] = [];
afterEach(async () => {
  for (const d of cleanup.splice(0)) await d.drop();
});

function before(provider: (typeof PROVIDERS)[number]) {
  const all = readMigrations(MIGRATIONS_DIR[provider]);
  const index = all.findIndex((m) => m.name.endsWith(`_${MIGRATION}`));
  expect(index).toBeGreaterThan(0);
  return all.slice(0, index);
}

// Old-style rows, in SQL both providers accept (timestamps as text Prisma writes on SQLite; PostgreSQL casts them).
const OLD_ROWS = `
INSERT INTO "User" ("id", "email", "displayName", "passwordHash", "role", "updatedAt") VALUES
  ('u_inst', 'inst@x.org', 'Inst', 'x', 'INSTRUCTOR', '2026-11-01T00:00:00.000+00:00'),
  ('u_stu', 'stu@x.org', 'Stu', 'x', 'STUDENT', '2026-11-01T00:00:00.000+00:00');
INSERT INTO "Cohort" ("id", "name", "joinCode", "ownerId") VALUES ('c1', 'ML 2026', 'ABCDEF', 'u_inst'), ('c2', 'ML 2027', 'GHIJKL', 'u_inst');
INSERT INTO "Topic" ("id", "order", "titleEn", "titleJa", "introEn", "introJa", "contentHash", "updatedAt") VALUES
  ('softmax', 1, 'Softmax and friends', 'ソフトマックス', '', '', 'h', '2026-11-01T00:00:00.000+00:00');
INSERT INTO "Exercise" ("id", "topicId", "order", "titleEn", "titleJa", "difficulty", "mode", "contentHash", "updatedAt") VALUES
  ('softmax', 'softmax', 1, 'Stable softmax', '安定なソフトマックス', 1, 'allclose', 'h', '2026-11-01T00:00:00.000+00:00');
INSERT INTO "Assignment" ("id", "cohortId", "kind", "exerciseId", "topicId", "opensAt", "dueAt", "latePolicy", "penaltyPerDay", "maxAttempts", "attemptDecay") VALUES
  ('a_ex', 'c1', 'EXERCISE', 'softmax', NULL, '2026-11-01T00:00:00.000+00:00', '2026-11-08T14:59:00.000+00:00', 'PENALTY', 0.1, 3, 0),
  ('a_quiz', 'c1', 'QUIZ', NULL, 'softmax', '2026-11-02T00:00:00.000+00:00', '2026-11-09T14:59:00.000+00:00', 'REJECT', 0, 2, 0.25),
  ('a_ex2', 'c2', 'EXERCISE', 'softmax', NULL, '2026-11-03T00:00:00.000+00:00', '2026-11-10T14:59:00.000+00:00', 'ACCEPT', 0, 3, 0);
`;

describe.each(PROVIDERS)("the problem-sets migration on %s", (provider) => {
  it("turns each one-item assignment into a titled assignment with one item, keeping ids, windows and policies", async () => {
    const d = await emptyDatabase(provider);
    cleanup.push(d);
    const previous = before(provider);
    if (provider === "sqlite") migrateSqlite((d.target as { file: string }).file, previous);
    else await migratePostgres((d.target as { url: string }).url, previous);
    await runScript(d.target, OLD_ROWS);

    const result = await migrate(d.target);
    expect(result.applied.some((name) => name.endsWith(`_${MIGRATION}`))).toBe(true);

    const db = await createDb(d.target);
    try {
      const rows = await db.assignment.findMany({ orderBy: { id: "asc" }, include: { items: true } });
      expect(rows.map((r) => ({ id: r.id, cohortId: r.cohortId, title: r.title, latePolicy: r.latePolicy, penaltyPerDay: r.penaltyPerDay, maxAttempts: r.maxAttempts, attemptDecay: r.attemptDecay }))).toEqual([
        { id: "a_ex", cohortId: "c1", title: "Stable softmax", latePolicy: "PENALTY", penaltyPerDay: 0.1, maxAttempts: 3, attemptDecay: 0 },
        { id: "a_ex2", cohortId: "c2", title: "Stable softmax", latePolicy: "ACCEPT", penaltyPerDay: 0, maxAttempts: 3, attemptDecay: 0 },
        { id: "a_quiz", cohortId: "c1", title: "Softmax and friends", latePolicy: "REJECT", penaltyPerDay: 0, maxAttempts: 2, attemptDecay: 0.25 },
      ]);
      expect(rows.find((r) => r.id === "a_ex")!.dueAt.toISOString()).toBe("2026-11-08T14:59:00.000Z");
      expect(rows.find((r) => r.id === "a_quiz")!.opensAt.toISOString()).toBe("2026-11-02T00:00:00.000Z");
      const items = rows.map((r) => r.items.map((i) => ({ kind: i.kind, exerciseId: i.exerciseId, topicId: i.topicId, points: i.points, position: i.position })));
      expect(items).toEqual([
        [{ kind: "EXERCISE", exerciseId: "softmax", topicId: null, points: 10, position: 0 }],
        [{ kind: "EXERCISE", exerciseId: "softmax", topicId: null, points: 10, position: 0 }],
        [{ kind: "QUIZ", exerciseId: null, topicId: "softmax", points: 10, position: 0 }],
      ]);
      // The new model accepts what the old one refused: a second assignment in the cohort with the same exercise.
      await db.assignment.create({
        data: {
          cohortId: "c1",
          title: "Again",
          opensAt: new Date("2026-12-01T00:00:00Z"),
          dueAt: new Date("2026-12-08T00:00:00Z"),
          items: { create: [{ kind: "EXERCISE", exerciseId: "softmax", position: 0 }] },
        },
      });
      expect(await db.assignmentItem.count({ where: { exerciseId: "softmax" } })).toBe(3);
      // Items go with their assignment.
      await db.assignment.delete({ where: { id: "a_ex" } });
      expect(await db.assignmentItem.count({ where: { assignmentId: "a_ex" } })).toBe(0);
    } finally {
      await db.$disconnect();
    }
  });
});
