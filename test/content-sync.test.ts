import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, appendFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { loadCatalog } from "../graders/exercise/catalog";
import { syncContent } from "../app/_server/content-sync";
import { createSubmission } from "../app/_server/submissions";
import { signUp } from "../app/_server/users";
import type { Db } from "../app/_server/db/client";
import { migratedDatabase, PROVIDERS, type MigratedDatabase } from "./support/databases";

const REPO_CONTENT = path.resolve("exercises");

/** Everything the sync writes, as plain rows, to compare before and after. */
async function snapshot(db: Db) {
  return {
    topics: await db.topic.findMany({ orderBy: { id: "asc" } }),
    exercises: await db.exercise.findMany({ orderBy: { id: "asc" } }),
    quizItems: await db.quizItem.findMany({ orderBy: { id: "asc" } }),
  };
}

/** A small content tree of its own, so the test can edit and delete without touching exercises/. */
function makeContent(): string {
  const root = mkdtempSync(path.join(tmpdir(), "ml-dojo-content-"));
  const topic = path.join(root, "softmax");
  cpSync(path.join(REPO_CONTENT, "softmax", "topic.json"), path.join(topic, "topic.json"));
  for (const id of ["softmax", "logsumexp"]) cpSync(path.join(REPO_CONTENT, "softmax", id), path.join(topic, id), { recursive: true });
  writeFileSync(
    path.join(topic, "quiz.ts"),
    `export default [
  { id: "t-limit", type: "single", prompt: { en: "As T → 0?", ja: "T → 0 では？" }, explanation: { en: "argmax", ja: "argmax" },
    choices: [{ id: "a", text: { en: "one-hot", ja: "one-hot" } }, { id: "b", text: { en: "uniform", ja: "一様" } }], answer: "a" },
  { id: "ce-p", type: "param-numeric", prompt: { en: "CE for p = {{p}}?", ja: "p = {{p}} のとき CE は？" }, explanation: { en: "-log p", ja: "-log p" },
    params: (rng) => ({ p: 0.5 }), answer: (p) => -Math.log(p.p), verify: (p) => Math.log(1 / p.p), tolerance: { rel: 1e-6 } },
];
`,
  );
  return root;
}

describe.each(PROVIDERS)("content sync on %s", (provider) => {
  let d: MigratedDatabase;
  const roots: string[] = [];
  beforeAll(async () => {
    d = await migratedDatabase(provider);
  });
  afterAll(async () => {
    await d.drop();
  });
  afterEach(() => {
    for (const r of roots.splice(0)) rmSync(r, { recursive: true, force: true });
  });

  it("is idempotent on the real exercises/: the second run changes nothing", async () => {
    const catalog = loadCatalog(REPO_CONTENT);
    expect(catalog.exercises.length).toBeGreaterThan(0);
    const first = await syncContent(d.db, catalog);
    expect(first.exercises.created).toBe(catalog.exercises.length);
    expect(first.quizItems.created).toBe(catalog.quizItems.length);
    const before = await snapshot(d.db);

    const second = await syncContent(d.db, loadCatalog(REPO_CONTENT));
    for (const kind of ["topics", "exercises", "quizItems"] as const) {
      expect(second[kind]).toEqual({ created: 0, updated: 0, unchanged: before[kind].length, deactivated: 0 });
    }
    // Row for row, including updatedAt: nothing was rewritten.
    expect(await snapshot(d.db)).toEqual(before);
  });

  it("updates an edited exercise in place, keeps old submissions on their hash, and retires removed content", async () => {
    await d.db.exercise.deleteMany({});
    await d.db.quizItem.deleteMany({});
    await d.db.topic.deleteMany({});
    const root = makeContent();
    roots.push(root);
    await syncContent(d.db, loadCatalog(root));
    const original = await d.db.exercise.findUniqueOrThrow({ where: { id: "softmax" } });
    const quizBefore = await d.db.quizItem.findUniqueOrThrow({ where: { id: "ce-p" } });
    expect(JSON.parse(quizBefore.data)).toMatchObject({ type: "param-numeric", prompt: { en: "CE for p = {{p}}?" } });

    const learner = await signUp(d.db, { email: "learner@example.org", displayName: "L", password: "correct horse battery" });
    const { submission } = await createSubmission(d.db, learner.id, { exerciseId: "softmax", code: "export const softmax = (z: number[]) => z;", clientSubmissionId: "client-0001" });
    expect(submission.contentHash).toBe(original.contentHash);

    appendFileSync(path.join(root, "softmax", "softmax", "statement.en.md"), "\nOne more sentence.\n");
    const quizFile = path.join(root, "softmax", "quiz.ts");
    writeFileSync(quizFile, readFileSync(quizFile, "utf8").replace("-Math.log(p.p)", "Math.log(1) - Math.log(p.p)"));
    rmSync(path.join(root, "softmax", "logsumexp"), { recursive: true });

    const report = await syncContent(d.db, loadCatalog(root));
    expect(report.exercises).toEqual({ created: 0, updated: 1, unchanged: 0, deactivated: 1 });
    expect(report.quizItems).toEqual({ created: 0, updated: 1, unchanged: 1, deactivated: 0 });
    const edited = await d.db.exercise.findUniqueOrThrow({ where: { id: "softmax" } });
    expect(edited.contentHash).not.toBe(original.contentHash);
    expect((await d.db.exercise.findUniqueOrThrow({ where: { id: "logsumexp" } })).active).toBe(false);
    expect((await d.db.submission.findUniqueOrThrow({ where: { id: submission.id } })).contentHash).toBe(original.contentHash);

    // And it settles: a third run changes nothing.
    const third = await syncContent(d.db, loadCatalog(root));
    expect(third.exercises).toEqual({ created: 0, updated: 0, unchanged: 1, deactivated: 0 });
  });
});
