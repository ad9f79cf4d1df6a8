/**
 * Every hostile sample under graders/test/fixtures/hostile, run through real grader children (real isolates, real
 * process kills). Each test asserts the precise outcome, and the ones that can cost a process also check that the
 * pool still grades a normal submission right after.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_CONSOLE_CHARS, type CallOutcome, type RunError, type SandboxJob, type SandboxResult } from "../sandbox/types";
import { createGraderPool, type GraderPool } from "./pool";

const FIXTURES = path.join(process.cwd(), "graders/test/fixtures/hostile");
const SOFTMAX_123 = [0.09003057317038046, 0.24472847105479764, 0.6652409557748219];

const GOOD = `export function softmax(z: number[]): number[] {
  const m = Math.max(...z);
  const e = z.map((x) => Math.exp(x - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / s);
}
`;

let pool: GraderPool;

beforeAll(async () => {
  pool = createGraderPool({ size: 2, log: () => undefined });
  await pool.ready();
});

afterAll(async () => {
  await pool.close();
});

function fixture(name: string): string {
  return readFileSync(path.join(FIXTURES, name), "utf8");
}

function job(code: string, over: Partial<SandboxJob> = {}): SandboxJob {
  return {
    code,
    exports: ["softmax"],
    helpers: ["matmul"],
    calls: [{ call: "softmax", args: [[1, 2, 3]] }, { call: "softmax", args: [[1, 2, 3]] }],
    limits: { timeoutMs: 500, memoryMb: 64 },
    ...over,
  };
}

async function run(name: string, over: Partial<SandboxJob> = {}): Promise<{ r: SandboxResult; ms: number }> {
  const t0 = Date.now();
  const r = await pool.runSandbox(job(fixture(name), over));
  return { r, ms: Date.now() - t0 };
}

function calls(r: SandboxResult): CallOutcome[] {
  if (r.stage !== "ran") throw new Error(`expected the module to load and run, got stage ${r.stage}: ${JSON.stringify(r.error)}`);
  return r.calls;
}

function callError(c: CallOutcome | undefined): RunError {
  if (!c || c.ok) throw new Error(`expected a failed call, got ${JSON.stringify(c)}`);
  return c.error;
}

function loadError(r: SandboxResult): RunError {
  if (r.stage !== "load") throw new Error(`expected a load failure, got stage ${r.stage}`);
  return r.error;
}

/** The pool grades a normal submission correctly (used right after samples that can cost a process). */
async function expectHealthy(): Promise<void> {
  const r = await pool.runSandbox(job(GOOD));
  const [first] = calls(r);
  expect(first?.ok).toBe(true);
  const value = (first as { value: number[] }).value;
  value.forEach((v, i) => expect(v).toBeCloseTo(SOFTMAX_123[i]!, 14));
}

describe("infinite loops", () => {
  it("a loop at the top level stops at the time limit while loading", async () => {
    const { r, ms } = await run("infinite-loop-top-level.ts");
    const e = loadError(r);
    expect(e.kind).toBe("timeout");
    expect(e.message).toContain("time limit of 500 ms");
    expect(e.message).toContain("infinite loop");
    expect(ms).toBeLessThan(5_000);
    await expectHealthy();
  });

  it("a loop inside the function stops at the time limit and the remaining cases are not run", async () => {
    const { r } = await run("infinite-loop-in-function.ts");
    const [a, b] = calls(r);
    expect(callError(a).kind).toBe("timeout");
    expect(callError(b).kind).toBe("timeout");
    expect(callError(b).message).toMatch(/^not run/);
    await expectHealthy();
  });

  it("a sort comparator that never finishes stops at the time limit", async () => {
    const { r } = await run("sort-comparator-loop.ts");
    expect(callError(calls(r)[0]).kind).toBe("timeout");
    await expectHealthy();
  });

  it("a never-settling chain of microtasks stops at the time limit", async () => {
    const { r } = await run("endless-microtasks.ts");
    expect(loadError(r).kind).toBe("timeout");
    await expectHealthy();
  });

  it("a getter that loops in the returned value stops at the time limit (the host never runs it)", async () => {
    const { r } = await run("returns-slow-getter.ts");
    expect(callError(calls(r)[0]).kind).toBe("timeout");
    await expectHealthy();
  });
});

describe("memory bombs cost at most one grader process, never the server", () => {
  // Generous time limits, so that each bomb reaches the 64 MB limit rather than the clock.
  const slow = { limits: { timeoutMs: 8_000, memoryMb: 64 } };

  it("push forever: the isolate hits its memory limit and the grader is replaced after answering", async () => {
    const before = pool.stats();
    const { r } = await run("push-forever.ts", slow);
    const [a, b] = calls(r);
    expect(callError(a).kind).toBe("memory");
    expect(callError(a).message).toContain("memory limit of 64 MB");
    expect(callError(b).message).toMatch(/^not run/);
    expect(pool.stats().recycled).toBe(before.recycled + 1);
    await expectHealthy();
  });

  it("new Array(1e9).fill(0): V8 gives up, the grader dies, the learner gets a memory-limit result", async () => {
    const before = pool.stats();
    const { r } = await run("array-1e9-fill.ts", slow);
    const e = loadError(r);
    // V8 either aborts the process with a heap OOM after ~2-4 s (Node 20), or the child's RSS passes its ceiling
    // first and the watchdog kills it (Node 24: the backing store overshoots the isolate's limit before V8 gives up);
    // a much slower machine could hit the clock.
    expect(["memory", "timeout"]).toContain(e.kind);
    expect(pool.stats().killed + pool.stats().recycled).toBeGreaterThan(before.killed + before.recycled);
    if (e.kind === "memory") expect(e.message).toMatch(/grader process running it died|grader process went over its ceiling of \d+ MB/);
    await expectHealthy();
  });

  it("new Array(5e7).fill(0) costs one grader at most", async () => {
    const before = pool.stats();
    const { r } = await run("array-5e7-fill.ts", slow);
    expect(["memory", "timeout"]).toContain(loadError(r).kind);
    expect(pool.stats().killed + pool.stats().recycled).toBeGreaterThan(before.killed + before.recycled);
    await expectHealthy();
  });

  it("a huge string split: V8 ends the process (SIGTRAP) and the learner gets a memory-limit result", async () => {
    const before = pool.stats();
    const { r } = await run("huge-string-split.ts", slow);
    const e = loadError(r);
    expect(["memory", "timeout"]).toContain(e.kind);
    expect(pool.stats().killed + pool.stats().recycled).toBeGreaterThan(before.killed + before.recycled);
    await expectHealthy();
  });

  it("deep recursion is an ordinary error with a hint and the line of the recursive call", async () => {
    const { r } = await run("deep-recursion.ts");
    const e = callError(calls(r)[0]);
    expect(e.kind).toBe("throw");
    expect(e.message).toContain("Maximum call stack size exceeded");
    expect(e.message).toContain("check the base case");
    expect(e.position?.line).toBe(3);
  });
});

describe("asynchrony and shared memory", () => {
  it("a never-resolving promise is refused as a Promise at once", async () => {
    const { r, ms } = await run("never-resolving-promise.ts");
    const e = callError(calls(r)[0]);
    expect(e.kind).toBe("bad-output");
    expect(e.message).toContain("Promise");
    expect(ms).toBeLessThan(500);
  });

  it("an async function is refused: results must be returned synchronously", async () => {
    const { r } = await run("async-function.ts");
    expect(callError(calls(r)[0]).message).toContain("no async, no await");
  });

  it("Atomics.wait is unavailable", async () => {
    const { r } = await run("atomics-wait.ts");
    const e = callError(calls(r)[0]);
    expect(e).toMatchObject({ kind: "throw", message: "ReferenceError: Atomics is not defined", position: { line: 3, column: 3 } });
  });

  it("WebAssembly is unavailable (WebAssembly.Memory could reach past the heap limit)", async () => {
    const { r } = await run("webassembly.ts");
    expect(callError(calls(r)[0])).toMatchObject({ kind: "throw", message: "ReferenceError: WebAssembly is not defined" });
  });
});

describe("escapes", () => {
  it("process is not defined", async () => {
    const { r } = await run("escape-process.ts");
    expect(callError(calls(r)[0])).toMatchObject({ kind: "throw", message: "ReferenceError: process is not defined" });
  });

  it("import of a node module fails while loading, naming what may be imported and where", async () => {
    const { r } = await run("escape-require.ts");
    const e = loadError(r);
    expect(e.kind).toBe("throw");
    expect(e.message).toContain('Cannot import "fs": a solution may import only from "linalg" (only these helpers: matmul)');
    expect(e.position?.line).toBe(2);
  });

  it("dynamic import() is refused with the same message", async () => {
    const { r } = await run("escape-dynamic-import.ts");
    const [a] = calls(r);
    expect(a?.ok).toBe(true);
    expect((a as { value: string[] }).value[0]).toContain('Cannot import "child_process"');
  });

  it("fetch is not defined", async () => {
    const { r } = await run("escape-fetch.ts");
    expect(callError(calls(r)[0])).toMatchObject({ kind: "throw", message: "ReferenceError: fetch is not defined" });
  });

  it("the Function constructor reaches only the guest's own global: no host names, no timers, no dispatcher", async () => {
    const { r } = await run("escape-function-constructor.ts");
    const [a] = calls(r);
    expect(a).toMatchObject({ ok: true, value: ["", "process is not defined"] });
  });

  it("an import of ./reference fails with a clear message", async () => {
    const { r } = await run("import-reference.ts");
    const e = loadError(r);
    expect(e.message).toContain('Cannot import "./reference"');
    expect(e.position?.line).toBe(2);
  });

  it("a linalg helper the exercise does not allow is refused before running, with its position", async () => {
    const { r } = await run("disallowed-helper.ts");
    expect(r.stage).toBe("compile");
    if (r.stage !== "compile") return;
    expect(r.error.message).toBe('"svd" cannot be imported from "linalg": this exercise allows only: matmul. Write that part yourself.');
    expect(r.error.position).toEqual({ line: 2, column: 1 });
  });
});

describe("tampering cannot change what the host reads", () => {
  it("overriding Array/Object/Reflect/JSON/Math/Function builtins still copies out the returned values exactly", async () => {
    const { r } = await run("builtin-tampering.ts");
    const [a, b] = calls(r);
    expect(a).toMatchObject({ ok: true, value: [3, 0.25, 0.5] });
    expect(b).toMatchObject({ ok: true, value: [3, 0.25, 0.5] });
  });

  it("a thrown object whose toString, valueOf and message getter loop is described without calling them", async () => {
    const { r, ms } = await run("thrown-looping-tostring.ts");
    const e = callError(calls(r)[0]);
    expect(e.kind).toBe("throw");
    expect(e.message).toContain("threw a non-Error value");
    expect(e.message).toContain("message: [Getter]");
    expect(ms).toBeLessThan(450);
  });

  it("getters and Proxies are read inside the isolate; only plain copies cross", async () => {
    const { r } = await run("returns-getter-proxy.ts");
    const [a] = calls(r);
    expect(a).toMatchObject({ ok: true, value: { withGetter: { total: 3 }, proxy: [0, 0.5, 1] } });
    const value = (a as { value: { withGetter: object } }).value;
    expect(Object.getOwnPropertyDescriptor(value.withGetter, "total")).toMatchObject({ value: 3 });
  });

  it("a learner that mutates its input gets fresh copies in every case", async () => {
    const { r } = await run("input-mutation.ts");
    const [a, b] = calls(r);
    expect(a).toMatchObject({ ok: true, value: [0] });
    // Second call: a full fresh [1, 2, 3], not the array the first call truncated; the first one stays mutated.
    expect(b).toMatchObject({ ok: true, value: [3, 1, 0, 1] });
  });
});

describe("console, exports, types and sizes", () => {
  it("a console flood keeps at most MAX_CONSOLE_CHARS with a truncation flag, and the result still counts", async () => {
    const { r } = await run("console-flood.ts");
    expect(r.console.truncated).toBe(true);
    expect(r.console.text.length).toBeLessThanOrEqual(MAX_CONSOLE_CHARS);
    expect(r.console.text.startsWith("flood line 0 { z: [1, 2, 3] }\nflood line 1 { z: [1, 2, 3] }\n")).toBe(true);
    const [a] = calls(r);
    expect(a?.ok).toBe(true);
  });

  it("a missing export says which name to export", async () => {
    const { r } = await run("missing-export.ts");
    expect(loadError(r)).toMatchObject({ kind: "missing-export", message: expect.stringContaining("softmax is not exported") });
  });

  it("an export of the wrong type says 'softmax is not a function'", async () => {
    const { r } = await run("not-a-function.ts");
    expect(loadError(r)).toMatchObject({ kind: "missing-export", message: expect.stringContaining("softmax is not a function: it is a number") });
  });

  it("wrong return types are copied out as they are or refused with a description", async () => {
    const { r } = await run("wrong-return-types.ts", {
      calls: [1, 2, 3, 4, 5, 6, 7].map((n) => ({ call: "softmax", args: [Array.from({ length: n }, (_, i) => i + 1)] })),
    });
    const c = calls(r);
    expect(c[0]).toMatchObject({ ok: true, value: "0.5" });
    expect(c[1]).toMatchObject({ ok: true, value: [[1], [2]] });
    // Typed arrays cross as they are; the judge tells the learner that the signature says number[].
    expect(c[2]?.ok && c[2].value).toBeInstanceOf(Float64Array);
    expect(Array.from((c[2] as { value: Float64Array }).value)).toEqual([1, 2, 3]);
    expect(callError(c[3])).toMatchObject({ kind: "bad-output", message: expect.stringContaining("cycle") });
    expect(callError(c[4])).toMatchObject({ kind: "bad-output", message: expect.stringContaining("is a function") });
    expect(callError(c[5])).toMatchObject({ kind: "bad-output", message: expect.stringContaining("an instance of Map") });
    expect(callError(c[6])).toMatchObject({ kind: "output-too-large", message: "the result has more than 1000000 numbers or characters" });
  });

  it("code over 100 KB is refused before transpiling", async () => {
    const padding = `// ${"x".repeat(120)}\n`.repeat(900);
    const r = await pool.runSandbox(job(GOOD + padding));
    expect(r.stage).toBe("compile");
    if (r.stage !== "compile") return;
    expect(r.error.message).toContain("the limit is 100 KB");
    expect(r.transpileMs).toBeLessThan(50);
  });

  it("a syntax error is reported at its position in the TypeScript source", async () => {
    const { r } = await run("syntax-error.ts.txt");
    expect(r.stage).toBe("compile");
    if (r.stage !== "compile") return;
    expect(r.error.message).toContain("Syntax error");
    expect(r.error.position).toEqual({ line: 3, column: 26 });
  });

  it("a runtime error points at the line and column of the learner's TypeScript", async () => {
    const { r } = await run("runtime-error.ts");
    expect(callError(calls(r)[0])).toMatchObject({
      kind: "throw",
      message: "TypeError: Cannot read properties of undefined (reading 'length')",
      position: { line: 4, column: 38 },
    });
  });
});
