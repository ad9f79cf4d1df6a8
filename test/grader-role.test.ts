import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadExercise } from "../graders/exercise/load";
import { createCohortAs } from "../app/_server/admin";
import { joinCohortAs } from "../app/_server/cohorts";
import { startRegradeAs } from "../app/_server/regrade";
import { createSubmission } from "../app/_server/submissions";
import { signUp } from "../app/_server/users";
import { migratedDatabase, PG_URL, type MigratedDatabase } from "./support/databases";

const softmax = loadExercise("softmax");
const reference = readFileSync(path.join(softmax.dir, "reference.ts"), "utf8");

/**
 * `npm run grader` as an operator runs it on another machine: no app secret, DATABASE_URL with the role of
 * scripts/sql/grader-role.sql, which reaches the queue and nothing else.
 */
describe.skipIf(!PG_URL)("a standalone grader with the queue-only PostgreSQL role", () => {
  let d: MigratedDatabase;
  let roleUrl: string;
  beforeAll(async () => {
    d = await migratedDatabase("postgresql");
    await d.db.topic.create({ data: { id: "softmax", order: 1, titleEn: "Softmax", titleJa: "ソフトマックス", introEn: "i", introJa: "i", contentHash: "t" } });
    await d.db.exercise.create({
      data: { id: "softmax", topicId: "softmax", order: 1, titleEn: "Softmax", titleJa: "ソフトマックス", difficulty: 1, mode: "allclose", contentHash: softmax.contentHash },
    });
    const owner = new pg.Client({ connectionString: d.url });
    await owner.connect();
    await owner.query(readFileSync("scripts/sql/grader-role.sql", "utf8"));
    await owner.query(`ALTER ROLE ml_dojo_grader LOGIN PASSWORD 'grader-test-password'`);
    await owner.end();
    const url = new URL(d.url);
    url.username = "ml_dojo_grader";
    url.password = "grader-test-password";
    roleUrl = url.toString();
  });
  afterAll(async () => {
    await d?.drop();
  });

  it("grades a queued submission, counts progress, and cannot read users or password hashes", async () => {
    const user = await signUp(d.db, { email: "role@example.org", displayName: "Role", password: "correct horse battery" });
    const { submission } = await createSubmission(d.db, user.id, { exerciseId: "softmax", code: reference, clientSubmissionId: "role-00001" });
    // A failing one too: its failure summary is written by the grader role in the verdict's transaction.
    const { submission: failing } = await createSubmission(d.db, user.id, { exerciseId: "softmax", code: "export function softmax(z: number[]): number[] { return z.map(() => 0); }", clientSubmissionId: "role-00002" });
    const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: roleUrl, ML_DOJO_GRADERS: "1" };
    delete env.NEXTAUTH_SECRET;
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/grader.ts"], { env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (b: Buffer) => (output += b.toString()));
    child.stderr.on("data", (b: Buffer) => (output += b.toString()));
    try {
      const end = Date.now() + 60_000;
      let row = await d.db.submission.findUniqueOrThrow({ where: { id: submission.id } });
      while (row.status === "PENDING" && Date.now() < end && child.exitCode === null) {
        await new Promise((r) => setTimeout(r, 100));
        row = await d.db.submission.findUniqueOrThrow({ where: { id: submission.id } });
      }
      expect(row.status, output).toBe("GRADED");
      expect(row.score).toBe(1);
      let failed = await d.db.submission.findUniqueOrThrow({ where: { id: failing.id } });
      while (failed.status === "PENDING" && Date.now() < end && child.exitCode === null) {
        await new Promise((r) => setTimeout(r, 100));
        failed = await d.db.submission.findUniqueOrThrow({ where: { id: failing.id } });
      }
      expect(failed.status, output).toBe("GRADED");
      expect(await d.db.submissionFailure.count({ where: { submissionId: failing.id } })).toBeGreaterThan(0);
      const progress = await d.db.exerciseProgress.findUniqueOrThrow({ where: { userId_exerciseId: { userId: user.id, exerciseId: "softmax" } } });
      expect(progress.attempts).toBe(2);
      // A regrade after a content change is graded by the same role (its grants cover the regrade job).
      const teacher = await signUp(d.db, { email: "role-teacher@example.org", displayName: "Teacher", password: "correct horse battery" }, "INSTRUCTOR");
      const cohort = await createCohortAs(d.db, teacher.id, { name: "Role cohort" });
      await joinCohortAs(d.db, user.id, { code: cohort.joinCode });
      await d.db.exercise.update({ where: { id: "softmax" }, data: { contentHash: "edited" } });
      const run = await startRegradeAs(d.db, teacher.id, cohort.id, { exerciseId: "softmax" });
      let finished = await d.db.regradeRun.findUniqueOrThrow({ where: { id: run.runId } });
      while (!finished.finishedAt && Date.now() < end && child.exitCode === null) {
        await new Promise((r) => setTimeout(r, 100));
        finished = await d.db.regradeRun.findUniqueOrThrow({ where: { id: run.runId } });
      }
      expect(finished.finishedAt, output).not.toBeNull();
      expect(await d.db.submission.findUniqueOrThrow({ where: { id: submission.id } })).toMatchObject({ status: "GRADED", score: 1, contentHash: "edited" });
    } finally {
      child.kill("SIGTERM");
      await new Promise((r) => child.once("exit", r));
    }
    const grader = new pg.Client({ connectionString: roleUrl });
    await grader.connect();
    try {
      await expect(grader.query(`SELECT "passwordHash" FROM "User"`)).rejects.toThrow(/permission denied/);
      await expect(grader.query(`SELECT "verdict" FROM "Submission"`)).rejects.toThrow(/permission denied/);
      await expect(grader.query(`DELETE FROM "Submission"`)).rejects.toThrow(/permission denied/);
      await expect(grader.query(`SELECT "oldVerdict" FROM "RegradeEntry"`)).rejects.toThrow(/permission denied/);
    } finally {
      await grader.end();
    }
  });
});
