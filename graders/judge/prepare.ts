import { createRng } from "../content/rng";
import type { LoadedExercise } from "../exercise/load";
import type { GradeJob } from "../grade-job";
import { freshCopy } from "./judge-case";
import type { JudgeSettings, PreparedCase } from "./types";

/** A fault of the exercise's content (reference, generator, hook): the verdict becomes ERROR, never the learner's fault. */
export class ContentFault extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ContentFault";
  }
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The reference's output for one call, computed in the host on a fresh copy of the arguments. */
export function referenceOutput(ex: LoadedExercise, call: string, args: unknown[]): unknown {
  let out: unknown;
  try {
    if (ex.cases.driver) out = ex.cases.driver(ex.reference, call, freshCopy(args));
    else {
      const f = ex.reference[call];
      if (typeof f !== "function") throw new Error(`reference.ts does not export a function "${call}"`);
      out = (f as (...a: unknown[]) => unknown)(...freshCopy(args));
    }
  } catch (error) {
    throw new ContentFault(`the reference solution threw on "${call}": ${describeError(error)}`);
  }
  try {
    return structuredClone(out);
  } catch {
    throw new ContentFault(`the reference solution's output for "${call}" is not plain data`);
  }
}

export function judgeSettings(ex: LoadedExercise): JudgeSettings {
  const m = ex.manifest;
  return {
    mode: m.mode,
    alsoAllclose: m.alsoAllclose,
    bands: { pass: m.gradcheck?.pass ?? 1e-5, fail: m.gradcheck?.fail ?? 1e-3 },
    limits: m.limits,
    exports: m.exports,
    signature: m.signature,
    driven: ex.cases.driver !== undefined,
  };
}

/**
 * The case list of one run: visible cases, then (for "submit") hidden cases drawn per class from
 * createRng(seed, className), with expected outputs and numeric gradients computed in the host.
 */
export function prepareCases(ex: LoadedExercise, seed: number, scope: GradeJob["scope"]): PreparedCase[] {
  const m = ex.manifest;
  const defaultCall = m.exports[0]!;
  const h = m.gradcheck?.h ?? 1e-6;
  const numericFor = (call: string, args: unknown[]): Record<string, unknown> | undefined => {
    if (m.mode !== "gradcheck" || !ex.cases.numericGradient) return undefined;
    try {
      return structuredClone(ex.cases.numericGradient(freshCopy(args), h, call));
    } catch (error) {
      throw new ContentFault(`numericGradient() failed on "${call}": ${describeError(error)}`);
    }
  };
  const out: PreparedCase[] = [];
  for (const v of ex.cases.visible) {
    const call = v.call ?? defaultCall;
    const args = freshCopy(v.args);
    const expected = v.expected !== undefined ? freshCopy(v.expected) : referenceOutput(ex, call, args);
    const numeric = numericFor(call, args);
    out.push({
      name: v.name,
      label: { en: v.name, ja: v.labelJa ?? v.name },
      visibility: "visible",
      weight: m.weights.visible,
      call,
      args,
      expected,
      tolerance: { ...m.tolerance, ...v.tolerance },
      ...(v.hint ? { hint: v.hint } : {}),
      ...(numeric ? { numeric } : {}),
    });
  }
  if (scope === "run") return out;
  for (const cls of ex.cases.hidden) {
    const rng = createRng(seed, cls.name);
    const call = cls.call ?? defaultCall;
    for (let i = 0; i < cls.count; i++) {
      let args: unknown[];
      try {
        args = structuredClone(cls.generate(rng, i));
      } catch (error) {
        throw new ContentFault(`the generator of hidden class "${cls.name}" failed: ${describeError(error)}`);
      }
      if (!Array.isArray(args)) throw new ContentFault(`the generator of hidden class "${cls.name}" must return an argument array`);
      const expected = referenceOutput(ex, call, args);
      const numeric = numericFor(call, args);
      out.push({
        name: cls.name,
        label: { en: cls.name, ja: cls.labelJa },
        visibility: "hidden",
        weight: cls.weight ?? m.weights.hidden,
        call,
        args,
        expected,
        tolerance: { ...m.tolerance, ...cls.tolerance },
        ...(cls.hint ? { hint: cls.hint } : {}),
        ...(numeric ? { numeric } : {}),
      });
    }
  }
  return out;
}
