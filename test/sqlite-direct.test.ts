import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { VERDICT_VERSION, type Verdict } from "../graders/verdict";
import { sqliteDirect } from "../app/_server/db/sqlite-direct";
import { createSubmission, findSubmission, recordVerdict } from "../app/_server/submissions";
import { signUp, type PublicUser } from "../app/_server/users";
import { migratedDatabase, type MigratedDatabase } from "./support/databases";

const passed: Verdict = {
  version: VERDICT_VERSION,
  status: "passed",
  score: 1,
  exerciseId: "softmax",
  contentHash: "h1",
  seed: 1,
  cases: [],
  console: { text: "", truncated: false },
  timings: { transpileMs: 1, runMs: 2, totalMs: 3 },
};

// The submit path's direct statements share Prisma's one SQLite connection (db/sqlite-direct.ts): they must never
// become part of a Prisma interactive transaction that is open on it, or its rollback would take them along.
describe("direct SQLite statements next to Prisma transactions", () => {
  let d: MigratedDatabase;
  let learner: PublicUser;
  beforeAll(async () => {
    d = await migratedDatabase("sqlite");
    await d.db.topic.create({ data: { id: "softmax", order: 1, titleEn: "S", titleJa: "S", introEn: "i", introJa: "i", contentHash: "t" } });
    await d.db.exercise.create({ data: { id: "softmax", topicId: "softmax", order: 1, titleEn: "Softmax", titleJa: "ソフトマックス", difficulty: 1, mode: "allclose", contentHash: "h1" } });
    learner = await signUp(d.db, { email: "direct@example.org", displayName: "Direct", password: "correct horse battery" });
  });
  afterAll(async () => {
    await d.drop();
  });

  it("is used by a client made by createDb", () => {
    expect(sqliteDirect(d.db)).toBeDefined();
  });

  it("waits for an open interactive transaction, so that its rollback keeps the submission and its verdict", async () => {
    let inside!: () => void;
    const opened = new Promise<void>((r) => (inside = r));
    const rolledBack = d.db
      .$transaction(async (tx) => {
        await tx.user.update({ where: { id: learner.id }, data: { displayName: "Renamed" } });
        inside();
        await new Promise((r) => setTimeout(r, 200));
        throw new Error("roll back");
      })
      .catch((error: Error) => error.message);
    await opened;
    const { submission, created } = await createSubmission(d.db, learner.id, { exerciseId: "softmax", code: "x", clientSubmissionId: "direct-0001" });
    expect(created).toBe(true);
    expect(await rolledBack).toBe("roll back");
    expect(await d.db.user.findUniqueOrThrow({ where: { id: learner.id } })).toMatchObject({ displayName: "Direct" });
    expect(await d.db.submission.findUnique({ where: { id: submission.id }, include: { job: true } })).toMatchObject({ status: "PENDING", job: { state: "QUEUED" } });

    const again = d.db
      .$transaction(async (tx) => {
        await tx.user.update({ where: { id: learner.id }, data: { displayName: "Again" } });
        await new Promise((r) => setTimeout(r, 100));
        throw new Error("roll back");
      })
      .catch((error: Error) => error.message);
    await new Promise((r) => setTimeout(r, 20));
    expect(await recordVerdict(d.db, submission.id, passed, 5)).toMatchObject({ id: submission.id, status: "GRADED" });
    expect(await again).toBe("roll back");
    expect(await findSubmission(d.db, submission.id)).toMatchObject({ status: "GRADED", score: 1 });
    expect(await d.db.exerciseProgress.findUniqueOrThrow({ where: { userId_exerciseId: { userId: learner.id, exerciseId: "softmax" } } })).toMatchObject({ attempts: 1, bestScore: 1 });
  });

  it("writes rows Prisma reads back alike (dates, ids, nulls)", async () => {
    const { submission } = await createSubmission(d.db, learner.id, { exerciseId: "softmax", code: "y", clientSubmissionId: "direct-0002" });
    const viaPrisma = await d.db.submission.findUniqueOrThrow({ where: { id: submission.id } });
    expect(viaPrisma).toEqual(submission);
    expect(submission.id).toMatch(/^c[0-9a-z]{24}$/);
  });
});
