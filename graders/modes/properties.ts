import type { PropertyResult } from "../content/cases";
import { joinText } from "../text";
import type { Judgement, ModeInput } from "./types";

/** Runs the exercise's `check` hook; a hook that throws is the platform's fault and propagates. */
export function judgeProperties(input: ModeInput): Judgement | undefined {
  if (!input.check) return undefined;
  const results: PropertyResult[] = input.check({
    call: input.call,
    args: input.args,
    got: input.got,
    expected: input.expected,
    tolerance: input.tolerance,
  });
  if (!Array.isArray(results)) throw new Error("cases.ts check() must return an array of property results");
  const failed = results.filter((r) => !r.ok);
  if (failed.length === 0) return undefined;
  const first = failed[0]!;
  const details = input.reveal ? first.details : stripData(first.details);
  return {
    status: "failed",
    kind: first.kind ?? "property",
    message: joinText(failed.map((r) => r.message)),
    ...(details ? { details } : {}),
    structured: true,
  };
}

function stripData(details: PropertyResult["details"]): PropertyResult["details"] {
  if (!details) return undefined;
  const { expected: _e, got: _g, input: _i, plot: _p, ...rest } = details;
  return rest;
}
