import { transform } from "sucrase";
import { checkLinalgImports } from "../sandbox/linalg-imports";
import { syntaxMessage } from "../sandbox/syntax-message";
import { rewriteExports } from "../sandbox/rewrite-exports";
import { sourceMapLookup } from "../sandbox/source-map-lookup";
import * as linalg from "../linalg/index";
import { MAX_CODE_BYTES, MAX_CONSOLE_CHARS, MAX_OUTPUT_ELEMENTS, type CallOutcome, type RunError, type SandboxJob, type SandboxResult } from "../sandbox/types";
import type { SourcePosition } from "../verdict";

/**
 * Runs a SandboxJob in the current JavaScript realm: sucrase, then `new Function`. NOT a security boundary and it
 * cannot stop an endless loop: it serves the browser's instant "Run" inside a Web Worker (which the page terminates
 * at the time limit) and tests. Grades come only from the isolate sandbox on the server.
 * Browser-safe: no Node imports.
 */
const FILE = "solution.ts";
/** `new Function(params…, body)` puts two header lines before the body. */
const HEADER_LINES = 2;

type ToSource = (jsLine: number, jsColumn: number) => SourcePosition | undefined;

/** The learner's line and column of the top solution.ts frame; columns through sucrase's map, as on the server. */
function positionFromStack(stack: unknown, toSource: ToSource | undefined): SourcePosition | undefined {
  if (typeof stack !== "string") return undefined;
  const m = /solution\.ts:(\d+):(\d+)/.exec(stack);
  if (!m) return undefined;
  const line = Number(m[1]) - HEADER_LINES;
  if (line < 1) return undefined;
  // Sucrase keeps lines; without a mapped token the line alone is right (transpile.ts does the same).
  return toSource?.(line, Number(m[2])) ?? { line };
}

function positionAt(source: string, index: number): SourcePosition {
  const before = source.slice(0, index).split("\n");
  return { line: before.length, column: (before[before.length - 1]?.length ?? 0) + 1 };
}

function safeMessage(error: unknown): string {
  try {
    if (error instanceof Error) return `${error.name}: ${String(error.message).slice(0, 500)}`;
    return `threw ${typeof error === "object" ? "an object" : String(error).slice(0, 200)} (throw an Error to get a message and a line)`;
  } catch {
    return "threw a value that could not be displayed";
  }
}

function toRunError(error: unknown, toSource?: ToSource): RunError {
  let stack: unknown;
  try {
    stack = error instanceof Error ? error.stack : undefined;
  } catch {
    stack = undefined;
  }
  const position = positionFromStack(stack, toSource);
  if (error instanceof RangeError && /call stack/i.test(error.message)) {
    return { kind: "throw", message: "RangeError: Maximum call stack size exceeded (a recursion without a base case?)", ...(position ? { position } : {}) };
  }
  return { kind: "throw", message: safeMessage(error), ...(position ? { position } : {}) };
}

/** Counts numbers and characters of a plain value, stopping early past the limit. */
function tooLarge(v: unknown): boolean {
  let n = 0;
  const stack: unknown[] = [v];
  while (stack.length > 0) {
    const x = stack.pop();
    if (typeof x === "string") n += x.length;
    else if (Array.isArray(x)) {
      n += x.length;
      if (n > MAX_OUTPUT_ELEMENTS) return true;
      for (const y of x) if (typeof y === "object" && y !== null) stack.push(y);
      continue;
    } else if (typeof x === "object" && x !== null) {
      if (ArrayBuffer.isView(x)) n += x.byteLength / 8;
      else for (const y of Object.values(x)) stack.push(y);
    } else n++;
    if (n > MAX_OUTPUT_ELEMENTS) return true;
  }
  return false;
}

function copyOut(value: unknown): { ok: true; value: unknown } | { ok: false; error: RunError } {
  if (typeof value === "object" && value !== null && typeof (value as { then?: unknown }).then === "function") {
    return { ok: false, error: { kind: "bad-output", message: "returned a Promise" } };
  }
  let copy: unknown;
  try {
    copy = structuredClone(value);
  } catch (error) {
    return { ok: false, error: { kind: "bad-output", message: error instanceof Error ? error.message.slice(0, 200) : "not plain data" } };
  }
  if (tooLarge(copy)) return { ok: false, error: { kind: "output-too-large", message: "the output is too large" } };
  return { ok: true, value: copy };
}

function linalgFor(helpers: readonly string[]): Record<string, unknown> {
  const lib: Record<string, unknown> = {};
  for (const [name, f] of Object.entries(linalg)) {
    if (helpers.includes(name)) lib[name] = f;
    else {
      Object.defineProperty(lib, name, {
        get() {
          throw new Error(`linalg.${name} is not allowed in this exercise${helpers.length ? `; allowed: ${helpers.join(", ")}` : ""}`);
        },
      });
    }
  }
  return lib;
}

export function runLocally(job: SandboxJob): SandboxResult {
  let consoleText = "";
  let truncated = false;
  const write = (...parts: unknown[]) => {
    if (truncated) return;
    const line = parts.map((p) => (typeof p === "string" ? p : safeJson(p))).join(" ") + "\n";
    if (consoleText.length + line.length > MAX_CONSOLE_CHARS) {
      consoleText += line.slice(0, MAX_CONSOLE_CHARS - consoleText.length);
      truncated = true;
    } else consoleText += line;
  };
  const fakeConsole = { log: write, info: write, warn: write, error: write, debug: write };
  const consoleOut = () => ({ text: consoleText, truncated });

  const t0 = performance.now();
  if (new TextEncoder().encode(job.code).length > MAX_CODE_BYTES) {
    return { stage: "compile", error: { message: `the code is larger than ${MAX_CODE_BYTES / 1024} KB` }, console: consoleOut(), transpileMs: 0, runMs: 0 };
  }
  // The same refusal as the server's transpile: Run must not pass code that Submit refuses.
  const refused = checkLinalgImports(job.code, job.helpers);
  if (refused) return { stage: "compile", error: refused, console: consoleOut(), transpileMs: performance.now() - t0, runMs: 0 };
  const rewritten = rewriteExports(job.code);
  if (!rewritten.ok) {
    return { stage: "compile", error: { message: rewritten.message, position: positionAt(job.code, rewritten.pos) }, console: consoleOut(), transpileMs: performance.now() - t0, runMs: 0 };
  }
  let js: string;
  let toSource: ToSource | undefined;
  try {
    const out = transform(rewritten.code, { transforms: ["typescript", "imports"], filePath: FILE, keepUnusedImports: true, sourceMapOptions: { compiledFilename: "solution.js" } });
    js = out.code;
    if (out.sourceMap) toSource = sourceMapLookup(out.sourceMap);
  } catch (error) {
    const e = error as { message?: unknown; pos?: unknown };
    const position = typeof e.pos === "number" ? positionAt(job.code, e.pos) : undefined;
    const message = syntaxMessage(typeof e.message === "string" ? e.message : "could not parse the code", job.code, typeof e.pos === "number" ? e.pos : undefined, position);
    return { stage: "compile", error: { message, ...(position ? { position } : {}) }, console: consoleOut(), transpileMs: performance.now() - t0, runMs: 0 };
  }
  const transpileMs = performance.now() - t0;
  const t1 = performance.now();
  const lib = linalgFor(job.helpers);
  const requireShim = (specifier: string): unknown => {
    if (specifier === "linalg") return lib;
    throw new Error(`Cannot import "${specifier}": a solution may import only from "linalg"`);
  };
  const module = { exports: {} as Record<string, unknown> };
  try {
    const evaluate = new Function("exports", "require", "module", "console", `${js}\n//# sourceURL=${FILE}`);
    evaluate(module.exports, requireShim, module, fakeConsole);
  } catch (error) {
    return { stage: "load", error: toRunError(error, toSource), console: consoleOut(), transpileMs, runMs: performance.now() - t1 };
  }
  const mod = module.exports;
  for (const name of job.exports) {
    if (typeof mod[name] !== "function") {
      return {
        stage: "load",
        error: { kind: "missing-export", message: `${name} is not a function (the module ${name in mod ? `exports ${typeof mod[name]}` : "does not export it"})` },
        console: consoleOut(),
        transpileMs,
        runMs: performance.now() - t1,
      };
    }
  }
  const driver = job.driver ? (new Function(`return (${job.driver});`)() as (m: unknown, c: string, a: unknown[]) => unknown) : undefined;
  const calls: CallOutcome[] = job.calls.map((c) => {
    const start = performance.now();
    const args = structuredClone(c.args);
    try {
      let value: unknown;
      if (driver) value = driver(mod, c.call, args);
      else {
        const f = mod[c.call];
        if (typeof f !== "function") return { ok: false, error: { kind: "missing-export", message: `${c.call} is not a function` }, ms: performance.now() - start };
        value = (f as (...a: unknown[]) => unknown)(...args);
      }
      const out = copyOut(value);
      const ms = performance.now() - start;
      return out.ok ? { ok: true, value: out.value, ms } : { ok: false, error: out.error, ms };
    } catch (error) {
      return { ok: false, error: toRunError(error, toSource), ms: performance.now() - start };
    }
  });
  return { stage: "ran", calls, console: consoleOut(), transpileMs, runMs: performance.now() - t1 };
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return "[unprintable]";
  }
}

/** The local runner with the sandbox runner's signature. */
export const localRunner = async (job: SandboxJob): Promise<SandboxResult> => runLocally(job);
