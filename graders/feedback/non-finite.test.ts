import { describe, expect, it } from "vitest";
import { loadExercise, readMutants } from "../exercise/load";
import { gradeJob } from "../grade";
import type { Verdict } from "../verdict";
import { nonFiniteCause } from "./non-finite";
import { sandboxForSuite } from "../test/sandbox-suite";

/** The likely cause of a NaN or Infinity, named only when the case shows the evidence (issue 14). */
describe("nonFiniteCause on outputs of sample code", () => {
  it("Math.max() of an empty row is −Infinity: named when an input is empty", () => {
    const rowMax = (xs: number[][]) => xs.map((r) => Math.max(...r));
    const args = [[[1, 2], []]];
    const got = rowMax(args[0]!);
    expect(got[1]).toBe(-Infinity);
    expect(nonFiniteCause({ args, expected: [2, 0], got })?.en).toContain("Math.max() of an empty list is −Infinity");
  });

  it("reading one past the end of an array gives NaN at the last entry only; before the start, at the first", () => {
    const diffs = (x: number[]) => x.map((_, i) => x[i + 1]! - x[i]!);
    const back = (x: number[]) => x.map((_, i) => x[i]! - x[i - 1]!);
    const x = [1, 4, 9, 16];
    expect(nonFiniteCause({ args: [x], expected: [3, 5, 7, 0], got: diffs(x) })?.en).toContain("reading one past the end of an array");
    expect(nonFiniteCause({ args: [x], expected: [0, 3, 5, 7], got: back(x) })?.en).toContain("reading before the start of an array");
  });

  it("an entrywise reciprocal of an input with a 0 at the same place gives Infinity there", () => {
    const recip = (A: number[][]) => A.map((r) => r.map((x) => 1 / x));
    const A = [[2, 0], [0, 3]];
    expect(nonFiniteCause({ args: [A], expected: [[0.5, 0], [0, 1 / 3]], got: recip(A) })?.en).toContain("The input has a 0 at [0][1]");
    // Not on a hidden case: that would tell an input entry.
    expect(nonFiniteCause({ args: [A], expected: [[0.5, 0], [0, 1 / 3]], got: recip(A), visibility: "hidden" })?.en ?? "").not.toContain("0 at");
    // Infinity elsewhere than at an input's 0: not this cause.
    expect(nonFiniteCause({ args: [A], expected: [[0.5, 0], [0, 1 / 3]], got: [[Infinity, 0], [0, 1]] })).toBeUndefined();
  });

  it("names no cause without its evidence", () => {
    // A NaN in the middle of ordinary numbers: no cause is certain, so the generic list stays.
    expect(nonFiniteCause({ args: [[1, 2, 3, 4]], expected: [1, 2, 3, 4], got: [1, NaN, 3, 4] })).toBeUndefined();
    // An iteration count of 1000 is a count, not a value exp would see.
    expect(nonFiniteCause({ args: [[[1, 2], [3, 4]], 1000], expected: [1, 2, 3], got: [1, 2, Infinity] })).toBeUndefined();
    // Matrices scaled by 1e100 are not exp's business (nor, below 1e150, a square's).
    expect(nonFiniteCause({ args: [[[1e100, 2e100], [3e100, 4e100]]], expected: [1, 2, 3], got: [1, 2, NaN] })?.en ?? "").not.toContain("exp");
    // The right answer is Infinity there: nothing to explain.
    expect(nonFiniteCause({ args: [[0.5, 0.5], [1, 0]], expected: Infinity, got: Infinity })).toBeUndefined();
    // A zero vector explains the NaN before an off-by-one would.
    expect(nonFiniteCause({ args: [[[0, 0, 0], [1, 2, 3]]], expected: [1, 2, 0], got: [1, 2, NaN] })?.en).toContain("all-zero");
  });
});

describe("the NaN/Infinity paragraph fitted to what happened, on mutants in the isolate sandbox", () => {
  const sandbox = sandboxForSuite();

  async function grade(id: string, mutant: string, seed = 1): Promise<Verdict> {
    const ex = loadExercise(id);
    const m = readMutants(ex).find((x) => x.name === mutant);
    expect(m, `${id}/${mutant}`).toBeDefined();
    return gradeJob({ exerciseId: id, code: m!.source, seed, scope: "submit" }, sandbox, { exercise: ex });
  }
  const caseOf = (v: Verdict, name: string) => {
    const c = v.cases.find((x) => x.name === name && x.kind === "non-finite");
    expect(c, `${name}: ${v.cases.map((x) => `${x.name}/${x.kind}`).join(", ")}`).toBeDefined();
    return c!;
  };
  const GENERIC = /NaN comes from|A value overflowed/;

  it("a division by a zero norm (ridge-svd without the zero guard, visible zero matrix)", async () => {
    const c = caseOf(await grade("ridge-svd", "no-zero-guard"), "zero matrix, λ = 0");
    expect(c.message.en).toContain("all-zero row, column or vector");
    expect(c.message.en).not.toMatch(GENERIC);
    expect(c.message.ja).toContain("成分がすべて 0");
  }, 120_000);

  it("squares beyond 1e150 and below 1e-150 (energy-ratio with naive squares, hidden classes)", async () => {
    const v = await grade("energy-ratio", "naive-squares");
    const huge = caseOf(v, "huge singular values");
    expect(huge.message.en).toContain("beyond 1e150");
    const tiny = caseOf(v, "tiny singular values");
    expect(tiny.message.en).toContain("smaller than 1e-150");
    // Hidden: the fact about the class, no value of the case.
    for (const c of [huge, tiny]) expect(c.details?.got).toBeUndefined();
  }, 120_000);

  it("exp overflow where the inputs pass 709 (activation-grads' sigmoid without the stable form, hidden saturation class)", async () => {
    const c = caseOf(await grade("activation-grads", "sigmoid-overflow"), "sigmoid: saturation");
    expect(c.message.en).toContain("larger than 709");
    expect(c.message.en).not.toMatch(GENERIC);
  }, 120_000);

  it("keeps the generic list when nothing in the case points at a cause", async () => {
    const c = caseOf(await grade("power-iteration", "normalizes-only-at-the-end"), "small gap, many rounds");
    expect(c.message.en).toMatch(GENERIC);
  }, 120_000);
});
