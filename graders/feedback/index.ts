import type { DiagnoseContext } from "../content/cases";
import type { GradingMode } from "../modes";
import type { LocalizedText } from "../text";
import { describeRelations } from "./relations";

export { describeRelations, relationOf } from "./relations";

/**
 * An exercise's own diagnosis first (it knows its typical mistakes); when it has nothing to say, the shared relation
 * detectors. Not in invariant mode, where the reference's output is one of many right answers (signs, rotations),
 * so a relation to it ("a flipped sign") would name a mistake that is none.
 */
export function withRelations(mode: GradingMode, own?: (ctx: DiagnoseContext) => LocalizedText | undefined): ((ctx: DiagnoseContext) => LocalizedText | undefined) | undefined {
  if (mode === "invariant") return own;
  return (ctx) => own?.(ctx) ?? describeRelations(ctx);
}
