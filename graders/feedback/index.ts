import type { DiagnoseContext, ExerciseCases } from "../content/cases";
import type { GradingMode } from "../modes";
import { joinText, type LocalizedText } from "../text";
import { nonFiniteCause } from "./non-finite";
import { describeRelations } from "./relations";

export { describeRelations, relationOf } from "./relations";
export { nonFiniteCause } from "./non-finite";

type Diagnose = (ctx: DiagnoseContext) => LocalizedText | undefined;

/** The conditional hints of the case or class this context belongs to, whose condition holds. */
export function firedHints(cases: Pick<ExerciseCases, "visible" | "hidden">, ctx: DiagnoseContext): LocalizedText[] {
  const owner = ctx.visibility === "visible" ? cases.visible.find((v) => v.name === ctx.caseName) : cases.hidden.find((h) => h.name === ctx.caseName);
  return (owner?.hintsWhen ?? []).filter((h) => h.when(ctx)).map((h) => h.text);
}

/**
 * What a failed case says beyond the generic comparison: the exercise's own diagnosis and the conditional hints
 * whose condition holds; when neither has anything to say, the likely cause of a NaN or Infinity (when the case shows
 * its evidence), else the shared relation detectors. Not the relation detectors in invariant mode, where the reference's output is one of many right answers (signs, rotations), so a relation to it
 * ("a flipped sign") would name a mistake that is none.
 */
export function composeDiagnose(mode: GradingMode, cases: Pick<ExerciseCases, "visible" | "hidden" | "diagnose">): Diagnose | undefined {
  return (ctx) => {
    const parts = [cases.diagnose?.(ctx), ...firedHints(cases, ctx)].filter((p): p is LocalizedText => p !== undefined && p.en !== "");
    if (parts.length > 0) return parts.length === 1 ? parts[0] : joinText(parts);
    if (ctx.kind === "non-finite") return nonFiniteCause(ctx);
    return mode === "invariant" ? undefined : describeRelations(ctx);
  };
}
