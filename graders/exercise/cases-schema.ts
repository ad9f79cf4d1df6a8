import { z } from "zod";
import type { ExerciseCases } from "../content/cases";

// zod v4's z.function() is not a schema; functions are checked by type only.
const fn = z.custom<(...args: never[]) => unknown>((v) => typeof v === "function", { message: "must be a function" });
const localized = z.object({ en: z.string().min(1), ja: z.string().min(1) }).strict();
const tolerance = z.object({ rtol: z.number().min(0).optional(), atol: z.number().min(0).optional() }).strict();

/** A hint shown only when its condition holds for the learner's output (graders/feedback). */
const conditionalHint = z.object({ when: fn, text: localized }).strict();

const visibleCase = z
  .object({
    name: z.string().min(1),
    labelJa: z.string().min(1).optional(),
    call: z.string().min(1).optional(),
    args: z.array(z.unknown()),
    expected: z.unknown().optional(),
    tolerance: tolerance.optional(),
    hint: localized.optional(),
    hintsWhen: z.array(conditionalHint).optional(),
  })
  .strict();

const hiddenClass = z
  .object({
    name: z.string().min(1),
    labelJa: z.string().min(1),
    count: z.number().int().min(1).max(100),
    weight: z.number().min(0).optional(),
    call: z.string().min(1).optional(),
    generate: fn,
    tolerance: tolerance.optional(),
    hint: localized.optional(),
    hintsWhen: z.array(conditionalHint).optional(),
  })
  .strict();

/** The default export of cases.ts, checked when an exercise loads, so an authoring slip is named, not a crash. */
export const exerciseCasesSchema = z
  .object({
    visible: z.array(visibleCase).min(1),
    hidden: z.array(hiddenClass),
    driver: fn.optional(),
    check: fn.optional(),
    numericGradient: fn.optional(),
    diagnose: fn.optional(),
    diagnoseShape: fn.optional(),
  })
  .strict();

export function parseExerciseCases(value: unknown): { ok: true; cases: ExerciseCases } | { ok: false; message: string } {
  const parsed = exerciseCasesSchema.safeParse(value);
  if (!parsed.success) {
    return { ok: false, message: parsed.error.issues.map((i) => `${i.path.map(String).join(".") || "(root)"}: ${i.message}`).join("; ") };
  }
  // The schema checked every field; the hooks' parameter types are the authoring kit's promise.
  return { ok: true, cases: value as ExerciseCases };
}
