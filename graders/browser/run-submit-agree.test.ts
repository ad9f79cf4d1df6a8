import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { defaultContentRoot } from "../exercise/catalog";
import { loadExercise } from "../exercise/load";
import { visibleRunPayload } from "../judge/visible-payload";
import { transpileLearnerCode } from "../sandbox/transpile";
import { runVisibleCases } from "./run-visible";

/** Run (in the browser) and Submit (on the server) must refuse the same imports with the same words. */
describe("Run and Submit agree on the allowed linalg helpers", () => {
  const ex = loadExercise("rank-k-approx", defaultContentRoot());
  const reference = readFileSync(path.join(ex.dir, "reference.ts"), "utf8");
  const withMatmul = reference.replace('import { svd } from "linalg";', 'import { svd, matmul } from "linalg";');

  it("refuses matmul in rank-k-approx on Run as Submit does, at the same line", () => {
    expect(withMatmul).not.toBe(reference);
    const submit = transpileLearnerCode(withMatmul, ex.manifest.helpers);
    expect(submit.ok).toBe(false);
    const run = runVisibleCases(visibleRunPayload(ex), withMatmul);
    expect(run.status).toBe("failed");
    expect(run.compileError?.message).toBe(submit.ok ? "" : submit.error.message);
    expect(run.compileError?.message).toContain('"matmul" cannot be imported from "linalg": this exercise allows only: svd');
    expect(run.compileError?.position?.line).toBe(1);
  });

  it("both accept the allowed import", () => {
    expect(transpileLearnerCode(reference, ex.manifest.helpers).ok).toBe(true);
    expect(runVisibleCases(visibleRunPayload(ex), reference).status).toBe("passed");
  });
});
