import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadExercise } from "../graders/exercise/load";
import type { GradeJob } from "../graders/grade-job";
import { createGraderPool, type GraderPool } from "../graders/supervisor/pool";
import type { Verdict } from "../graders/verdict";
import { createDb, type Db } from "../app/_server/db/client";
import type { Grader } from "../app/_server/grading/grader";
import { queueHealth } from "../app/_server/grading/health";
import { claimJob, queueFigures } from "../app/_server/grading/jobs";
import { submitForGrading } from "../app/_server/grading/submit";
import { createGradingWorker, type GradingWorker } from "../app/_server/grading/worker";
import { createSubmission } from "../app/_server/submissions";
import { signUp } from "../app/_server/users";
import { migratedDatabase, PROVIDERS, type MigratedDatabase } from "./support/databases";
import { ageEngineJob, engineJob, lockNextJobAs } from "./support/engine-jobs";
import { until } from "./support/until";

const softmax = loadExercise("softmax");
const reference = readFileSync(path.join(softmax.dir, "reference.ts"), "utf8");
const RULE = { limit: 1000, windowMs: 60_000 };
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
const cid = () => `queue-${Date.now()}-${n++}`;


/** A grader that records which jobs ran at the same time (the learner is tagged in the code). */
function watching(inner: Grader, delayFor: (job: GradeJob) => number = () => 0): Grader & { maxPerLearner: number; runs: Map<string, number> } {
  const running = new Map<string, number>();
  const g = {
    maxPerLearner: 0,
    runs: new Map<string, number>(),
    async grade(job: GradeJob): Promise<Verdict> {
      const learner = /learner:(\S+)/.exec(job.code)?.[1] ?? "?";
      running.set(learner, (running.get(learner) ?? 0) + 1);
      g.maxPerLearner = Math.max(g.maxPerLearner, running.get(learner)!);
      try {
        const delay = delayFor(job);
        if (delay > 0) await new Promise((r) => setTimeout(r, delay));
        return await inner.grade(job);
      } finally {
        running.set(learner, running.get(learner)! - 1);
        g.runs.set(job.code, (g.runs.get(job.code) ?? 0) + 1);
      }
    },
  };
  return g;
}

describe.each(PROVIDERS)("grading queue on %s", (provider) => {
  let d: MigratedDatabase;
  beforeAll(async () => {
    d = await migratedDatabase(provider);
    await d.db.topic.create({ data: { id: "softmax", order: 1, titleEn: "Softmax", titleJa: "ソフトマックス", introEn: "i", introJa: "i", contentHash: "t" } });
    await d.db.exercise.create({
      data: { id: "softmax", topicId: "softmax", order: 1, titleEn: "Softmax", titleJa: "ソフトマックス", difficulty: 1, mode: "allclose", contentHash: softmax.contentHash },
    });
  });
  afterAll(async () => {
    await d.drop();
  });

  const onPg = provider === "postgresql";
  const learner = (tag: string) => signUp(d.db, { email: `${tag}-${provider}-${n++}@example.org`, displayName: tag, password: "correct horse battery" });
  const submit = async (userId: string, tag = userId) =>
    (await createSubmission(d.db, userId, { exerciseId: "softmax", code: `// learner:${tag}\n${reference}`, clientSubmissionId: cid() })).submission;

  it("grades a job whose grader process claimed it and died, once its lease runs out, with no restart", async () => {
    const user = await learner("crash");
    const s = await submit(user.id);
    const child = spawnSync(process.execPath, ["--import", "tsx", "test/support/claim-and-die.ts", JSON.stringify(d.target), "1000"], { encoding: "utf8", timeout: 60_000 });
    expect(child.signal).toBe("SIGKILL");
    expect(JSON.parse(child.stdout.trim())).toMatchObject({ submissionId: s.id, attempts: 1 });
    if (onPg) expect((await engineJob(d.db, s.id))?.lockedBy).toBeTruthy();
    else expect(await d.db.gradingJob.findUniqueOrThrow({ where: { submissionId: s.id } })).toMatchObject({ state: "RUNNING" });

    const worker = createGradingWorker({ db: d.db, grader: pool, slots: 1, leaseMs: 1000, pollMs: 100, log: quiet });
    await worker.start();
    try {
      const graded = await until("the verdict", async () => {
        const row = await d.db.submission.findUniqueOrThrow({ where: { id: s.id } });
        return row.status === "GRADED" && row;
      });
      expect(graded.score).toBe(1);
      expect(graded.gradeAttempts).toBe(2);
      // The engine deletes the job just after the task returned (the verdict is stored first).
      if (onPg) await until("the job's completion", async () => (await engineJob(d.db, s.id)) === null);
      else expect(await d.db.gradingJob.count({ where: { submissionId: s.id } })).toBe(0);
      const progress = await d.db.exerciseProgress.findUniqueOrThrow({ where: { userId_exerciseId: { userId: user.id, exerciseId: "softmax" } } });
      expect(progress.attempts).toBe(1);
    } finally {
      await worker.stop();
    }
  });

  it("lets another grader take a job whose lease ran out, and counts progress once when both finish", async () => {
    const user = await learner("lease");
    const s = await submit(user.id);
    // A hung grader: claims with a short lease and then never renews it. On PostgreSQL: an engine worker that
    // locked the job, reported once, and stopped reporting (its heartbeat goes stale, like a lease).
    if (onPg) {
      await d.db.graderWorker.create({ data: { id: "hung-grader", host: "hung", slots: 1, busy: 1, seenAt: BigInt(Date.now()) } });
      expect(await lockNextJobAs(d.db, "hung-grader")).toBe(s.id);
    } else {
      const hung = await claimJob(d.db, "hung-grader", 300);
      expect(hung?.submissionId).toBe(s.id);
      expect(await claimJob(d.db, "too-early", 300)).toBeNull();
    }

    const worker = createGradingWorker({ db: d.db, grader: pool, slots: 1, leaseMs: 1000, pollMs: 100, log: quiet });
    await worker.start();
    try {
      if (onPg) {
        // Still reporting (for twice the dead-after time): its job is not taken.
        for (let i = 0; i < 10; i++) {
          await d.db.graderWorker.update({ where: { id: "hung-grader" }, data: { seenAt: BigInt(Date.now()) } });
          await new Promise((r) => setTimeout(r, 200));
        }
        expect((await engineJob(d.db, s.id))?.lockedBy).toBe("hung-grader");
        expect((await d.db.submission.findUniqueOrThrow({ where: { id: s.id } })).status).toBe("PENDING");
      }
      await until("the verdict", async () => (await d.db.submission.findUniqueOrThrow({ where: { id: s.id } })).status === "GRADED");
      // The hung grader wakes up and reports its own verdict: it changes nothing.
      const { recordVerdict } = await import("../app/_server/submissions");
      const late = await pool.grade({ exerciseId: "softmax", code: reference, seed: 1, scope: "submit" });
      expect(await recordVerdict(d.db, s.id, late, 5, 1)).toBeNull();
      const progress = await d.db.exerciseProgress.findUniqueOrThrow({ where: { userId_exerciseId: { userId: user.id, exerciseId: "softmax" } } });
      expect(progress.attempts).toBe(1);
    } finally {
      await worker.stop();
    }
  });

  it("retries a platform ERROR with backoff up to the limit, then shows it as ERROR", async () => {
    const user = await learner("flaky");
    const s = await submit(user.id);
    let calls = 0;
    const times: number[] = [];
    const broken: Grader = {
      grade: () => {
        calls++;
        times.push(Date.now());
        return Promise.reject(new Error("grader pool is down"));
      },
    };
    const worker = createGradingWorker({ db: d.db, grader: broken, slots: 1, pollMs: 50, backoffMs: 200, maxAttempts: 3, log: quiet });
    await worker.start();
    try {
      const row = await until("the ERROR verdict", async () => {
        const r = await d.db.submission.findUniqueOrThrow({ where: { id: s.id } });
        return r.status !== "PENDING" && r;
      }, 30_000);
      expect(row.status).toBe("ERROR");
      expect(row.gradeAttempts).toBe(3);
      expect(calls).toBe(3);
      // Backoff: 200 ms, then 800 ms; on PostgreSQL the engine's own, exp(attempt) seconds.
      expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(onPg ? Math.exp(1) * 1000 : 200);
      expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(onPg ? Math.exp(2) * 1000 : 800);
      expect(await d.db.exerciseProgress.count({ where: { userId: user.id } })).toBe(0);
    } finally {
      await worker.stop();
    }
  });

  it("grades one job per learner at a time: a learner's 10 slow jobs do not delay another learner's softmax", async () => {
    const hog = await learner("hog");
    const waiting = await learner("waiting");
    const grader = watching(pool, (job) => (job.code.includes(`learner:${hog.id}`) ? 1900 : 0));
    const worker = createGradingWorker({ db: d.db, grader, slots: 2, pollMs: 100, log: quiet });
    await worker.start();
    try {
      for (let i = 0; i < 10; i++) await submitForGrading(d.db, worker, hog.id, { exerciseId: "softmax", code: `// learner:${hog.id} ${i}\n${reference}`, clientSubmissionId: cid() }, RULE, 0);
      await new Promise((r) => setTimeout(r, 300));
      const started = Date.now();
      const view = await submitForGrading(d.db, worker, waiting.id, { exerciseId: "softmax", code: `// learner:${waiting.id}\n${reference}`, clientSubmissionId: cid() }, RULE, 10_000);
      const elapsed = Date.now() - started;
      expect(view.status).toBe("GRADED");
      expect(view.score).toBe(1);
      expect(elapsed).toBeLessThan(2000);
      expect(grader.maxPerLearner).toBe(1);
      const pending = await submitForGrading(d.db, worker, hog.id, { exerciseId: "softmax", code: `// learner:${hog.id} 11\n${reference}`, clientSubmissionId: cid() }, RULE, 0);
      expect(pending.status).toBe("PENDING");
      expect(pending.queue?.state).toBe("queued");
      expect(pending.queue?.ahead).toBeGreaterThanOrEqual(1);
    } finally {
      await worker.stop();
      await d.db.submission.deleteMany({ where: { userId: hog.id, status: "PENDING" } });
    }
  });

  it("two workers on one database grade every job of many learners exactly once, one job per learner at a time", async () => {
    // On PostgreSQL the second worker has its own client, as another instance would. better-sqlite3 blocks the event
    // loop while it waits for a lock, so two SQLite connections in ONE process can deadlock each other; on SQLite the
    // two workers share the client (one machine, one process: the embedded default).
    const second: Db = provider === "postgresql" ? await createDb(d.target) : d.db;
    const grader = watching(pool);
    const workers: GradingWorker[] = [
      createGradingWorker({ db: d.db, grader, slots: 2, pollMs: 50, log: quiet }),
      createGradingWorker({ db: second, grader, slots: 2, pollMs: 50, log: quiet }),
    ];
    try {
      const users = await Promise.all(Array.from({ length: 6 }, (_, i) => learner(`many${i}`)));
      const ids: string[] = [];
      for (let round = 0; round < 4; round++) for (const u of users) ids.push((await submit(u.id, `${u.id} ${round}`)).id);
      await Promise.all(workers.map((w) => w.start()));
      expect((await queueFigures(d.db)).gradersAlive).toBeGreaterThanOrEqual(2);
      await until("every verdict", async () => (await d.db.submission.count({ where: { id: { in: ids }, status: "PENDING" } })) === 0, 60_000);
      expect(await d.db.submission.count({ where: { id: { in: ids }, status: "GRADED", score: 1 } })).toBe(ids.length);
      expect([...grader.runs.values()].every((c) => c === 1)).toBe(true);
      expect(grader.runs.size).toBe(ids.length);
      expect(grader.maxPerLearner).toBe(1);
      for (const u of users) {
        const p = await d.db.exerciseProgress.findUniqueOrThrow({ where: { userId_exerciseId: { userId: u.id, exerciseId: "softmax" } } });
        expect(p.attempts).toBe(4);
      }
      const figures = await queueFigures(d.db);
      expect(figures).toMatchObject({ queued: 0, inFlight: 0, oldestAgeMs: 0 });
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
      if (second !== d.db) await second.$disconnect();
    }
  });

  it("reports the queue for health checks: depth, oldest job's age, jobs in flight; unhealthy past the threshold", async () => {
    const user = await learner("health");
    const old = await submit(user.id);
    const fresh = await submit(user.id);
    if (onPg) {
      await ageEngineJob(d.db, old.id, 120_000);
      expect(await lockNextJobAs(d.db, "health-grader")).toBe(old.id);
    } else {
      await d.db.gradingJob.update({ where: { submissionId: old.id }, data: { createdAt: BigInt(Date.now() - 120_000) } });
      expect(await claimJob(d.db, "health-grader", 10_000)).toMatchObject({ submissionId: old.id });
    }
    const health = await queueHealth(d.db, 60_000);
    expect(health).toMatchObject({ ok: false, queued: 1, inFlight: 1 });
    expect(health.oldestAgeMs).toBeGreaterThanOrEqual(120_000);
    await d.db.submission.deleteMany({ where: { id: { in: [old.id, fresh.id] } } });
    expect(await queueHealth(d.db, 60_000)).toMatchObject({ ok: true, queued: 0, inFlight: 0, oldestAgeMs: 0 });
  });
});
