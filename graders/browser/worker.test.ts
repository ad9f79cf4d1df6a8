import path from "node:path";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadExercise } from "../exercise/load";
import { visibleRunPayload } from "../judge/visible-payload";
import type { VisibleRunPayload, WorkerRequest, WorkerResponse } from "./protocol";

const root = path.resolve(__dirname, "../test/fixtures/exercises");
const reference = readFileSync(path.join(root, "fixture/fx-softmax/reference.ts"), "utf8");

describe("the browser worker entry under Node", () => {
  let payload: VisibleRunPayload;
  const posted: WorkerResponse[] = [];
  const g = globalThis as unknown as { postMessage?: (m: WorkerResponse) => void; onmessage?: ((e: { data: WorkerRequest }) => void) | null };

  beforeAll(async () => {
    // The payload crosses the network as JSON: prove it is plain data and carries no reference code.
    payload = JSON.parse(JSON.stringify(visibleRunPayload(loadExercise("fx-softmax", root)))) as VisibleRunPayload;
    g.postMessage = (m) => posted.push(m);
    await import("./worker");
  });
  afterAll(() => {
    delete g.postMessage;
    g.onmessage = null;
  });

  const run = (code: string) => {
    g.onmessage!({ data: { id: posted.length + 1, payload, code } });
    const res = posted[posted.length - 1]!;
    if (!res.ok) throw new Error(res.message);
    return res.verdict;
  };

  it("ships only visible cases with server-computed expected values", () => {
    expect(payload.cases.map((c) => c.name)).toEqual(["three logits", "two equal", "negative"]);
    expect(payload.cases.every((c) => c.visibility === "visible")).toBe(true);
    expect(JSON.stringify(payload)).not.toContain("Math.exp(x - m)");
  });

  it("passes a correct solution and fails a wrong one with the server's messages", () => {
    expect(run(reference).status).toBe("passed");
    const v = run("export function softmax(z: number[]): number[] { const s = z.reduce((a, b) => a + b, 0); return z.map((x) => Math.exp(x) / s); }");
    expect(v.status).toBe("failed");
    expect(v.cases[0]!.message.en).toContain("differs at [0] (first difference; the whole vector is shown): expected [0.09003057317038046, 0.24472847105479764, 0.6652409557748219]");
    // The exercise's own diagnosis speaks on Run (its cases.ts comes as the payload's diagnosis bundle)…
    expect(v.cases[0]!.message.en).toContain("The outputs sum to 5.032, not 1: divide by Σ exp(z).");
    // …and the shared relation detectors when it has nothing to say.
    const reversed = run("export function softmax(z: number[]): number[] { const m = Math.max(...z); const e = z.map((x) => Math.exp(x - m)); const s = e.reduce((a, b) => a + b, 0); return e.map((x) => x / s).reverse(); }");
    expect(reversed.cases[0]!.message.en).toContain("the right values in a different order");
  });

  it("reports compile errors and runtime errors at positions in the learner's source", () => {
    const c = run("export function softmax(z: number[]) {\n  return z.map((x) => );\n}");
    expect(c.compileError?.position?.line).toBe(2);
    const r = run("export function softmax(z: number[]): number[] {\n  const n = z.length;\n  throw new Error(`no ${n}`);\n}");
    expect(r.cases[0]!.message.en).toContain("(line 3");
    expect(r.cases[0]!.message.en).toContain("Error: no 3");
  });

  it("explains a missing export, a Promise, a typed array and a forbidden import", () => {
    expect(run("export function softmx(z: number[]) { return z; }").message?.en).toContain("softmax is not a function");
    expect(run("export async function softmax(z: number[]) { return z; }").cases[0]!.message.en).toContain("returned a Promise");
    expect(run("export function softmax(z: number[]) { return Float64Array.from(z); }").cases[0]!.message.en).toContain("returned a Float64Array; the signature says number[]");
    expect(run('import { softmax as s } from "./reference";\nexport const softmax = s;').message?.en).toContain('Cannot import "./reference"');
  });

  it("gives every case fresh arguments, so a solution that mutates its input cannot corrupt the next case", () => {
    const mutating = "export function softmax(z: number[]): number[] { const m = Math.max(...z); for (let i = 0; i < z.length; i++) z[i] = Math.exp(z[i]! - m); const s = z.reduce((a, b) => a + b, 0); return z.map((x) => x / s); }";
    expect(run(mutating).status).toBe("passed");
    expect(run(mutating).status).toBe("passed");
    expect(payload.cases[0]!.args).toEqual([[1, 2, 3]]);
  });
});

describe("the worker bundle", () => {
  it("builds for the browser with no Node built-ins", async () => {
    const { build } = await import("esbuild");
    const out = await build({
      entryPoints: [path.join(__dirname, "worker.ts")],
      bundle: true,
      platform: "browser",
      format: "esm",
      write: false,
      logLevel: "silent",
      alias: { linalg: path.join(__dirname, "../linalg/index.ts") },
    });
    expect(out.errors).toEqual([]);
    const js = out.outputFiles[0]!.text;
    expect(js).not.toMatch(/from\s*["']node:|require\(["'](fs|path|module|child_process)["']\)/);
    expect(js).toContain("onmessage");
  });
});
