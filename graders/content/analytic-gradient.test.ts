import { describe, expect, it } from "vitest";
import { analyticGradient, withAnalyticGradient } from "./analytic-gradient";
import { defineCases } from "./cases";

const ctx = (args: unknown[], got: unknown, expected: unknown) => ({
  call: "f", args, got, expected, tolerance: { rtol: 1e-9, atol: 1e-12 }, kind: "wrong-value" as const, visibility: "hidden" as const, caseName: "c",
});

describe("analyticGradient", () => {
  const rule = analyticGradient({ fields: ["dx", "db"], bound: 1e-12, measured: "3e−10", applies: ([n]) => n !== 0 });
  const expected = { dx: [[1, -2], [3, 0.5]], db: [4, -1] };
  const scaled = (c: number) => ({ dx: expected.dx.map((r) => r.map((v) => v * c)), db: expected.db.map((v) => v * c) });

  it("passes the analytic gradient up to rounding and fails one off by a finite difference's error", () => {
    expect(rule.check(ctx([1], scaled(1 + 1e-15), expected)).every((r) => r.ok)).toBe(true);
    const fd = rule.check(ctx([1], { ...expected, dx: scaled(1 + 3e-10).dx }, expected));
    expect(fd.map((r) => r.ok)).toEqual([false, true]);
    expect(fd[0]!.message.en).toMatch(/^dx agrees with the analytic gradient only to a relative 3\.0e-10/);
  });

  it("names a finite difference only when every field is within a gradient check's band and one is past the bound", () => {
    expect(rule.diagnose(ctx([1], scaled(1 + 3e-10), expected))?.en).toMatch(/the accuracy of a finite difference/);
    expect(rule.diagnose(ctx([1], scaled(1.01), expected))).toBeUndefined(); // a real mistake, not rounding
    expect(rule.diagnose(ctx([1], scaled(1 + 1e-15), expected))).toBeUndefined(); // right
    expect(rule.diagnose(ctx([0], scaled(1 + 3e-10), expected))).toBeUndefined(); // a case the rule leaves alone
    expect(rule.check(ctx([0], scaled(1 + 3e-10), expected))).toEqual([]);
  });

  it("compares a zero gradient absolutely", () => {
    const zero = { dx: [[0, 0]], db: [0] };
    expect(rule.check(ctx([1], { dx: [[1e-13, 0]], db: [0] }, zero)).every((r) => r.ok)).toBe(true);
    expect(rule.check(ctx([1], { dx: [[1e-9, 0]], db: [0] }, zero))[0]!.ok).toBe(false);
  });

  it("keeps an exercise's own check and diagnosis first", () => {
    const cases = withAnalyticGradient(
      defineCases({
        visible: [{ name: "v", args: [1] }],
        hidden: [],
        check: () => [{ ok: false, message: { en: "own", ja: "own" } }],
        diagnose: () => ({ en: "own diagnosis", ja: "own diagnosis" }),
      }),
      { fields: [""], bound: 1e-12, measured: "1e−10" },
    );
    const results = cases.check!(ctx([1], [1 + 1e-9], [1]));
    expect(results.map((r) => r.message.en)).toEqual(["own", expect.stringMatching(/^The gradient agrees/)]);
    expect(cases.diagnose!(ctx([1], [1 + 1e-9], [1]))?.en).toBe("own diagnosis");
  });
});
