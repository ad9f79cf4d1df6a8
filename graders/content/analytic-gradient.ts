import { flattenNumbers } from "../compare";
import { text, type LocalizedText } from "../text";
import type { CheckContext, DiagnoseContext, ExerciseCases, PropertyResult } from "./cases";

/**
 * Closes the finite-difference shortcut on a gradient exercise: a gradient computed by central differences of the
 * learner's own forward pass passes a gradient check (it is what the check compares with), but it is accurate only
 * to about 1e−10 at its best step, while an analytic formula is accurate to rounding (about 1e−15). So each gradient
 * field must also agree with the reference's analytic gradient to `bound` in the norm-wise relative error
 * ‖g − g*‖ / ‖g*‖. The bound is chosen per exercise from graders/bench/finite-difference-error.ts and stated in the
 * statement. Norm-wise, not entry-wise: entries that cancel to near 0 keep only absolute accuracy in any formula.
 */
export interface AnalyticGradientRule {
  /** The output fields that are gradients; "" when the whole output is the gradient. */
  fields: readonly string[];
  /** The norm-wise relative error every field must meet, e.g. 1e−12. */
  bound: number;
  /** The best central differences of the forward reach on this exercise's cases, as stated in the statement ("3e−10"). */
  measured: string;
  /**
   * Cases where rounding alone may exceed the bound in a right formula (ill-conditioned inputs) return false and are
   * left to the gradient check. Default: every case.
   */
  applies?: (args: unknown[]) => boolean;
}

function normRel(got: unknown, expected: unknown): number {
  const g = flattenNumbers(got);
  const e = flattenNumbers(expected);
  let d = 0;
  let n = 0;
  for (let i = 0; i < e.length; i++) {
    d += (g[i]! - e[i]!) ** 2;
    n += e[i]! ** 2;
  }
  // A zero gradient (one key, one feature per row) has no scale: compare absolutely.
  return n === 0 ? Math.sqrt(d) : Math.sqrt(d / n);
}

const field = (v: unknown, f: string): unknown => (f === "" ? v : (v as Record<string, unknown>)[f]);
const label = (f: string) => (f === "" ? "The gradient" : f);

/** Per field: its norm-wise relative error against the reference. */
function errors(rule: AnalyticGradientRule, got: unknown, expected: unknown): { f: string; r: number }[] {
  return rule.fields.map((f) => ({ f, r: normRel(field(got, f), field(expected, f)) }));
}

/**
 * `check` (properties run after the gradient check passed): every field within the bound. `diagnose`: names the
 * finite difference when the output is off by what a finite difference is off by — every field within 2e−5 (a
 * gradient check's pass band), one above the bound — on a case where the bound applies; never otherwise.
 */
export function analyticGradient(rule: AnalyticGradientRule): {
  check: (ctx: CheckContext) => PropertyResult[];
  diagnose: (ctx: DiagnoseContext) => LocalizedText | undefined;
} {
  const bound = rule.bound.toExponential(0);
  const applies = (args: unknown[]) => rule.applies?.(args) ?? true;
  return {
    check: ({ args, got, expected }) => {
      if (!applies(args)) return [];
      return errors(rule, got, expected).map(({ f, r }) => ({
        ok: r <= rule.bound,
        message: text(
          `${label(f)} agrees with the analytic gradient only to a relative ${r.toExponential(1)} (‖g − g*‖/‖g*‖); this exercise requires ${bound}.`,
          `${f === "" ? "勾配" : f} は解析的な勾配と相対誤差 ${r.toExponential(1)}（‖g − g*‖/‖g*‖）でしか一致しません。この課題では ${bound} 以内が必要です。`,
        ),
      }));
    },
    diagnose: ({ args, got, expected }) => {
      if (!applies(args)) return undefined;
      const errs = errors(rule, got, expected);
      if (!errs.every(({ r }) => r <= 2e-5) || !errs.some(({ r }) => r > rule.bound)) return undefined;
      return text(
        `Your gradient is off by about what a finite difference is off by, not a wrong term: the accuracy of a finite difference (or of a formula that loses digits to rounding). Central differences of the forward pass reach no better than ${rule.measured} on these cases, and the grader requires ${bound} against the analytic gradient: derive the formula.`,
        `勾配のずれは項の誤りではなく、差分近似の精度程度です（あるいは丸めで桁を失う式）。このケースでは順伝播の中心差分は最良でも ${rule.measured} 程度で、採点では解析的な勾配と ${bound} 以内の一致が必要です。式を導きましょう。`,
      );
    },
  };
}

/**
 * An exercise's cases with the rule added: its `check` after the exercise's own, and its finite-difference
 * diagnosis after the exercise's own diagnosis (which names exact mistakes and so never matches a finite difference).
 */
export function withAnalyticGradient(cases: ExerciseCases, rule: AnalyticGradientRule): ExerciseCases {
  const fd = analyticGradient(rule);
  const { check, diagnose } = cases;
  return {
    ...cases,
    check: (ctx) => [...(check?.(ctx) ?? []), ...fd.check(ctx)],
    diagnose: (ctx) => diagnose?.(ctx) ?? fd.diagnose(ctx),
  };
}
