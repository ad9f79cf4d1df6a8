import type { CheckContext, DiagnoseContext, PropertyResult } from "../content/cases";
import type { Tolerance } from "../compare";
import type { GradcheckBands, GradingMode } from "../modes";
import type { LocalizedText } from "../text";

/**
 * One case, ready to judge: arguments, the trusted expected output, and everything shown about it.
 * Plain data only (the browser's run receives these from the server); the exercise's hooks are passed separately.
 */
export interface PreparedCase {
  name: string;
  label: LocalizedText;
  visibility: "visible" | "hidden";
  weight: number;
  call: string;
  args: unknown[];
  expected: unknown;
  tolerance: Tolerance;
  hint?: LocalizedText;
  /** gradcheck: the reference's central differences, keyed by output field. */
  numeric?: Record<string, unknown>;
}

/** How an exercise judges, independent of any case. Plain data. */
export interface JudgeSettings {
  mode: GradingMode;
  alsoAllclose: boolean;
  bands: GradcheckBands;
  limits: { timeoutMs: number; memoryMb: number };
  exports: string[];
  /** The manifest's signature, for naming a crashed call's arguments. */
  signature?: string;
  /** True when a driver turns the case's data into calls: its arguments are not the function's parameters. */
  driven?: boolean;
}

/** The exercise's host-side hooks; absent in the browser. */
export interface JudgeHooks {
  check?: (ctx: CheckContext) => PropertyResult[];
  diagnose?: (ctx: DiagnoseContext) => LocalizedText | undefined;
  /** For outputs whose structure differs from the expected one (the judgement is not `structured`). */
  diagnoseShape?: (ctx: DiagnoseContext) => LocalizedText | undefined;
}
