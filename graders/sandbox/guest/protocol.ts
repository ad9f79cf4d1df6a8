import type { RunError } from "../types";

/**
 * What crosses between the grader child (host) and the guest runtime inside an isolate. Every value is copied both
 * ways (`copy: true`), so these are plain data. The host still treats each reply as untrusted and validates it.
 */
export type GuestRequest =
  | { op: "setup"; helpers: string[]; exports: string[]; driver?: string; maxConsoleChars: number; maxOutputElements: number }
  | { op: "load"; js: string }
  | { op: "call"; call: string; args: unknown[] }
  | { op: "console" };

export type GuestReply =
  | { ok: true; value?: unknown }
  | { ok: false; error: GuestError };

/** A RunError whose position is still in the transpiled JavaScript (1-based line and column). */
export interface GuestError extends Omit<RunError, "position"> {
  jsLine?: number;
  jsColumn?: number;
}

/** Name of the global through which the host picks up the guest's dispatcher; deleted before learner code runs. */
export const GUEST_ENTRY_GLOBAL = "__mlDojoGuest";

/** The filename learner code carries in stack traces: no host path ever appears. */
export const SOLUTION_FILENAME = "solution.ts";

/** `new Function` puts two header lines before the body; learner line 1 is reported as line 3. */
export const FUNCTION_HEADER_LINES = 2;
