/**
 * The supervisor with real grader children and the real judge: grading end to end, deadlines that kill and
 * replace a child, deaths that lose no queued submission, platform faults as ERROR verdicts, shutdown.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GradeJob } from "../grade-job";
import type { SandboxJob } from "../sandbox/types";
import { createGraderPool, type GraderPool } from "./pool";

const SOFTMAX_DIR = path.join(process.cwd(), "exercises/softmax/softmax");
const reference = readFileSync(path.join(SOFTMAX_DIR, "reference.ts"), "utf8");
const starter = readFileSync(path.join(SOFTMAX_DIR, "starter.ts"), "utf8");
const hostile = (name: string) => readFileSync(path.join(process.cwd(), "graders/test/fixtures/hostile", name), "utf8");

const submit = (code: string, seed = 7): GradeJob => ({ exerciseId: "softmax", code, seed, scope: "submit" });

describe("grading through the pool", () => {
  let pool: GraderPool;
  beforeAll(async () => {
    pool = createGraderPool({ size: 1, log: () => undefined });
    await pool.ready();
  });
  afterAll(async () => {
    await pool.close();
  });

  it("passes the reference and fails the starter, with the exercise's content hash", async () => {
    const good = await pool.grade(submit(reference));
    expect(good.status).toBe("passed");
    expect(good.score).toBe(1);
    expect(good.cases.length).toBeGreaterThan(3);
    expect(good.contentHash).toMatch(/^[0-9a-f]{64}$/);
    const bad = await pool.grade(submit(starter));
    expect(bad.status).toBe("failed");
    expect(bad.score).toBeLessThan(1);
  });

  it("a memory bomb fails with score 0 and the next submission is graded normally", async () => {
    const v = await pool.grade(submit(hostile("huge-string-split.ts")));
    expect(v.status).toBe("failed");
    expect(v.score).toBe(0);
    if (v.cases.length === 0) {
      // V8 ended the grader (SIGTRAP): the supervisor's whole-run verdict.
      // The RSS watchdog may stop the process before V8 gives up: either way a memory limit, named.
      expect(v.message?.en).toMatch(/memory limit of 64 MB|Memory limit exceeded/);
      expect(v.message?.ja).toContain("メモリ制限");
    } else {
      // The split ran past the host timer first: the isolate was disposed and the judge reports the case.
      expect(["memory", "timeout"]).toContain(v.cases[0]?.kind);
    }
    expect((await pool.grade(submit(reference))).status).toBe("passed");
  });

  it("an infinite loop is judged case by case as a timeout", async () => {
    const v = await pool.grade(submit(hostile("infinite-loop-in-function.ts")));
    expect(v.status).toBe("failed");
    expect(v.cases[0]?.kind).toBe("timeout");
    expect(v.cases[0]?.message.en).toContain("2000 ms");
  });

  it("a platform fault is an ERROR verdict, never a rejection: unknown exercise, invalid request", async () => {
    const unknown = await pool.grade({ exerciseId: "no-such-exercise", code: reference, seed: 1, scope: "submit" });
    expect(unknown.status).toBe("error");
    expect(unknown.message?.en).toContain('there is no exercise "no-such-exercise"');
    const invalid = await pool.grade({ exerciseId: "../etc", code: reference, seed: -1, scope: "submit" } as GradeJob);
    expect(invalid.status).toBe("error");
    expect(invalid.message?.en).toContain("the grade request is invalid");
  });
});

describe("deaths and deadlines lose no other submission", () => {
  it("a killer among queued submissions on one grader: every other submission is graded", async () => {
    const pool = createGraderPool({ size: 1, log: () => undefined });
    try {
      await pool.ready();
      const jobs = [reference, reference, hostile("huge-string-split.ts"), reference, hostile("array-5e7-fill.ts"), reference, reference];
      const verdicts = await Promise.all(jobs.map((code, i) => pool.grade(submit(code, i + 1))));
      expect(verdicts.map((v) => v.status)).toEqual(["passed", "passed", "failed", "passed", "failed", "passed", "passed"]);
      expect(verdicts.map((v) => v.seed)).toEqual([1, 2, 3, 4, 5, 6, 7]);
      const s = pool.stats();
      expect(s.killed + s.recycled).toBeGreaterThanOrEqual(2);
      expect(s.queued).toBe(0);
    } finally {
      await pool.close();
    }
  });

  it("a grader that misses its deadline is SIGKILLed and replaced; the learner is told the whole run ran out of time", async () => {
    // maxRunMs caps the deadline below the job's own time limit, so the supervisor (not isolated-vm) must act.
    const pool = createGraderPool({ size: 1, maxRunMs: 700, log: () => undefined });
    try {
      await pool.ready();
      const job: SandboxJob = {
        code: hostile("infinite-loop-in-function.ts"),
        exports: ["softmax"],
        helpers: [],
        calls: [{ call: "softmax", args: [[1, 2, 3]] }],
        limits: { timeoutMs: 5_000, memoryMb: 64 },
      };
      const t0 = Date.now();
      const r = await pool.runSandbox(job);
      const ms = Date.now() - t0;
      expect(r).toMatchObject({ stage: "load", error: { kind: "timeout", message: expect.stringContaining("The whole run exceeded its time limit (0.7 s)") } });
      expect(ms).toBeGreaterThanOrEqual(690);
      expect(ms).toBeLessThan(4_000);
      expect(pool.stats().killed).toBe(1);
      const after = await pool.grade(submit(reference));
      expect(after.status).toBe("passed");
      expect(pool.stats().spawned).toBe(2);

      // The same through the judge: a failed verdict that names the content and the seed, in both languages.
      const v = await pool.grade(submit(hostile("infinite-loop-in-function.ts"), 11));
      expect(v).toMatchObject({ status: "failed", score: 0, exerciseId: "softmax", contentHash: after.contentHash, seed: 11, cases: [] });
      expect(v.message?.en).toContain("The whole run exceeded its time limit (0.7 s)");
      expect(v.message?.en).toContain("infinite loop");
      expect(v.message?.ja).toContain("実行全体が制限時間（0.7 秒）を超えた");
      expect(pool.stats().killed).toBe(2);
    } finally {
      await pool.close();
    }
  });
});

describe("platform faults", () => {
  it("a judge that hangs outside learner code is killed at the host ceiling and reported as an ERROR, not the learner's", async () => {
    // A copy of the softmax exercise whose hidden-case generator never returns, in a content root outside the app.
    const root = mkdtempSync(path.join(os.tmpdir(), "ml-dojo-hang-"));
    try {
      cpSync(path.join(process.cwd(), "exercises/softmax/topic.json"), path.join(root, "softmax/topic.json"));
      cpSync(SOFTMAX_DIR, path.join(root, "softmax/softmax"), { recursive: true });
      const casesFile = path.join(root, "softmax/softmax/cases.ts");
      const content = path.join(process.cwd(), "graders/content");
      writeFileSync(
        casesFile,
        readFileSync(casesFile, "utf8")
          .replaceAll("../../../graders/content", content)
          .replace("hidden: [", "hidden: [{ name: \"hang\", labelJa: \"停止\", count: 1, generate: () => { for (;;) {} } },"),
      );
      const pool = createGraderPool({ size: 1, exercisesDir: root, hostCeilingMs: 1_500, log: () => undefined });
      try {
        await pool.ready();
        const v = await pool.grade(submit(reference));
        expect(v.status).toBe("error");
        expect(v.message?.en).toContain("did not finish preparing or judging within 2 s");
        expect(pool.stats().killed).toBe(1);
        // "run" has no hidden cases, so the same exercise still grades: the replacement child works.
        const run = await pool.grade({ exerciseId: "softmax", code: reference, seed: 1, scope: "run" });
        expect(run.status).toBe("passed");
      } finally {
        await pool.close();
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it("a worker that cannot be built answers every submission with an ERROR verdict instead of waiting forever", async () => {
    const empty = mkdtempSync(path.join(os.tmpdir(), "ml-dojo-empty-"));
    const pool = createGraderPool({ size: 1, appDir: empty, log: () => undefined });
    try {
      await expect(pool.ready()).rejects.toThrow(/could not be built/);
      const v = await pool.grade(submit(reference));
      expect(v.status).toBe("error");
      expect(v.message?.en).toContain("could not be built");
    } finally {
      await pool.close();
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe("shutdown", () => {
  it("close() answers running and queued submissions with ERROR verdicts and ends every child", async () => {
    const pool = createGraderPool({ size: 1, log: () => undefined });
    await pool.ready();
    const running = pool.grade(submit(hostile("infinite-loop-in-function.ts")));
    const queued = pool.grade(submit(reference));
    await new Promise((r) => setTimeout(r, 200));
    await pool.close();
    const [a, b] = await Promise.all([running, queued]);
    expect(a.status).toBe("error");
    expect(b.status).toBe("error");
    expect(b.message?.en).toContain("shut down");
    expect(pool.stats().ready).toBe(0);
    const late = await pool.grade(submit(reference));
    expect(late.status).toBe("error");
  });
});
