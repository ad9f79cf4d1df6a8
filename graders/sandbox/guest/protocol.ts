import type { RunError } from "../types";

/**
 * What crosses between the grader child (host) and the guest runtime inside an isolate. Every value is copied both
 * ways (`copy: true`), so these are plain data. The host still treats each reply as untrusted and validates it.
 */
export type GuestRequest =
  /**
   * Set the context up, load the learner's module (its top level runs here), then run calls as in "calls" (none
   * once `sliceMs` has passed since the hop began). Most submissions need this one hop and no other.
   */
  | {
      op: "run";
      helpers: string[];
      exports: string[];
      driver?: string;
      maxConsoleChars: number;
      maxOutputElements: number;
      js: string;
      calls: GuestCall[];
      sliceMs: number;
    }
  /**
   * Run calls in order, in one hop across the isolate boundary. The guest starts a further call only while less than
   * `sliceMs` has passed since the batch began, so a batch that times out was spending its time in its last call.
   */
  | { op: "calls"; calls: GuestCall[]; sliceMs: number }
  /** What the last batch finished before it was stopped (the context outlives a timeout). */
  | { op: "progress" };

/** `quiet`: a hidden case, whose console output is dropped inside the isolate. */
export interface GuestCall {
  call: string;
  args: unknown[];
  quiet?: boolean;
}

export type GuestReply =
  | { ok: true; value?: unknown }
  | { ok: false; error: GuestError };

/** The value of a "calls" or "progress" reply. `ms` of each reply is the guest's Date.now() difference (1 ms steps). */
export interface GuestBatch {
  /** The module's load, once it has finished (null while it has not). */
  loaded: GuestReply | null;
  replies: (GuestReply & { ms: number })[];
  console: { text: string; truncated: boolean };
}

/** A RunError whose position is still in the transpiled JavaScript (1-based line and column). */
export interface GuestError extends Omit<RunError, "position"> {
  jsLine?: number;
  jsColumn?: number;
}

/**
 * Arrays of numbers cross the boundary as Float64Array: isolated-vm copies typed arrays as one block of memory but
 * plain arrays element by element (measured 4× slower for a softmax job's inputs). Going in, every Float64Array
 * stands for a number[] and is rebuilt as one; coming out, a number[] is sent as `{ [PACKED_KEY]: Float64Array }`,
 * so that a typed array the learner returned stays a typed array. Learner objects may not use keys starting with NUL.
 */
export const PACKED_KEY = "\u0000number[]";

/** Name of the global through which the host picks up the guest's dispatcher; deleted before learner code runs. */
export const GUEST_ENTRY_GLOBAL = "__mlDojoGuest";

/** The filename learner code carries in stack traces: no host path ever appears. */
export const SOLUTION_FILENAME = "solution.ts";

/** `new Function` puts two header lines before the body; learner line 1 is reported as line 3. */
export const FUNCTION_HEADER_LINES = 2;
