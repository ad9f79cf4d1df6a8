import type { CheckContext, PropertyResult } from "../content/cases";
import type { Tolerance } from "../compare";
import type { GRADING_MODES } from "../exercise/manifest";
import type { LocalizedText } from "../text";
import type { CaseDetails, CaseStatus, FailureKind } from "../verdict";

export type GradingMode = (typeof GRADING_MODES)[number];

export interface GradcheckBands {
  /** Relative error below this passes. */
  pass: number;
  /** Relative error above this fails; in between is "suspicious". */
  fail: number;
}

/** Everything a mode needs to judge one output. `got` is untrusted data; everything else is trusted. */
export interface ModeInput {
  mode: GradingMode;
  call: string;
  /** A fresh copy of the case's arguments, for property checks. */
  args: unknown[];
  expected: unknown;
  got: unknown;
  tolerance: Tolerance;
  /** false for hidden cases: no input, expected or got values may appear in the judgement. */
  reveal: boolean;
  alsoAllclose: boolean;
  bands: GradcheckBands;
  /** gradcheck: central differences of the reference forward, keyed by output field ("" = the whole output). */
  numeric?: Record<string, unknown>;
  /** invariant (or any mode): property checks from cases.ts. */
  check?: (ctx: CheckContext) => PropertyResult[];
}

export interface Judgement {
  status: CaseStatus;
  kind?: FailureKind;
  message: LocalizedText;
  details?: CaseDetails;
  /** True when `got` had the expected structure, so hooks such as diagnose may look at it. */
  structured: boolean;
}

export const PASSED: LocalizedText = { en: "", ja: "" };
