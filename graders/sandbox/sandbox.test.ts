/**
 * The sandbox's ordinary behaviour, through a real grader child (isolates live only there): what crosses the
 * boundary and how, linalg inside the guest, drivers, positions, console, fresh contexts and per-exercise memory.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runLocally } from "../browser/local-runner";
import { createGraderPool, type GraderPool } from "../supervisor/pool";
import type { CallOutcome, SandboxJob, SandboxResult } from "./types";

let pool: GraderPool;

beforeAll(async () => {
  pool = createGraderPool({ size: 1, log: () => undefined });
  await pool.ready();
});

afterAll(async () => {
  await pool.close();
});

function job(code: string, over: Partial<SandboxJob> = {}): SandboxJob {
  return {
    code,
    exports: ["f"],
    helpers: [],
    calls: [{ call: "f", args: [] }],
    limits: { timeoutMs: 1_000, memoryMb: 64 },
    ...over,
  };
}

function calls(r: SandboxResult): CallOutcome[] {
  if (r.stage !== "ran") throw new Error(`expected stage "ran", got ${JSON.stringify(r)}`);
  return r.calls;
}

async function values(code: string, over: Partial<SandboxJob> = {}): Promise<unknown[]> {
  const r = await pool.runSandbox(job(code, over));
  return calls(r).map((c) => (c.ok ? c.value : { error: c.error }));
}

describe("data across the boundary", () => {
  it("NaN, ±Infinity, -0, nested objects and strings come out exactly", async () => {
    const [v] = await values(`export function f() {
  return { a: [NaN, Infinity, -Infinity, -0], nested: { U: [[1, 2], [3, 4]], S: [5] }, s: "ok", t: true, n: null };
}`);
    expect(v).toEqual({ a: [NaN, Infinity, -Infinity, -0], nested: { U: [[1, 2], [3, 4]], S: [5] }, s: "ok", t: true, n: null });
    expect(Object.is((v as { a: number[] }).a[3], -0)).toBe(true);
  });

  it("inputs arrive as ordinary arrays of the guest's own realm, rebuilt per call", async () => {
    const [v] = await values(
      `export function f(z: number[], M: number[][], o: { k: number[] }) {
  return [Array.isArray(z), Object.getPrototypeOf(z) === Array.prototype, z instanceof Array, Array.isArray(M[1]), o.k.length, typeof z[0]];
}`,
      { calls: [{ call: "f", args: [[1.5, 2], [[1], [2]], { k: [1, 2, 3] }] }] },
    );
    expect(v).toEqual([true, true, true, true, 3, "number"]);
  });

  it("number arrays cross packed and come out as number[]; the packing marker cannot be forged", async () => {
    const [plain, forged] = await values(
      `export function f(kind: string) {
  if (kind === "plain") return { v: [1, -0, NaN], m: [[1, 2], [3]], mixed: [1, "a"] };
  return { ["\\u0000number[]"]: new Float64Array([9]) };
}`,
      { calls: [{ call: "f", args: ["plain"] }, { call: "f", args: ["forged"] }] },
    );
    expect(plain).toEqual({ v: [1, -0, NaN], m: [[1, 2], [3]], mixed: [1, "a"] });
    expect(Array.isArray((plain as { v: unknown }).v)).toBe(true);
    expect(forged).toMatchObject({ error: { kind: "bad-output", message: expect.stringContaining("NUL character") } });
  });

  it("the host's argument objects are never shared between calls", async () => {
    const args = [[5, 6, 7]];
    const r = await pool.runSandbox(
      job(`export function f(z: number[]) { const before = z.join(","); z.push(99); return before; }`, {
        calls: [{ call: "f", args }, { call: "f", args }],
      }),
    );
    expect(calls(r).map((c) => c.ok && c.value)).toEqual(["5,6,7", "5,6,7"]);
    expect(args).toEqual([[5, 6, 7]]);
  });

  it("each submission gets a fresh context: globals set by one are gone for the next", async () => {
    const writer = `(globalThis as any).leak = "secret"; Array.prototype.map = () => ["tampered"];
export function f() { return (globalThis as any).leak; }`;
    const reader = `export function f() { return [typeof (globalThis as any).leak, [1, 2].map((x) => x * 2)]; }`;
    expect(await values(writer)).toEqual(["secret"]);
    expect(await values(reader)).toEqual([["undefined", [2, 4]]]);
  });
});

describe("linalg inside the guest", () => {
  it("allowed helpers work; a disallowed one reached through a namespace import says what is allowed", async () => {
    const code = `import * as L from "linalg";
export function f(kind: string) {
  if (kind === "ok") return L.matmul([[1, 2]], [[3], [4]]);
  return L.svd([[1]]);
}`;
    const r = await pool.runSandbox(
      job(code, { helpers: ["matmul"], calls: [{ call: "f", args: ["ok"] }, { call: "f", args: ["bad"] }] }),
    );
    const [ok, bad] = calls(r);
    expect(ok).toMatchObject({ ok: true, value: [[11]] });
    expect(bad).toMatchObject({
      ok: false,
      error: { kind: "throw", message: "Error: linalg.svd is not allowed in this exercise (allowed: matmul); write it yourself", position: { line: 4 } },
    });
  });

  it("an error inside a helper is located at the learner's call", async () => {
    const code = `import { matmul } from "linalg";
export function f() {
  const A: number[][] = [[1, 2]];
  return matmul(A, A);
}`;
    const r = await pool.runSandbox(job(code, { helpers: ["matmul"] }));
    const [c] = calls(r);
    expect(c?.ok).toBe(false);
    expect(c && !c.ok && c.error.message).toMatch(/^Error: linalg\.matmul/);
    expect(c && !c.ok && c.error.position).toEqual({ line: 4, column: 10 });
  });
});

describe("drivers", () => {
  it("runs an arrow-function driver and a method-shorthand driver with the learner's module", async () => {
    const code = `export class Counter { n = 0; add(k: number) { this.n += k; return this; } }`;
    const arrow = `(mod, call, args) => { const C = mod.Counter; const c = new C(); for (const k of args) c.add(k); return c.n; }`;
    const method = `driver(mod, call, args) { return call + ":" + new mod.Counter().add(args[0]).n; }`;
    const calls1 = [{ call: "Counter", args: [1, 2, 3] }];
    expect(await values(code, { exports: ["Counter"], driver: arrow, calls: calls1 })).toEqual([6]);
    expect(await values(code, { exports: ["Counter"], driver: method, calls: [{ call: "Counter", args: [4] }] })).toEqual(["Counter:4"]);
  });
});

describe("positions, console and timings", () => {
  it("maps a runtime error to the column of the TypeScript source, not of the transpiled JavaScript", async () => {
    const code = `type Row = number[];
export function f(): number {
  const rows: Array<Row> = [], none: Row | undefined = rows[0] as Row | undefined; return (none as Row).length;
}`;
    const r = await pool.runSandbox(job(code));
    const [c] = calls(r);
    // "length" starts at column 108 of line 3 in the TypeScript above; the type annotations are gone in the JS.
    expect(c && !c.ok && c.error.position).toEqual({ line: 3, column: code.split("\n")[2]!.indexOf("length") + 1 });
  });

  it("captures console output of every kind, formatted", async () => {
    const r = await pool.runSandbox(
      job(`export function f() { console.log("a", 1, [1, 2], { x: 1 }, -0); console.error("e"); console.warn(undefined, null); return 0; }`),
    );
    expect(r.console).toEqual({ text: "a 1 [1, 2] { x: 1 } -0\nerror: e\nwarn: undefined null\n", truncated: false });
  });

  it("reports transpile and run times, and a time per call (the guest's clock: whole milliseconds)", async () => {
    const r = await pool.runSandbox(
      job(`export function f(ms: number) { const end = Date.now() + ms; while (Date.now() < end) {} return ms; }`, {
        calls: [{ call: "f", args: [0] }, { call: "f", args: [30] }],
      }),
    );
    expect(r.transpileMs).toBeGreaterThan(0);
    expect(r.runMs).toBeGreaterThanOrEqual(30);
    const [fast, slow] = calls(r);
    expect(fast?.ms).toBeLessThan(5);
    expect(slow?.ms).toBeGreaterThanOrEqual(30);
  });
});

describe("memory limits per exercise", () => {
  const code = `export function f() { const a = Array.from({ length: 3_000_000 }, (_, i) => i + 0.5); return a.length; }`;

  it("a 24 MB array fits in 128 MB", async () => {
    expect(await values(code, { limits: { timeoutMs: 5_000, memoryMb: 128 } })).toEqual([3_000_000]);
  });

  it("and is refused at 16 MB, naming the limit", async () => {
    const r = await pool.runSandbox(job(code, { limits: { timeoutMs: 5_000, memoryMb: 16 } }));
    const [c] = calls(r);
    expect(c).toMatchObject({ ok: false, error: { kind: "memory", message: expect.stringContaining("memory limit of 16 MB") } });
  });
});

/** The same module semantics on the server (isolate) and in the browser's instant run (runLocally). */
describe("exports behave as in an ES module", () => {
  const autodiff = `export class Var {
  grad = 0;
  constructor(public value: number) {}
}
export function grad(x: number): number {
  const v = new Var(x);
  v.grad += 2 * x;
  return v.grad;
}
export const scale = 3, offset = 1;
export let calls = 0;
export function f(x: number): number[] {
  calls = calls + 1;
  return [grad(x), new Var(x).grad, scale * x + offset, calls];
}`;
  const run = { exports: ["f", "grad"], calls: [{ call: "f", args: [2] }, { call: "grad", args: [3] }, { call: "f", args: [1] }] };

  it("a class field named like an exported function, several consts in one export, a reassigned let", async () => {
    const expected = [[4, 0, 7, 1], 6, [2, 0, 4, 2]];
    expect(await values(autodiff, run)).toEqual(expected);
    const local = runLocally(job(autodiff, run));
    expect(calls(local).map((c) => (c.ok ? c.value : c.error))).toEqual(expected);
  });

  it("export … from is refused with its line, before anything runs", async () => {
    const code = `import { matmul } from "linalg";\nexport { matmul } from "linalg";\nexport function f() { return 1; }`;
    for (const r of [await pool.runSandbox(job(code, { helpers: ["matmul"] })), runLocally(job(code, { helpers: ["matmul"] }))]) {
      expect(r.stage).toBe("compile");
      if (r.stage !== "compile") continue;
      expect(r.error.message).toMatch(/re-exporting another module\) is not supported/);
      expect(r.error.position).toEqual({ line: 2, column: 1 });
    }
  });
});
