import { describe, expect, it } from "vitest";
import { MAX_RUN_MS, runBudgetMs, sandboxDeadlineMs } from "./budget";

describe("one submission's time budget", () => {
  it("is capped at 10 s of learner code, however many cases and whatever the per-call limit", () => {
    expect(MAX_RUN_MS).toBe(10_000);
    // softmax (2 s per call, 12 cases) was 16 s; svd-jacobi (4 s) was 32 s.
    expect(runBudgetMs({ timeoutMs: 2_000 }, 12)).toBe(10_000);
    expect(runBudgetMs({ timeoutMs: 4_000 }, 12)).toBe(10_000);
    expect(sandboxDeadlineMs({ timeoutMs: 2_000 }, 12, 1_000)).toBe(11_500);
  });

  it("still fits the top level and one call of an exercise whose own limit is long", () => {
    expect(runBudgetMs({ timeoutMs: 6_000 }, 3)).toBe(12_000);
    expect(runBudgetMs({ timeoutMs: 1_000 }, 2)).toBe(3_000);
  });
});
