import type { ExerciseCases } from "../content/cases";
import * as content from "../content/index";
import * as linalg from "../linalg/index";

/** What Run needs of an exercise's cases module: the visible cases (for their hintsWhen), diagnose(Shape) and check. */
export type RunDiagnosisCases = Pick<ExerciseCases, "visible" | "hidden" | "diagnose" | "diagnoseShape" | "check">;

const UNCHECKED = {
  en: "The properties of this output could not be checked on Run; press Submit to have them checked on the server.",
  ja: "この出力の性質は Run では確認できませんでした。Submit を押すとサーバーで確認されます。",
};

/**
 * Evaluates the diagnosis bundle of diagnosis-bundle.ts in this realm (the Run worker), with the worker's own copy
 * of the authoring kit and the linalg helpers. Trusted content from the server, like the driver. A diagnosis that
 * throws (it needed something cut from the bundle, such as the reference) says nothing, as if it had no opinion.
 */
export function loadRunDiagnosis(source: string): RunDiagnosisCases | undefined {
  const require = (specifier: string): unknown => {
    if (specifier === "ml-dojo:content") return content;
    if (specifier === "linalg") return linalg;
    throw new Error(`the diagnosis bundle imports "${specifier}"`);
  };
  const module = { exports: {} as Record<string, unknown> };
  try {
    new Function("module", "exports", "require", source)(module, module.exports, require);
  } catch {
    return undefined;
  }
  const cases = (module.exports.default ?? module.exports) as Partial<ExerciseCases>;
  if (!Array.isArray(cases.visible)) return undefined;
  const { diagnose, diagnoseShape, check } = cases;
  const safe = <A extends unknown[], R>(f: (...a: A) => R) => (...a: A): R | undefined => {
    try {
      return f(...a);
    } catch {
      return undefined;
    }
  };
  return {
    visible: cases.visible.map((v) => (v.hintsWhen ? { ...v, hintsWhen: v.hintsWhen.map((h) => ({ ...h, when: (ctx) => safe(h.when)(ctx) === true })) } : v)),
    hidden: [],
    ...(diagnose ? { diagnose: safe(diagnose) } : {}),
    ...(diagnoseShape ? { diagnoseShape: safe(diagnoseShape) } : {}),
    // A check that throws must not read as "no property failed": it fails the case, as Submit's ERROR would stop it.
    ...(check ? { check: (ctx) => safe(check)(ctx) ?? [{ ok: false, message: UNCHECKED }] } : {}),
  };
}
