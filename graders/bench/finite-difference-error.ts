/**
 * npx tsx graders/bench/finite-difference-error.ts [exercise-id …] [--seeds N]
 *
 * How close a gradient by central differences of the forward pass comes to the analytic one, on an exercise's own
 * cases: for each gradcheck exercise, each case of N seeds (visible and hidden) and each step h = 10⁻¹ … 10⁻⁹, the
 * exercise's numericGradient() hook (central differences of the forward, with the cancellation-free branches a
 * careful learner would use) is compared with the reference output by the norm-wise relative error ‖g − g*‖/‖g*‖
 * of each field. A learner may pick the best step per case, so the figure that matters is, per case, the smallest
 * error over h of the worst field; printed are the smallest and the largest of these over all cases, and the best
 * error of each field alone (a field that is linear in its variable is exact up to rounding at a large step).
 * error of each field alone (a field that is linear in its variable is exact up to rounding at a large step), and per
 * seed the largest figure over its cases (a submission fails when one case fails).
 * A tolerance closes the shortcut on every case when it lies below the smallest figure with margin.
 */
import { parseArgs } from "node:util";
import { defaultContentRoot, loadCatalog } from "../exercise/catalog";
import { loadExerciseDir } from "../exercise/load";
import { prepareCases, referenceOutput } from "../judge/prepare";
import { flattenNumbers } from "../compare";

const STEPS = [1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-7, 1e-8, 1e-9];

function normRel(g: readonly number[], e: readonly number[]): number {
  let d = 0;
  let n = 0;
  for (let i = 0; i < e.length; i++) {
    d += (g[i]! - e[i]!) ** 2;
    n += e[i]! ** 2;
  }
  return n === 0 ? Math.sqrt(d) : Math.sqrt(d / n);
}

const fmt = (x: number) => x.toExponential(1);

type M = number[][];
const rev = <T>(a: readonly T[]): T[] => [...a].reverse();
const revCols = (A: M): M => A.map((r) => rev(r));

/**
 * Another right evaluation of the same gradient: the reference on reordered inputs, put back in order. Only the
 * order of the floating-point sums changes, so the difference is the rounding spread a right formula has, which
 * the bound must leave room for (activation-grads: the textbook formulas instead). Keyed by exercise id: [reordered args, output back in the original order].
 */
const REORDER: Record<string, { args: (a: unknown[]) => unknown[]; back: (out: unknown, a: unknown[]) => unknown; alt?: (call: string, a: unknown[]) => unknown }> = {
  // Elementwise: the textbook formulas σ(1 − σ) and 1 − tanh² instead of the reference's.
  "activation-grads": {
    args: (a) => a,
    back: (o) => o,
    alt: (call, [x]) => (x as number[]).map((v) => {
      if (call === "tanhGrad") return 1 - Math.tanh(v) ** 2;
      const s = 1 / (1 + Math.exp(-v));
      return s * (1 - s);
    }),
  },
  "softmax-jacobian": { args: ([z]) => [rev(z as number[])], back: (J) => rev((J as M).map((r) => rev(r))) },
  "softmax-ce-grad": { args: ([z, t]) => [rev(z as number[]), (z as number[]).length - 1 - (t as number)], back: (g) => rev(g as number[]) },
  "logdet-grad": { args: ([X]) => [(X as M)[0]!.map((_, j) => (X as M).map((r) => r[j]!))], back: (G) => (G as M)[0]!.map((_, j) => (G as M).map((r) => r[j]!)) },
  "layernorm-backward": {
    args: ([x, g, dy, eps]) => [revCols(x as M), rev(g as number[]), revCols(dy as M), eps],
    back: (o) => { const r = o as { dx: M; dgamma: number[]; dbeta: number[] }; return { dx: revCols(r.dx), dgamma: rev(r.dgamma), dbeta: rev(r.dbeta) }; },
  },
  "attention-backward": {
    args: ([Q, K, V, d]) => [Q, rev(K as M), rev(V as M), d],
    back: (o) => { const r = o as { dQ: M; dK: M; dV: M }; return { dQ: r.dQ, dK: rev(r.dK), dV: rev(r.dV) }; },
  },
  "transformer-block-backward": {
    args: ([x, p, d]) => [rev(x as M), p, rev(d as M)],
    back: (o) => { const r = o as Record<string, unknown>; return { ...r, dx: rev(r.dx as M) }; },
  },
};

function main(): void {
  const { values, positionals } = parseArgs({ args: process.argv.slice(2), allowPositionals: true, options: { seeds: { type: "string" } } });
  const seeds = Number(values.seeds ?? 3);
  const catalog = loadCatalog(defaultContentRoot());
  for (const entry of catalog.exercises) {
    if (positionals.length > 0 && !positionals.includes(entry.id)) continue;
    const ex = loadExerciseDir(entry.dir);
    if (ex.manifest.mode !== "gradcheck" || !ex.cases.numericGradient) continue;
    let lo = Infinity;
    let loAt = "";
    let hi = 0;
    const fieldBest = new Map<string, number>();
    const seen = new Set<string>();
    let submission = Infinity;
    let spread = 0;
    const reorder = REORDER[ex.manifest.id];
    for (let seed = 1; seed <= seeds; seed++) {
      let worstCase = 0;
      for (const c of prepareCases(ex, seed, "submit")) {
        if (c.visibility === "visible" && seen.has(c.name)) continue;
        seen.add(c.name);
        // An exercise's analytic-gradient rule may leave ill-conditioned cases to the gradient check (its check()
        // then says nothing about the reference's own output): those cases do not count.
        const ctx = { call: c.call, args: structuredClone(c.args), got: c.expected, expected: c.expected, tolerance: c.tolerance };
        if (ex.cases.check && ex.cases.check(ctx).length === 0) continue;
        if (reorder) {
          const other = reorder.alt ? reorder.alt(c.call, c.args) : reorder.back(referenceOutput(ex, c.call, reorder.args(structuredClone(c.args))), c.args);
          for (const field of Object.keys(ex.cases.numericGradient(structuredClone(c.args), 1e-3, c.call))) {
            const e = field === "" ? c.expected : (c.expected as Record<string, unknown>)[field];
            const o = field === "" ? other : (other as Record<string, unknown>)[field];
            spread = Math.max(spread, normRel(flattenNumbers(o), flattenNumbers(e)));
          }
        }
        let best = Infinity;
        let bestH = 0;
        for (const h of STEPS) {
          const numeric = ex.cases.numericGradient(structuredClone(c.args), h, c.call);
          let worst = 0;
          for (const [field, gn] of Object.entries(numeric)) {
            const e = field === "" ? c.expected : (c.expected as Record<string, unknown>)[field];
            const r = normRel(flattenNumbers(gn), flattenNumbers(e));
            worst = Math.max(worst, Number.isNaN(r) ? Infinity : r);
            fieldBest.set(field, Math.min(fieldBest.get(field) ?? Infinity, r));
          }
          if (worst < best) {
            best = worst;
            bestH = h;
          }
        }
        if (best < lo) {
          lo = best;
          loAt = `${c.name} (seed ${seed}, h ${bestH})`;
        }
        hi = Math.max(hi, best);
        worstCase = Math.max(worstCase, best);
      }
      submission = Math.min(submission, worstCase);
    }
    const fields = [...fieldBest].map(([f, r]) => `${f || "gradient"} ${fmt(r)}`).join(", ");
    process.stdout.write(`${ex.manifest.id}: best-step error of the worst field ${fmt(lo)} … ${fmt(hi)} over cases (smallest at ${loAt}); per submission (its worst case) at least ${fmt(submission)}; each field at best: ${fields}${reorder ? `; a right formula (reordered sums) differs by at most ${fmt(spread)}` : ""}\n`);
  }
}

main();
