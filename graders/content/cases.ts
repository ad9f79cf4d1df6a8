import type { LocalizedText } from "../text";
import type { CaseDetails, FailureKind } from "../verdict";
import type { Rng } from "./rng";

export interface Tolerance {
  rtol: number;
  atol: number;
}

/**
 * A hint that names a cause ("you divided by n", "σ_min is the last singular value") is shown only when the output
 * shows it: `when` decides, on the same context as `diagnose`. An unconditional `hint` may state only facts about
 * the case itself ("the logits here are near 1000").
 */
export interface ConditionalHint {
  when: (ctx: DiagnoseContext) => boolean;
  text: LocalizedText;
}

/** A case the learner sees in full: its arguments, the expected output, and its result. */
export interface VisibleCase {
  /** Stable English name, e.g. "three logits". */
  name: string;
  /** Japanese title; the English name is used when absent. */
  labelJa?: string;
  /** Which export to call (or which `driver` branch); the manifest's first export by default. */
  call?: string;
  /** Arguments, plain JSON-like data; copied afresh for every run. */
  args: unknown[];
  /** The exact expected output from shared/curriculum.md; exercises:check proves the reference agrees. Absent: the reference's output. */
  expected?: unknown;
  tolerance?: Partial<Tolerance>;
  /** Shown when this case fails: facts about the case only (see ConditionalHint). */
  hint?: LocalizedText;
  /** Shown when this case fails and their condition holds. */
  hintsWhen?: ConditionalHint[];
}

/** A class of hidden cases: the learner sees the class name and the verdict, never the data. */
export interface HiddenClass {
  /** Stable English class name, e.g. "large logits"; analytics group failures by it. */
  name: string;
  labelJa: string;
  /** How many cases of this class each submission gets. */
  count: number;
  /** Weight of each case of this class; the manifest's hidden weight by default. */
  weight?: number;
  call?: string;
  /** Draws the arguments of case `index` from the seeded stream of this class. */
  generate: (rng: Rng, index: number) => unknown[];
  tolerance?: Partial<Tolerance>;
  /** Shown when a case of this class fails: facts about the class only, e.g. "the logits here are near 1000". */
  hint?: LocalizedText;
  /** Shown when a case of this class fails and their condition holds. */
  hintsWhen?: ConditionalHint[];
}

/** One property checked in invariant mode (or added to any mode by `check`). */
export interface PropertyResult {
  ok: boolean;
  /** Says what was checked and, on failure, what was found. */
  message: LocalizedText;
  kind?: FailureKind;
  details?: CaseDetails;
}

export interface CheckContext {
  call: string;
  /** A fresh copy of the case's arguments. */
  args: unknown[];
  /** The learner's output, copied out of the sandbox and already checked to have the reference output's structure. */
  got: unknown;
  /** The reference output for the same arguments. */
  expected: unknown;
  tolerance: Tolerance;
}

export interface DiagnoseContext extends CheckContext {
  /** What the generic judgement found. */
  kind: FailureKind;
  visibility: "visible" | "hidden";
  /** The hidden class name, or the visible case's name. */
  caseName: string;
}

/**
 * The default export of an exercise's cases.ts. Everything runs in the host (the grader process), except `driver`,
 * which also runs inside the sandbox and so must be self-contained (it is serialized with Function.prototype.toString:
 * no imports, no closures over module variables).
 */
export interface ExerciseCases {
  visible: VisibleCase[];
  hidden: HiddenClass[];
  /**
   * Turns a case's data arguments into calls of the module's exports, for APIs that take functions or classes
   * (behavioral mode, hidden functions given as expression trees, call counting). Returns plain data.
   * Default: `mod[call](...args)`.
   */
  driver?: (mod: Record<string, unknown>, call: string, args: unknown[]) => unknown;
  /** invariant mode: the properties a correct output has. Runs after the structural check. */
  check?: (ctx: CheckContext) => PropertyResult[];
  /**
   * gradcheck mode: central differences of the reference forward at the case's arguments, keyed by output field
   * ("" when the whole output is the gradient). Use centralDiff/centralDiffMatrix with the given h.
   */
  numericGradient?: (args: unknown[], h: number, call: string) => Record<string, unknown>;
  /** Optional extra explanation for a failed case, e.g. "the outputs sum to 3.2, not 1: divide by Σexp". */
  diagnose?: (ctx: DiagnoseContext) => LocalizedText | undefined;
  /**
   * Optional explanation for an output of the wrong shape ("you returned all k + p triples"). `diagnose` never sees
   * such outputs (it may rely on the shape); this one gets the raw output, which may have any structure, and must
   * name a cause only when the output shows it.
   */
  diagnoseShape?: (ctx: DiagnoseContext) => LocalizedText | undefined;
}

export function defineCases(cases: ExerciseCases): ExerciseCases {
  return cases;
}
