import { describe, expect, it } from "vitest";
import { defaultContentRoot, loadCatalog } from "../exercise/catalog";
import { loadExerciseDir } from "../exercise/load";
import { prepareCases } from "../judge/prepare";

/**
 * diagnoseShape names the cause of a wrong-shaped output ("all k + p triples"). Fed the reference's output with one
 * array one entry longer (a wrong shape that matches no typical mistake), it must say nothing; and it must never
 * throw, whatever the structure.
 */
function lengthenOneArray(value: unknown, pick: number): unknown {
  const copy = structuredClone(value);
  const arrays: unknown[][] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) {
      arrays.push(v);
      v.forEach(walk);
    } else if (typeof v === "object" && v !== null) Object.values(v).forEach(walk);
  };
  walk(copy);
  const a = arrays[pick % arrays.length];
  if (a && a.length > 0) a.push(structuredClone(a[a.length - 1]));
  return copy;
}

const catalog = loadCatalog(defaultContentRoot());

describe("diagnoseShape fires only on the shape it names", () => {
  const withHook = catalog.exercises.map((e) => loadExerciseDir(e.dir)).filter((ex) => ex.cases.diagnoseShape);
  it("is used by at least one exercise", () => expect(withHook.length).toBeGreaterThan(0));
  for (const ex of withHook) {
    it(ex.id, () => {
      const fired: string[] = [];
      for (const seed of [1, 2]) {
        for (const c of prepareCases(ex, seed, "submit")) {
          for (const [i, got] of [lengthenOneArray(c.expected, seed * 7 + c.name.length), 42, "text", null, [], {}].entries()) {
            const said = ex.cases.diagnoseShape!({ call: c.call, args: structuredClone(c.args), got, expected: c.expected, tolerance: c.tolerance, kind: "shape", visibility: c.visibility, caseName: c.name });
            if (said) fired.push(`${c.name} #${i}: ${said.en}`);
          }
        }
      }
      expect(fired).toEqual([]);
    });
  }
});
