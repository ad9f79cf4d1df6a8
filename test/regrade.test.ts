import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCohortAs } from "../app/_server/admin";
import { addCoInstructorAs, joinCohortAs } from "../app/_server/cohorts";
import type { Grader } from "../app/_server/grading/grader";
import { submitForGrading } from "../app/_server/grading/submit";
import { createGradingWorker, type GradingWorker } from "../app/_server/grading/worker";
import { regradeOverviewAs, regradeReportAs, startRegradeAs } from "../app/_server/regrade";
import { createSubmission, exerciseSeed, recordVerdict } from "../app/_server/submissions";
import { signUp } from "../app/_server/users";
import { loadExercise } from "../graders/exercise/load";
import type { GradeJob } from "../graders/grade-job";
import { createGraderPool, type GraderPool } from "../graders/supervisor/pool";
import type { Verdict } from "../graders/verdict";
import { seedPeople, type People } from "./cohorts-fixtures";
import { migratedDatabase, PROVIDERS, type MigratedDatabase } from "./support/databases";
import { statusOf } from "./support/app-errors";
import { until as untilDefault } from "./support/until";

const until = <T>(what: string, check: () => Promise<T | null | undefined | false>, ms = 30_000): Promise<T> => untilDefault(what, check, ms);

/**
 * Regrade (app/_server/regrade.ts, app/_server/grading/regrade-job.ts) on real databases with real grader children:
 * through the queue, with a report of changed best scores, recomputed progress, the new content version's seed and
 * hash, no double run, nothing lost when a grader dies mid-run, and live submissions not starved.
 */
const softmax = loadExercise("softmax");
const reference = readFileSync(path.join(softmax.dir, "reference.ts"), "utf8");
const naive = readFileSync(path.join(softmax.dir, "mutants", "no-max-shift.ts"), "utf8");
const quiet = process.env.DEBUG_QUEUE ? (line: string) => console.error(line) : () => {};

let pool: GraderPool;
beforeAll(async () => {
  pool = createGraderPool({ size: 2, log: quiet });
  await pool.ready();
});
afterAll(async () => {
  await pool?.close();
});

let n = 0;
const cid = () => `regrade-${Date.now()}-${n++}`;


/** The pool, slowed down for code that carries `// slow` (the regraded submissions of the fairness test). */
function slowing(inner: Grader, ms: number): Grader & { graded: string[] } {
  const g = {
    graded: [] as string[],
    async grade(job: GradeJob): Promise<Verdict> {
      if (job.code.includes("// slow")) await new Promise((r) => setTimeout(r, ms));
      const v = await inner.grade(job);
      g.graded.push(job.code.split("\n", 1)[0]!);
      return v;
    },
  };
  return g;
}

describe.each(PROVIDERS)("regrade on %s", (provider) => {
  let d: MigratedDatabase;
  let p: People;
  let cohortId: string;
  let otherCohortId: string;
  const onPg = provider === "postgresql";

  beforeAll(async () => {
    d = await migratedDatabase(provider);
    p = await seedPeople(d.db);
    await d.db.topic.create({ data: { id: "softmax", order: 1, titleEn: "Softmax", titleJa: "ソフトマックス", introEn: "i", introJa: "i", contentHash: "t" } });
    await d.db.exercise.create({
      data: { id: "softmax", topicId: "softmax", order: 1, titleEn: "Softmax", titleJa: "ソフトマックス", difficulty: 1, mode: "allclose", contentHash: "v1" },
    });
    const cohort = await createCohortAs(d.db, p.owner.id, { name: "Regrade cohort" });
    await addCoInstructorAs(d.db, p.owner.id, cohort.id, { email: p.co.email });
    await joinCohortAs(d.db, p.student.id, { code: cohort.joinCode });
    await joinCohortAs(d.db, p.student2.id, { code: cohort.joinCode });
    cohortId = cohort.id;
    const other = await createCohortAs(d.db, p.other.id, { name: "Other cohort" });
    otherCohortId = other.id;
  });
  afterAll(async () => {
    await d.drop();
  });

  /** A submission graded under content "v1" with the given stored score (what the old content gave it). */
  async function gradedUnderOldContent(userId: string, code: string, storedScore: number): Promise<string> {
    const { submission } = await createSubmission(d.db, userId, { exerciseId: "softmax", code, clientSubmissionId: cid() });
    const verdict = await pool.grade({ exerciseId: "softmax", code, seed: submission.seed, scope: "submit" });
    await recordVerdict(d.db, submission.id, { ...verdict, score: storedScore, status: storedScore === 1 ? "passed" : "failed" }, 5, 1);
    return submission.id;
  }

  async function worker(grader: Grader = pool, slots = 2): Promise<GradingWorker> {
    const w = createGradingWorker({ db: d.db, grader, slots, leaseMs: 1000, pollMs: 100, log: quiet });
    await w.start();
    return w;
  }

  const progressOf = (userId: string) => d.db.exerciseProgress.findUniqueOrThrow({ where: { userId_exerciseId: { userId, exerciseId: "softmax" } } });

  it("shows that the content changed, regrades through the queue with the new seed and hash, and reports changed best scores", async () => {
    // student: a correct solution that the old content scored 0.5; student2: naive code the old content scored 1.
    const fixed = await gradedUnderOldContent(p.student.id, `// fixed\n${reference}`, 0.5);
    const broken = await gradedUnderOldContent(p.student2.id, `// naive\n${naive}`, 1);
    expect((await progressOf(p.student2.id)).solvedAt).not.toBeNull();
    // A student of another cohort only: never part of this cohort's regrade.
    const outsider = await signUp(d.db, { email: `outsider-${provider}@example.org`, displayName: "Outsider", password: "correct horse battery" });
    await joinCohortAs(d.db, outsider.id, { code: (await d.db.cohort.findUniqueOrThrow({ where: { id: otherCohortId } })).joinCode });
    const outside = await gradedUnderOldContent(outsider.id, `// outsider\n${reference}`, 0.5);

    // Content sync writes a new hash for the edited exercise.
    await d.db.exercise.update({ where: { id: "softmax" }, data: { contentHash: "v2" } });
    const overview = await regradeOverviewAs(d.db, p.owner.id, cohortId);
    expect(overview.exercises).toEqual([expect.objectContaining({ exerciseId: "softmax", submissions: 2, students: 2, stale: 2 })]);

    const started = await startRegradeAs(d.db, p.co.id, cohortId, { exerciseId: "softmax" });
    expect(started).toMatchObject({ started: true, total: 2 });
    const before = await regradeReportAs(d.db, p.owner.id, cohortId, started.runId);
    expect(before).toMatchObject({ done: 0, total: 2, finishedAt: null });

    const w = await worker();
    try {
      const report = await until("the end of the run", async () => {
        const r = await regradeReportAs(d.db, p.owner.id, cohortId, started.runId);
        return r.finishedAt !== null && r;
      });
      expect(report).toMatchObject({ done: 2, total: 2, errors: 0, students: 2 });
      expect(report.changed.map((c) => [c.email, c.from, c.to])).toEqual([
        ["student2@example.org", 1, expect.any(Number)],
        ["student@example.org", 0.5, 1],
      ]);
      expect(report.changed[0]!.to).toBeLessThan(1);

      for (const [id, userId] of [[fixed, p.student.id], [broken, p.student2.id]] as const) {
        const s = await d.db.submission.findUniqueOrThrow({ where: { id } });
        expect(s).toMatchObject({ status: "GRADED", contentHash: "v2", seed: exerciseSeed(userId, "softmax", "v2") });
        expect(JSON.parse(s.verdict!).seed).toBe(s.seed);
      }
      // The old verdicts are kept for the report.
      const entries = await d.db.regradeEntry.findMany({ where: { runId: started.runId }, orderBy: { oldScore: "asc" } });
      expect(entries.map((e) => [e.oldScore, e.oldContentHash, e.oldVerdict !== null])).toEqual([[0.5, "v1", true], [1, "v1", true]]);
      // Progress recomputed from the submissions: best, attempts unchanged, solved only with full marks.
      expect(await progressOf(p.student.id)).toMatchObject({ bestScore: 1, bestSubmissionId: fixed, attempts: 1 });
      expect((await progressOf(p.student.id)).solvedAt).not.toBeNull();
      const naiveProgress = await progressOf(p.student2.id);
      expect(naiveProgress).toMatchObject({ bestSubmissionId: broken, attempts: 1, solvedAt: null });
      expect(naiveProgress.bestScore).toBe(report.changed[0]!.to);
      // Another cohort's student is untouched.
      expect(await d.db.submission.findUniqueOrThrow({ where: { id: outside } })).toMatchObject({ contentHash: "v1", score: 0.5 });
      // Nothing stale any more; the run is listed with its progress.
      const after = await regradeOverviewAs(d.db, p.owner.id, cohortId);
      expect(after.exercises[0]).toMatchObject({ stale: 0 });
      expect(after.runs[0]).toMatchObject({ id: started.runId, done: 2, total: 2 });
      // A finished run frees the cohort and exercise for the next one; regrading again changes nobody's best.
      const again = await startRegradeAs(d.db, p.owner.id, cohortId, { exerciseId: "softmax" });
      expect(again.started).toBe(true);
      const second = await until("the second run", async () => {
        const r = await regradeReportAs(d.db, p.owner.id, cohortId, again.runId);
        return r.finishedAt !== null && r;
      });
      expect(second.changed).toEqual([]);
      expect(await progressOf(p.student.id)).toMatchObject({ bestScore: 1, attempts: 1 });
    } finally {
      await w.stop();
    }
  });

  it("starts one run when two instructors click at once", async () => {
    await d.db.exercise.update({ where: { id: "softmax" }, data: { contentHash: "v3" } });
    const [a, b] = await Promise.all([
      startRegradeAs(d.db, p.owner.id, cohortId, { exerciseId: "softmax" }),
      startRegradeAs(d.db, p.co.id, cohortId, { exerciseId: "softmax" }),
    ]);
    expect(a.runId).toBe(b.runId);
    expect([a.started, b.started].sort()).toEqual([false, true]);
    expect(await d.db.regradeRun.count({ where: { cohortId, finishedAt: null } })).toBe(1);
    expect(await d.db.regradeEntry.count({ where: { runId: a.runId } })).toBe(a.total);
    const w = await worker();
    try {
      await until("the run", async () => (await regradeReportAs(d.db, p.owner.id, cohortId, a.runId)).finishedAt !== null);
    } finally {
      await w.stop();
    }
  });

  it("loses nothing when the grader dies mid-run: another grader finishes the run", async () => {
    await d.db.exercise.update({ where: { id: "softmax" }, data: { contentHash: "v4" } });
    const run = await startRegradeAs(d.db, p.owner.id, cohortId, { exerciseId: "softmax" });
    const child = spawnSync(process.execPath, ["--import", "tsx", "test/support/claim-and-die.ts", JSON.stringify(d.target), "1000"], { encoding: "utf8", timeout: 60_000 });
    expect(child.signal).toBe("SIGKILL");
    const claimed = JSON.parse(child.stdout.trim()) as { submissionId: string };
    expect(claimed.submissionId).toMatch(onPg ? /^regrade:/ : /./);
    expect((await regradeReportAs(d.db, p.owner.id, cohortId, run.runId)).done).toBe(0);
    // A new process (the restarted server) with a fresh worker: the durable run and its jobs are all it needs.
    const w = await worker();
    try {
      const report = await until("the run after the crash", async () => {
        const r = await regradeReportAs(d.db, p.owner.id, cohortId, run.runId);
        return r.finishedAt !== null && r;
      });
      expect(report).toMatchObject({ done: run.total, total: run.total, errors: 0 });
      const subs = await d.db.submission.findMany({ where: { userId: { in: [p.student.id, p.student2.id] } } });
      expect(subs.every((s) => s.contentHash === "v4")).toBe(true);
      expect(await d.db.regradeRun.count({ where: { activeKey: { not: null } } })).toBe(0);
    } finally {
      await w.stop();
    }
  });

  it("does not starve live submissions: a learner's submission is graded while a slow regrade still runs", async () => {
    // Eight more slow submissions to regrade (graded under the old content as they are).
    for (let i = 0; i < 4; i++) {
      await gradedUnderOldContent(p.student.id, `// slow ${i}\n${reference}`, 1);
      await gradedUnderOldContent(p.student2.id, `// slow ${i}\n${reference}`, 1);
    }
    await d.db.exercise.update({ where: { id: "softmax" }, data: { contentHash: "v5" } });
    const live = await signUp(d.db, { email: `live-${provider}@example.org`, displayName: "Live", password: "correct horse battery" });
    const grader = slowing(pool, 700);
    const w = await worker(grader, 2);
    try {
      const run = await startRegradeAs(d.db, p.owner.id, cohortId, { exerciseId: "softmax" });
      w.wake();
      await until("the first regraded submission", async () => (await regradeReportAs(d.db, p.owner.id, cohortId, run.runId)).done >= 1);
      const view = await submitForGrading(d.db, w, live.id, { exerciseId: "softmax", code: `// live\n${reference}`, clientSubmissionId: cid() }, { limit: 100, windowMs: 60_000 }, 15_000);
      expect(view).toMatchObject({ status: "GRADED", score: 1 });
      const during = await regradeReportAs(d.db, p.owner.id, cohortId, run.runId);
      expect(during.done).toBeLessThan(during.total);
      await until("the run", async () => (await regradeReportAs(d.db, p.owner.id, cohortId, run.runId)).finishedAt !== null, 60_000);
    } finally {
      await w.stop();
    }
  });

  it("refuses students and other cohorts' instructors (403) and changes nothing; co-instructors and admins may", async () => {
    const runs = await d.db.regradeRun.count();
    const [run] = await d.db.regradeRun.findMany({ where: { cohortId }, take: 1 });
    for (const actor of [p.student.id, p.other.id]) {
      expect(await statusOf(startRegradeAs(d.db, actor, cohortId, { exerciseId: "softmax" }))).toBe(403);
      expect(await statusOf(regradeOverviewAs(d.db, actor, cohortId))).toBe(403);
      expect(await statusOf(regradeReportAs(d.db, actor, cohortId, run!.id))).toBe(403);
    }
    expect(await statusOf(startRegradeAs(d.db, undefined, cohortId, { exerciseId: "softmax" }))).toBe(401);
    expect(await d.db.regradeRun.count()).toBe(runs);
    // Another cohort's run is not reachable through this cohort (its own instructor gets 404 here).
    expect(await statusOf(regradeReportAs(d.db, p.other.id, otherCohortId, run!.id))).toBe(404);
    await expect(regradeOverviewAs(d.db, p.admin.id, cohortId)).resolves.toBeTruthy();
    await expect(regradeReportAs(d.db, p.co.id, cohortId, run!.id)).resolves.toBeTruthy();
    expect(await statusOf(startRegradeAs(d.db, p.owner.id, otherCohortId, { exerciseId: "softmax" }))).toBe(403);
  });
});
