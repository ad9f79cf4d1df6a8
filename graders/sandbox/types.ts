import type { LinalgHelper } from "../exercise/manifest";
import type { SourcePosition } from "../verdict";

/** One call of the learner's module: an export name (or a driver branch) and plain-data arguments. */
export interface SandboxCall {
  call: string;
  args: unknown[];
  /** A hidden case: what the code prints while it runs stays in the isolate (it could show the hidden input). */
  quiet?: boolean;
}

/** Everything the sandbox needs to run a learner's module against a list of calls. Plain data only. */
export interface SandboxJob {
  /** The learner's TypeScript source, at most MAX_CODE_BYTES. */
  code: string;
  /** Names the module must export. */
  exports: string[];
  /** linalg helpers the module may import. */
  helpers: LinalgHelper[];
  /**
   * Source text of the exercise's driver `(mod, call, args) => unknown`, or undefined for the default
   * `mod[call](...args)`. Trusted (it comes from exercises/), but it runs inside the sandbox with the learner's module.
   */
  driver?: string;
  calls: SandboxCall[];
  limits: { timeoutMs: number; memoryMb: number };
}

export type RunErrorKind =
  | "throw" // the learner's code threw
  | "timeout" // a call (or the module's top level) ran past its time limit
  | "memory" // the isolate ran out of its memory limit
  | "missing-export" // an export is absent or not a function/class
  | "bad-output" // the result could not be copied out as plain data (a Promise, a function, a Proxy, a cycle)
  | "output-too-large";

export interface RunError {
  kind: RunErrorKind;
  /** Readable, host paths already replaced, in English (the judge localizes by kind). */
  message: string;
  /** Where in the learner's own TypeScript source, when the error came from there. */
  position?: SourcePosition;
}

export type CallOutcome =
  | { ok: true; value: unknown; ms: number }
  | { ok: false; error: RunError; ms: number };

export interface SandboxConsole {
  text: string;
  truncated: boolean;
}

export type SandboxResult = (
  | { stage: "compile"; error: { message: string; position?: SourcePosition } }
  | { stage: "load"; error: RunError }
  | { stage: "ran"; calls: CallOutcome[] }
) & { console: SandboxConsole; transpileMs: number; runMs: number };

/** Code over this size is refused before transpiling. */
export const MAX_CODE_BYTES = 100 * 1024;
/** A single call's copied-out result over this many numbers/characters is refused. */
export const MAX_OUTPUT_ELEMENTS = 1_000_000;
/** How much console output a learner gets back. */
export const MAX_CONSOLE_CHARS = 4096;
