import type { LocalizedText } from "./text";

/**
 * The one shape that the server, the database, the browser and the CLI exchange about a graded run.
 * Bump VERDICT_VERSION on any incompatible change; stored verdicts keep the version they were made with.
 */
export const VERDICT_VERSION = 1 as const;

/**
 * passed: every case passed. failed: the learner's code is wrong (wrong values, a crash, a limit, a compile error).
 * error: the platform itself failed; never the learner's fault, never costs an attempt, can be re-graded.
 */
export type VerdictStatus = "passed" | "failed" | "error";

export type CaseStatus = "passed" | "failed" | "suspicious";

/** What went wrong in one case; the browser picks icons and charts by it. */
export type FailureKind =
  | "wrong-value"
  | "shape"
  | "type"
  | "non-finite"
  | "property"
  | "gradient"
  | "runtime-error"
  | "timeout"
  | "memory"
  | "output-too-large";

export interface SourcePosition {
  /** 1-based line in the learner's own TypeScript source. */
  line: number;
  /** 1-based column, when known. */
  column?: number;
}

export interface GradcheckEntry {
  /** Name of the parameter, e.g. "dx", "dgamma"; "" when the output itself is the gradient. */
  param: string;
  relError: number;
  band: "pass" | "suspicious" | "fail";
}

export interface CaseDetails {
  /** Index path of the first differing element, e.g. [2] or [1, 3]; a field name for objects, e.g. ["Ak", 0, 1]. */
  index?: (number | string)[];
  expected?: string;
  got?: string;
  maxAbsError?: number;
  maxRelError?: number;
  rtol?: number;
  atol?: number;
  expectedShape?: string;
  gotShape?: string;
  position?: SourcePosition;
  gradcheck?: GradcheckEntry[];
  /** Short, already truncated rendering of a visible case's input. Never present for hidden cases. */
  input?: string;
  /** Extra numbers for pictures (e.g. singular values, logits against probabilities); visible cases only. */
  plot?: Record<string, number[]>;
}

export interface CaseResult {
  /** Stable English key: the visible case's name or the hidden class's name ("large logits"). Analytics group by it. */
  name: string;
  /** What the learner reads as the case's title. */
  label: LocalizedText;
  visibility: "visible" | "hidden";
  weight: number;
  status: CaseStatus;
  kind?: FailureKind;
  /** Empty for a pass; otherwise says what failed, where, and what usually causes it. */
  message: LocalizedText;
  details?: CaseDetails;
  ms?: number;
}

export interface VerdictConsole {
  /** At most a few KB of what the learner's code printed, host paths replaced. */
  text: string;
  truncated: boolean;
}

export interface Verdict {
  version: typeof VERDICT_VERSION;
  status: VerdictStatus;
  /** Weighted fraction of cases passed, in [0, 1]; 0 for status "error". */
  score: number;
  exerciseId: string;
  contentHash: string;
  seed: number;
  /** Overall message: compile errors, limits that ended the whole run, platform errors. */
  message?: LocalizedText;
  /** For a failed run: how many cases failed, which visible cases and hidden classes, which outputs differ. */
  summary?: LocalizedText;
  compileError?: { message: string; position?: SourcePosition };
  cases: CaseResult[];
  console: VerdictConsole;
  timings: { transpileMs: number; runMs: number; totalMs: number };
}
