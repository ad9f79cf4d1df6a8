/**
 * Findings of the sandbox-hardening issue, each reproduced through real grader children: memory outside the
 * isolate's heap, work one submission leaves for the next, and learner-caused failures that must be the learner's
 * (a `failed` verdict, CLI exit 1), never the platform's (`error`, exit 3).
 */
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SandboxJob } from "../sandbox/types";
import { createGraderPool, type GraderPool } from "./pool";

const repo = path.resolve(__dirname, "../..");
const FIXTURES = path.join(repo, "graders/test/fixtures/hostile");
const EXERCISES = path.join(repo, "graders/test/fixtures/exercises");

const GOOD = `export function softmax(z: number[]): number[] {
  const m = Math.max(...z);
  const e = z.map((x) => Math.exp(x - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / s);
}
`;

function fixture(name: string): string {
  return readFileSync(path.join(FIXTURES, name), "utf8");
}

/** Resident memory of a process in MB, from /proc (what the kernel charges it). */
export function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) / 1024 : 0;
}

/** Generous time, so that a memory path is limited by memory, not by the clock (touching 1.4 GB takes ~2 s). */
function job(code: string): SandboxJob {
  return {
    code,
    exports: ["softmax"],
    helpers: [],
    calls: [{ call: "softmax", args: [[1, 2, 3]] }, { call: "softmax", args: [[1, 2, 3]] }],
    limits: { timeoutMs: 5_000, memoryMb: 64 },
  };
}

let pool: GraderPool;

beforeAll(async () => {
  pool = createGraderPool({ size: 1, exercisesDir: EXERCISES, log: () => undefined });
  await pool.ready();
});

afterAll(async () => {
  await pool.close();
});

describe("every byte a guest can make is bounded", () => {
  // Before: each of these passed (score 1) and left the child at 1.0–1.8 GB of RSS, kept into the next job.
  for (const name of ["resizable-buffer.ts", "growable-buffer.ts", "intl-retention.ts", "plain-buffers.ts"]) {
    it(`${name}: does not pass, and the child stays small during and after`, async () => {
      const r = await pool.runSandbox(job(fixture(name)));
      expect(r.stage === "ran" && r.calls.every((c) => c.ok)).toBe(false);
      for (const pid of pool.pids()) expect(rssMb(pid)).toBeLessThan(256);
      const next = await pool.runSandbox(job(GOOD));
      expect(next.stage === "ran" && next.calls.every((c) => c.ok)).toBe(true);
      for (const pid of pool.pids()) expect(rssMb(pid)).toBeLessThan(256);
    });
  }
});

describe("nothing crosses from one submission to the next", () => {
  it("a FinalizationRegistry poisoner, then three correct submissions on the same grader: all three pass", async () => {
    const poison = await pool.grade({ exerciseId: "fx-softmax", code: fixture("finalization-poison.ts"), seed: 1, scope: "submit" });
    expect(poison.status).not.toBe("error");
    for (let i = 0; i < 3; i++) {
      const t0 = Date.now();
      const v = await pool.grade({ exerciseId: "fx-softmax", code: GOOD, seed: 2 + i, scope: "submit" });
      expect(v.status, JSON.stringify(v.message)).toBe("passed");
      expect(v.score).toBe(1);
      expect(Date.now() - t0).toBeLessThan(3_000);
    }
  });

  it("WeakRef and FinalizationRegistry are not reachable from learner code", async () => {
    const code = `export function softmax(z: number[]): any {
  return [typeof (globalThis as any).WeakRef, typeof (globalThis as any).FinalizationRegistry, typeof (globalThis as any).Intl];
}`;
    const r = await pool.runSandbox(job(code));
    expect(r.stage === "ran" && r.calls[0]).toMatchObject({ ok: true, value: ["undefined", "undefined", "undefined"] });
  });

  it("the ArrayBuffer constructor makes fixed-length buffers, also when reached through a prototype", async () => {
    const code = `export function softmax(z: number[]): any {
  const AB = Object.getPrototypeOf(new Uint8Array(1).buffer).constructor;
  const b = new AB(8, { maxByteLength: 1 << 30 });
  const c = new ArrayBuffer(8, { maxByteLength: 1 << 30 });
  return [b.resizable, c.resizable, typeof (b as any).resize, AB === ArrayBuffer, b.byteLength];
}`;
    const r = await pool.runSandbox(job(code));
    expect(r.stage === "ran" && r.calls[0]).toMatchObject({ ok: true, value: [false, false, "undefined", true, 8] });
  });
});

/** Every hostile sample, graded as a real submission: none may be reported as the platform's fault. */
describe("learner-caused failures are the learner's", () => {
  const samples = readdirSync(FIXTURES).filter((f) => f.endsWith(".ts") || f.endsWith(".ts.txt")).sort();

  it("there are hostile samples to map", () => {
    expect(samples.length).toBeGreaterThan(40);
  });

  for (const name of samples) {
    it(`${name} → a learner verdict (passed or failed), never error`, async () => {
      const v = await pool.grade({ exerciseId: "fx-softmax", code: fixture(name), seed: 7, scope: "submit" });
      expect(["passed", "failed"], `${name}: ${v.status}: ${v.message?.en}`).toContain(v.status);
      // The learner's own text never appears in a platform message (there is none).
      expect(v.message?.en ?? "").not.toMatch(/grader itself failed/);
    }, 60_000);
  }
});

describe("npm run grade exits 1, never 3, for learner-caused failures", () => {
  const tsx = path.join(repo, "node_modules/.bin/tsx");
  for (const name of ["throwing-iterator.ts", "function-import.ts", "await-import-in-call.ts", "throwing-export-getter.ts", "tampered-number.ts"]) {
    it(name, () => {
      const r = spawnSync(tsx, [path.join(repo, "graders/cli/grade.ts"), "fx-softmax", path.join(FIXTURES, name)], {
        cwd: repo,
        env: { ...process.env, ML_DOJO_EXERCISES_DIR: EXERCISES, NO_COLOR: "1" },
        encoding: "utf8",
        timeout: 120_000,
      });
      expect(r.status, r.stdout + r.stderr).toBe(1);
      expect(r.stdout).not.toContain("grader itself failed");
    }, 130_000);
  }
});

describe("hidden cases reveal nothing", () => {
  it("the console shows what visible cases printed, and nothing of the hidden cases", async () => {
    const code = `export function softmax(z: number[]): number[] {
  console.log("input", z);
  const m = Math.max(...z);
  const e = z.map((x) => Math.exp(x - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / s);
}
`;
    const v = await pool.grade({ exerciseId: "fx-softmax", code, seed: 5, scope: "submit" });
    expect(v.status).toBe("passed");
    expect(v.cases.some((c) => c.visibility === "hidden")).toBe(true);
    const lines = v.console.text.trim().split("\n");
    // Three visible cases print their inputs; the hidden ones (random, large logits ≥ 1000) print nothing.
    expect(lines.filter((l) => l.startsWith("input"))).toEqual(["input [1, 2, 3]", "input [0, 0]", "input [-1, -2, -3, -4]"]);
    expect(v.console.text).toContain("console output of hidden cases is not shown");
    expect(v.console.text).not.toMatch(/100\d/);
  });

  it("output deferred to a promise callback or a later call is muted too", async () => {
    const code = `let seen: number[][] = [];
export function softmax(z: number[]): number[] {
  seen.push(z);
  Promise.resolve().then(() => console.log("late", z));
  if (seen.length > 3) console.log("earlier", seen);
  return z.map(() => 1 / z.length);
}
`;
    const v = await pool.grade({ exerciseId: "fx-softmax", code, seed: 5, scope: "submit" });
    expect(v.status).toBe("failed");
    expect(v.console.text).not.toMatch(/100\d/);
    expect(v.console.text).not.toContain("earlier");
  });
});
