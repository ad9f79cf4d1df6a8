import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createRng, type ExerciseCases } from "../graders/content";

/**
 * The second-round exercises' diagnose hooks name a cause only when the output shows it: on a generic wrong output
 * (the expected value with 1e−3 relative noise) they stay silent, and on each mutant's output they give the message
 * its `// expect:` line names for at least one hidden case. Runs in the host, on the same generators as grading.
 */
const root = __dirname;
const EXERCISES = [
  "probability/entropy-kl", "probability/bayes-posterior", "probability/monte-carlo-expectation", "probability/kl-gaussians",
  "backprop/inverse-grad", "softmax/multi-head-attention", "tensors/cp-reconstruct",
] as const;

type Module = Record<string, unknown>;

async function load(dir: string): Promise<{ cases: ExerciseCases; reference: Module; exports: string[] }> {
  const cases = (await import(path.join(root, dir, "cases.ts"))).default as ExerciseCases;
  const reference = (await import(path.join(root, dir, "reference.ts"))) as Module;
  const manifest = JSON.parse(readFileSync(path.join(root, dir, "manifest.json"), "utf8")) as { exports: string[] };
  return { cases, reference, exports: manifest.exports };
}

function call(cases: ExerciseCases, mod: Module, name: string, args: unknown[]): unknown {
  const copy = structuredClone(args);
  return cases.driver ? cases.driver(mod, name, copy) : (mod[name] as (...a: unknown[]) => unknown)(...copy);
}

/** Every finite number of a nested value moved by a relative 1e−3 to a few 1e−3 (either sign); integers (counts) are left alone. */
function perturb(v: unknown, next: () => number): unknown {
  if (typeof v === "number") return Number.isFinite(v) && !Number.isInteger(v) ? v * (1 + 1e-3 * Math.sign(next()) * (1 + Math.abs(next()))) : v;
  if (Array.isArray(v)) return v.map((x) => perturb(x, next));
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, k === "shape" ? x : perturb(x, next)]));
  return v;
}

function renormalise(v: unknown): unknown {
  const xs = v as number[];
  const s = xs.reduce((a, b) => a + b, 0);
  return xs.map((x) => x / s);
}

describe.each(EXERCISES)("%s diagnose", (dir) => {
  it("stays silent on a generic wrong output, and names each mutant's bug on some hidden case", async () => {
    const { cases, reference, exports } = await load(dir);
    const mutantDir = path.join(root, dir, "mutants");
    const mutants = await Promise.all(
      (await import("node:fs")).readdirSync(mutantDir).map(async (f) => ({
        file: f,
        expect: readFileSync(path.join(mutantDir, f), "utf8").match(/^\/\/ expect: (.*)$/m)![1]!.trim(),
        mod: (await import(path.join(mutantDir, f))) as Module,
      })),
    );
    const named = new Map<string, boolean>(mutants.map((m) => [m.file, false]));
    for (let seed = 1; seed <= 5; seed++) {
      for (const cls of cases.hidden) {
        const rng = createRng(seed, cls.name);
        const noise = createRng(seed, `noise ${cls.name}`);
        for (let i = 0; i < cls.count; i++) {
          const args = cls.generate(rng, i);
          const name = cls.call ?? exports[0]!;
          const expected = call(cases, reference, name, args);
          const ctx = { call: name, args: structuredClone(args), expected, tolerance: { rtol: 1e-9, atol: 1e-12 }, kind: "wrong-value" as const, visibility: "hidden" as const, caseName: cls.name };
          let generic = perturb(expected, () => noise.normal());
          if (dir.endsWith("bayes-posterior")) generic = renormalise(generic);
          if (JSON.stringify(generic) !== JSON.stringify(expected)) {
            expect(cases.diagnose!({ ...ctx, got: generic }), `${cls.name} #${i}, seed ${seed}`).toBeUndefined();
          }
          for (const m of mutants) {
            let got: unknown;
            try {
              got = call(cases, m.mod, name, args);
            } catch {
              continue; // a crash is judged before diagnose runs
            }
            const message = cases.diagnose!({ ...ctx, got });
            if (message?.en.includes(m.expect)) named.set(m.file, true);
          }
        }
      }
    }
    expect(Object.fromEntries(named)).toEqual(Object.fromEntries(mutants.map((m) => [m.file, true])));
  });
});
