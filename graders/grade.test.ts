import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadExercise } from "./exercise/load";
import { gradeJob, type SandboxRunner } from "./grade";
import { prepareCases } from "./judge/prepare";
import { createGraderPool, type GraderPool } from "./supervisor/pool";
import type { Verdict } from "./verdict";

/** These tests run learner code in the real sandbox: a supervised grader child process with isolated-vm. */
const root = path.resolve(__dirname, "test/fixtures/exercises");
const brokenRoot = path.resolve(__dirname, "test/fixtures/broken-exercises");
const source = (rel: string) => readFileSync(path.join(root, "fixture", rel), "utf8");

let pool: GraderPool;
let runner: SandboxRunner;
beforeAll(async () => {
  pool = createGraderPool({ size: 1, log: () => {} });
  await pool.ready();
  runner = (job) => pool.runSandbox(job);
});
afterAll(async () => {
  await pool?.close();
});

const grade = (code: string, exerciseId = "fx-softmax", seed = 7, contentRoot = root): Promise<Verdict> =>
  gradeJob({ exerciseId, code, seed, scope: "submit" }, runner, { contentRoot });
const firstFailure = (v: Verdict) => v.cases.find((c) => c.status !== "passed");
const zeros = "export function softmax(z: number[]): number[] { return z.map(() => 0); }";

describe("gradeJob in the real sandbox", () => {
  it("passes the reference, fails the starter, and reproduces a verdict from its seed", async () => {
    const ref = await grade(source("fx-softmax/reference.ts"));
    expect(ref.status).toBe("passed");
    expect(ref.score).toBe(1);
    expect(ref.cases.filter((c) => c.visibility === "hidden").map((c) => c.name)).toEqual(["random", "random", "random", "large logits", "large logits"]);
    const starter = await grade(source("fx-softmax/starter.ts"));
    expect(starter.status).toBe("failed");
    expect(starter.score).toBe(0);
    const strip = (v: Verdict) => JSON.stringify({ ...v, timings: 0, cases: v.cases.map((c) => ({ ...c, ms: 0 })) });
    const again = await grade(source("fx-softmax/starter.ts"));
    expect(strip(again)).toBe(strip(starter));
    const ex = loadExercise("fx-softmax", root);
    expect(JSON.stringify(prepareCases(ex, 1, "submit"))).not.toBe(JSON.stringify(prepareCases(ex, 2, "submit")));
    expect(JSON.stringify(prepareCases(ex, 1, "submit"))).toBe(JSON.stringify(prepareCases(ex, 1, "submit")));
  });

  it("shows hidden cases by class and verdict, never their data", async () => {
    const v = await grade(source("fx-softmax/mutants/no-max-shift.ts"));
    const hidden = v.cases.filter((c) => c.visibility === "hidden" && c.status !== "passed");
    expect(hidden.map((c) => c.name)).toEqual(["large logits", "large logits"]);
    for (const c of hidden) {
      expect(c.kind).toBe("non-finite");
      expect(c.message.en).toContain("NaN at [0]");
      expect(c.message.en).toContain("subtract max(z) first");
      expect(c.details?.input).toBeUndefined();
      expect(c.details?.expected).toBeUndefined();
      expect(c.details?.got).toBeUndefined();
      expect(JSON.stringify(c)).not.toMatch(/100[0-7]/);
    }
  });

  describe("nothing the learner does inside the isolate changes the verdict", () => {
    it.each([
      ["overrides Math.abs and returns zeros", "Math.abs = () => 0;\n" + zeros],
      ["overrides Array.prototype.map", "(Array.prototype as any).map = function () { return [1, 0, 0]; };\n" + zeros],
      ["overrides JSON.stringify and JSON.parse", "(JSON as any).stringify = () => '[0.09003057317038046,0.24472847105479764,0.6652409557748219]'; (JSON as any).parse = () => [0.09003057317038046, 0.24472847105479764, 0.6652409557748219];\n" + zeros],
      ["pollutes Object.prototype", "(Object.prototype as any).length = 3; (Object.prototype as any).toJSON = () => [1];\n" + zeros],
      ["overrides Number.isFinite and Object.is", "Number.isFinite = () => true; Object.is = () => true;\nexport function softmax(z: number[]): number[] { return z.map(() => NaN); }"],
    ])("a submission that %s fails", async (_what, code) => {
      const v = await grade(code);
      expect(v.status).toBe("failed");
      expect(v.score).toBe(0);
    });

    it("a getter that throws is the learner's runtime error", async () => {
      const v = await grade("export function softmax(z: number[]) { const o: number[] = []; Object.defineProperty(o, 0, { get() { throw new Error('gotcha'); }, enumerable: true }); o.length = z.length; return o; }");
      expect(v.status).toBe("failed");
      expect(firstFailure(v)?.kind).not.toBeUndefined();
    });

    it("a Proxy is judged by the data it copies out, or refused", async () => {
      const v = await grade("export function softmax(z: number[]) { return new Proxy([0.09003057317038046, 0.24472847105479764, 0.6652409557748219], { get: (t, k) => (k === 'length' ? 3 : 0.5) }); }");
      expect(v.status).toBe("failed");
    });

    it("a thrown object whose toString loops ends as the learner's error, not a hung grader", async () => {
      const v = await grade("export function softmax(z: number[]) { throw { toString() { for (;;) {} } }; }");
      expect(v.status).toBe("failed");
      expect(firstFailure(v)?.kind).toBe("runtime-error");
    });

    it("a returned Promise is explained", async () => {
      const v = await grade("export async function softmax(z: number[]) { return z; }");
      expect(firstFailure(v)?.message.en).toContain("must return its result synchronously");
    });
  });

  describe("bad input", () => {
    it("a missing export or an export of the wrong type", async () => {
      const missing = await grade("export function softMax(z: number[]) { return z; }");
      expect(missing.status).toBe("failed");
      expect(missing.message?.en).toContain("softmax is not a function");
      expect(missing.message?.ja).toContain("softmax");
      const wrongType = await grade("export const softmax = [1, 2, 3];");
      expect(wrongType.message?.en).toContain("softmax is not a function");
    });

    it("a string, a nested array of the wrong depth, a typed array", async () => {
      expect(firstFailure(await grade("export function softmax(z: number[]) { return String(z); }"))?.message.en).toContain("expected number[] (length 3), got a string");
      expect(firstFailure(await grade("export function softmax(z: number[]) { return [z]; }"))?.message.en).toContain("expected length 3 (number[]), got 1×3 (number[][])");
      expect(firstFailure(await grade("export function softmax(z: number[]) { return Float64Array.from(z); }"))?.message.en).toBe(
        "returned a Float64Array; the signature says number[]: return Array.from(…) instead.",
      );
    });

    it.each([
      ["a BigInt", "return z.map((x) => BigInt(Math.round(x)));", "got a bigint"],
      ["a Map", "return new Map(z.map((x, i) => [i, x]));", "an instance of Map"],
      ["a Set", "return new Set(z);", "an instance of Set"],
      ["a Date", "return new Date(0);", "Date"],
      ["an Error", "return new Error('oops');", "Error"],
      ["a sparse array", "const a: number[] = []; a[z.length - 1] = 1; return a;", "expected a number, got undefined"],
      ["an object with numeric keys", "return { 0: 1, 1: 0, 2: 0, length: 3 };", "got an object"],
    ])("an exotic output (%s) is refused in words, by the sandbox's copy-out or by the judge", async (_what, body, words) => {
      const v = await grade(`export function softmax(z: number[]): any {\n  ${body}\n}`);
      expect(v.status).toBe("failed");
      expect(firstFailure(v)?.kind).toBe("type");
      expect(firstFailure(v)?.message.en).toContain(words);
    });

    it("an output over the size limit", async () => {
      const v = await grade("export function softmax(z: number[]) { return new Array(2_000_000).fill(0.5); }");
      expect(firstFailure(v)?.kind).toBe("output-too-large");
    });

    it("a solution that mutates its input arrays gets fresh copies for every case", async () => {
      const v = await grade("export function softmax(z: number[]): number[] { const m = Math.max(...z); for (let i = 0; i < z.length; i++) z[i] = Math.exp(z[i]! - m); const s = z.reduce((a, b) => a + b, 0); for (let i = 0; i < z.length; i++) z[i] = z[i]! / s; return z; }");
      expect(v.status).toBe("passed");
    });

    it("compile errors and runtime errors point into the learner's own source", async () => {
      const compile = await grade("export function softmax(z: number[]) {\n  return z.map((x) => );\n}");
      expect(compile.compileError?.position?.line).toBe(2);
      expect(compile.cases.every((c) => c.status === "failed")).toBe(true);
      const thrown = await grade("export function softmax(z: number[]): number[] {\n  const n = z.length;\n  throw new Error(`boom ${n}`);\n}");
      expect(firstFailure(thrown)?.details?.position?.line).toBe(3);
      expect(firstFailure(thrown)?.message.en).toContain("(line 3");
    });

    it("an import of ./reference fails with a clear message", async () => {
      const v = await grade('import { softmax as s } from "./reference";\nexport const softmax = s;');
      expect(v.status).toBe("failed");
      expect(v.message?.en).toMatch(/Cannot import "\.\/reference"|may import only from "linalg"/);
    });

    it("a memory bomb ends at the memory limit and says so", async () => {
      const v = await grade("export function softmax(z: number[]): number[] { const keep: number[][] = []; for (;;) keep.push(new Array(1e6).fill(1)); }");
      expect(v.status).toBe("failed");
      const text = `${v.message?.en ?? ""} ${firstFailure(v)?.message.en ?? ""}`;
      expect(text).toContain("memory limit");
    });

    it("an endless loop ends at the time limit and says so", async () => {
      const v = await grade("export function softmax(z: number[]): number[] { for (;;) {} }");
      expect(v.status).toBe("failed");
      expect(firstFailure(v)?.kind).toBe("timeout");
      expect(firstFailure(v)?.message.en).toContain("time limit");
    });
  });

  describe("modes on fixture exercises", () => {
    it("gradcheck reports a relative error per parameter", async () => {
      expect((await grade(source("fx-lsq-grad/reference.ts"), "fx-lsq-grad")).status).toBe("passed");
      const v = await grade(source("fx-lsq-grad/mutants/factor-two.ts"), "fx-lsq-grad");
      const c = firstFailure(v)!;
      expect(c.kind).toBe("gradient");
      expect(c.message.en).toContain("relative error");
      expect(c.message.en).toContain("in dtheta");
      expect(c.details?.gradcheck?.[0]).toMatchObject({ param: "dtheta", band: "fail" });
    });

    it("behavioral mode drives the learner's API through the exercise's driver and counts calls", async () => {
      expect((await grade(source("fx-derivative/reference.ts"), "fx-derivative")).status).toBe("passed");
      const v = await grade(source("fx-derivative/mutants/three-calls.ts"), "fx-derivative");
      expect(firstFailure(v)?.message.en).toContain("calls differs");
      expect(firstFailure(v)?.message.en).toContain("evaluated 3 times");
    });
  });

  describe("platform faults are ERROR verdicts, never the learner's fault", () => {
    it("an unknown exercise", async () => {
      const v = await grade(zeros, "no-such-exercise");
      expect(v.status).toBe("error");
      expect(v.message?.en).toContain('there is no exercise "no-such-exercise"');
      expect(v.message?.en).toContain("not your code");
    });

    it("a reference that throws on a hidden case", async () => {
      const v = await grade("export function ident(x: number[]) { return x; }", "fx-ref-throws", 1, brokenRoot);
      expect(v.status).toBe("error");
      expect(v.message?.en).toContain("the reference solution threw");
      expect(v.message?.en).not.toContain(brokenRoot);
    });

    it("a check hook that throws", async () => {
      const v = await grade("export function ident(x: number[]) { return x; }", "fx-hook-throws", 1, brokenRoot);
      expect(v.status).toBe("error");
      expect(v.message?.en).toContain("check bug");
    });

    it("a runner that fails", async () => {
      const v = await gradeJob({ exerciseId: "fx-softmax", code: zeros, seed: 1, scope: "submit" }, () => Promise.reject(new Error("child died")), { contentRoot: root });
      expect(v.status).toBe("error");
      expect(v.message?.en).toContain("the sandbox failed: child died");
    });
  });
});
