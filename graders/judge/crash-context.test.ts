import { describe, expect, it } from "vitest";
import { localRunner } from "../browser/local-runner";
import { runVisibleCases } from "../browser/run-visible";
import { loadExercise } from "../exercise/load";
import { gradeJob } from "../grade";
import { prepareCases } from "./prepare";
import { enclosingFunction, parameterNames, shapeOf } from "./crash-context";
import { visibleRunPayload } from "./visible-payload";
import { sandboxForSuite } from "../test/sandbox-suite";

describe("what was being computed when learner code threw", () => {
  it("finds the function around a line: declarations, arrows, methods; not callbacks, strings or comments", () => {
    const src = [
      "export function outer(a: number[]): number[] {", // 1
      "  // a comment with a { brace", // 2
      "  const s = \"a string { with } braces\";", // 3
      "  return a.map((x) => {", // 4
      "    return inner(x);", // 5
      "  });", // 6
      "}", // 7
      "const inner = (x: number): number => {", // 8
      "  if (x > 0) {", // 9
      "    throw new Error(`no ${x}`);", // 10
      "  }", // 11
      "  return x;", // 12
      "};", // 13
      "class Dual {", // 14
      "  mul(b: Dual | number): Dual {", // 15
      "    return this;", // 16
      "  }", // 17
      "}", // 18
    ].join("\n");
    expect(enclosingFunction(src, 3)).toBe("outer");
    expect(enclosingFunction(src, 5)).toBe("outer");
    expect(enclosingFunction(src, 10)).toBe("inner");
    expect(enclosingFunction(src, 16)).toBe("mul");
    expect(enclosingFunction("const x = 1;\nthrow new Error();", 2)).toBeUndefined();
  });

  it("reads parameter names from the signature and shapes from the arguments, never values", () => {
    expect(parameterNames("export function lstsq(A: number[][], b: number[]): number[];", "lstsq")).toEqual(["A", "b"]);
    expect(parameterNames("export function f(g: (x: number[]) => number, x: number[], h?: number): number[];", "f")).toEqual(["g", "x", "h"]);
    expect(shapeOf([[1, 2, 3], [4, 5, 6]])).toBe("2×3 matrix");
    expect(shapeOf([1.5, 2])).toBe("a vector of length 2");
    expect(shapeOf({ shape: [2, 3, 4], data: [] })).toBe("a 2×3×4 tensor");
    expect(shapeOf(3.25)).toBe("a number");
  });
});

describe("a crash on Submit (isolate sandbox) and on Run", () => {
  const sandbox = sandboxForSuite();

  const ex = loadExercise("least-squares");
  // Throws on every system: the visible case, the hidden class and the learner's line are named.
  const code = [
    'import { svd } from "linalg";',
    "",
    "function solveWith(A: number[][], b: number[]): number[] {",
    "  const { U } = svd(A);",
    "  if (U.length > 0) throw new TypeError(`cannot solve ${A[0]![0]} ${b[0]}`);",
    "  return b;",
    "}",
    "",
    "export function lstsq(A: number[][], b: number[]): number[] {",
    "  return solveWith(A, b);",
    "}",
  ].join("\n");

  it("names the visible case, the shapes of its arguments, the learner's function and line", async () => {
    const v = await gradeJob({ exerciseId: ex.id, code, seed: 3, scope: "submit" }, sandbox, { exercise: ex });
    const visible = v.cases.find((c) => c.visibility === "visible")!;
    const [A, b] = ex.cases.visible[0]!.args as [number[][], number[]];
    expect(visible.message.en).toContain(`Thrown while computing the visible case “${visible.label.en}” (lstsq(A: ${A.length}×${A[0]!.length} matrix, b: a vector of length ${b.length})), in solveWith at line 5: \`if (U.length > 0) throw new TypeError(`);
    expect(visible.message.ja).toContain(`公開ケース「${visible.label.ja}」`);
    expect(visible.message.ja).toContain("solveWith の中、5 行目");
  }, 120_000);

  it("names only the class of a hidden case: no shapes, no values, not the thrown message", async () => {
    const v = await gradeJob({ exerciseId: ex.id, code, seed: 3, scope: "submit" }, sandbox, { exercise: ex });
    const hiddenCases = prepareCases(ex, 3, "submit").filter((c) => c.visibility === "hidden");
    const hidden = v.cases.filter((c) => c.visibility === "hidden" && c.kind === "runtime-error");
    expect(hidden.length).toBeGreaterThan(2);
    // Each class says it once (later cases of the class point back to it).
    for (const name of new Set(hidden.map((c) => c.name))) {
      const first = hidden.find((c) => c.name === name)!;
      expect(first.message.en).toContain(`Thrown while computing a case of the hidden class “${first.label.en}”, in solveWith at line 5`);
    }
    for (const c of hidden) {
      const text = `${c.message.en} ${c.message.ja}`;
      // The quoted line is the learner's source; the thrown message (with the values) is not shown.
      expect(text).not.toMatch(/\d+×\d+ matrix|vector of length|\d+×\d+ 行列|長さ \d+ のベクトル|cannot solve -?\d/);
      // No number of the hidden inputs (first entries of A and b) appears.
      for (const p of hiddenCases.filter((h) => h.name === c.name)) {
        const [hA, hb] = p.args as [number[][], number[]];
        for (const x of [hA[0]![0]!, hb[0]!]) if (Math.abs(x) > 10 || !Number.isInteger(x)) expect(text).not.toContain(String(x));
      }
    }
  }, 120_000);

  it("Run says the same about a visible crash as Submit", async () => {
    const run = runVisibleCases(visibleRunPayload(ex), code);
    const submit = await gradeJob({ exerciseId: ex.id, code, seed: 3, scope: "run" }, localRunner, { exercise: ex });
    const sub = await gradeJob({ exerciseId: ex.id, code, seed: 3, scope: "run" }, sandbox, { exercise: ex });
    expect(run.cases.map((c) => c.message)).toEqual(sub.cases.map((c) => c.message));
    expect(submit.cases.map((c) => c.message)).toEqual(sub.cases.map((c) => c.message));
  }, 120_000);
});
