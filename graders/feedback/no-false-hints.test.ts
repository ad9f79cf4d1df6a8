import { describe, expect, it } from "vitest";
import { createRng } from "../content/rng";
import { defaultContentRoot, loadCatalog } from "../exercise/catalog";
import { loadExerciseDir } from "../exercise/load";
import { prepareCases } from "../judge/prepare";
import { composeDiagnose } from "./index";

/**
 * A hint must not fire on an output that does not show its cause. The outputs here are the reference's own with
 * one entry nudged by an arbitrary amount: wrong, but matching no relation (×2, a sign, an offset …) and no typical
 * mistake. Any diagnosis or conditional hint that speaks up on them claims a cause the output does not have.
 */
function nudgeOneLeaf(value: unknown, pick: number): unknown {
  const copy = structuredClone(value);
  const leaves: { parent: Record<string | number, unknown>; key: string | number }[] = [];
  const walk = (v: unknown, parent?: Record<string | number, unknown>, key?: string | number) => {
    // Integer leaves are counts (calls, storage): a count nudged to 1.0279 is no output a program makes.
    if (typeof v === "number" && !Number.isInteger(v) && parent !== undefined && key !== undefined) leaves.push({ parent, key });
    else if (Array.isArray(v)) v.forEach((x, i) => walk(x, v as unknown as Record<number, unknown>, i));
    else if (typeof v === "object" && v !== null) for (const [k, x] of Object.entries(v)) walk(x, v as Record<string, unknown>, k);
  };
  if (typeof copy === "number") return copy * 1.0137 + 0.0071;
  walk(copy);
  if (leaves.length === 0) return undefined;
  const { parent, key } = leaves[pick % leaves.length]!;
  const x = parent[key] as number;
  parent[key] = x * 1.0137 + 0.0071 * (1 + Math.abs(x));
  return copy;
}

/**
 * Sentences that report a measured fact about the output (it sums to 1.007, not 1; a value lies outside [0, 1/4];
 * which part of a result is wrong) and restate the rule it breaks are allowed: they are true of any wrong output
 * that breaks the rule. Claims of a cause ("you divided by n", "dV is right but …, so the error is in …") are not.
 */
const FACTS = [
  /sums? to -?[\d.e+-]+, not [01]/, /lies in \[/, /part of \w+ is wrong/, /^Row \d+ of dx sums/, /^Column \d+ of your Jacobian sums/,
  /^Ak\[i\]\[j\] = Σ/, /^error should be √/, /^dbeta should be the sum/, /^Your weight gradients are right but dx is not: x reaches/,
];
const isFact = (s: string) => FACTS.some((re) => re.test(s));

const catalog = loadCatalog(defaultContentRoot());

describe("no hint fires on an output that does not match its condition", () => {
  for (const entry of catalog.exercises) {
    it(entry.id, () => {
      const ex = loadExerciseDir(entry.dir);
      if (ex.manifest.mode === "invariant") return;
      const diagnose = composeDiagnose(ex.manifest.mode, ex.cases);
      if (!diagnose) return;
      const rng = createRng(7, entry.id);
      const fired: string[] = [];
      for (const seed of [1, 2]) {
        for (const c of prepareCases(ex, seed, "submit")) {
          const got = nudgeOneLeaf(c.expected, rng.int(0, 1000));
          if (got === undefined) continue;
          const said = diagnose({ call: c.call, args: structuredClone(c.args), got, expected: c.expected, tolerance: c.tolerance, kind: "wrong-value", visibility: c.visibility, caseName: c.name });
          if (said && !isFact(said.en)) fired.push(`${c.name}: ${said.en}`);
        }
      }
      expect(fired).toEqual([]);
    });
  }
});
