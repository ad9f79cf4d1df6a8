import { describe, expect, it } from "vitest";
import { checkStructure, closeFailure, compareClose, formatPath, formatValue, mismatchFailure, ndShape } from "./index";

const tol = { rtol: 1e-9, atol: 1e-12 };

describe("checkStructure on untrusted outputs", () => {
  it("names a transposed matrix in words", () => {
    const issue = checkStructure([[1, 2, 3, 4], [1, 2, 3, 4], [1, 2, 3, 4]], [[1, 1, 1], [2, 2, 2], [3, 3, 3], [4, 4, 4]]);
    expect(issue?.kind).toBe("shape");
    expect(issue?.message.en).toContain("expected 3×4, got 4×3");
    expect(issue?.message.en).toContain("transposed");
    expect(issue?.message.ja).toContain("3×4");
  });

  it("refuses a typed array where the signature says number[] and says how to convert it", () => {
    const issue = checkStructure([0.5, 0.5], new Float64Array([0.5, 0.5]));
    expect(issue?.kind).toBe("type");
    expect(issue?.message.en).toBe("returned a Float64Array; the signature says number[]: return Array.from(…) instead.");
  });

  it("explains a nested array of the wrong depth", () => {
    const issue = checkStructure([[1, 2], [3, 4]], [1, 2, 3, 4]);
    expect(issue?.message.en).toContain("expected 2×2 (number[][]), got length 4 (number[])");
    const deeper = checkStructure([1, 2], [[1], [2]]);
    expect(deeper?.message.en).toContain("expected length 2 (number[]), got 2×1 (number[][])");
  });

  it("reports a string, null or a Map instead of a number or array", () => {
    expect(checkStructure(1, "0.5")?.message.en).toBe('expected a number, got a string ("0.5").');
    expect(checkStructure([1], null)?.message.en).toContain("got null");
    expect(checkStructure([1], new Map([[0, 1]]))?.message.en).toContain("got a Map");
    expect(checkStructure({ a: 1 }, [1])?.message.en).toContain("expected an object, got an array");
  });

  it("finds a ragged row and a non-number leaf with their index", () => {
    const ragged = checkStructure([[1, 2], [3, 4], [5, 6]], [[1, 2], [3], [5, 6]]);
    expect(ragged?.kind).toBe("shape");
    expect(ragged?.path).toEqual([1]);
    const leaf = checkStructure([[1, 2], [3, 4]], [[1, 2], [3, "4"]]);
    expect(leaf?.path).toEqual([1, 1]);
    expect(leaf?.message.en).toContain("in [1][1]: expected a number");
    const hole = checkStructure([1, 2, 3], [1, , 3]); // eslint-disable-line no-sparse-arrays
    expect(hole?.path).toEqual([1]);
  });

  it("names a missing field of an object result and checks fields recursively", () => {
    const expected = { Ak: [[1, 0], [0, 1]], error: 0, storage: 5 };
    expect(checkStructure(expected, { Ak: [[1, 0], [0, 1]], err: 0, storage: 5 })?.message.en).toContain('the result has no field "error"');
    const issue = checkStructure(expected, { Ak: [[1, 0]], error: 0, storage: 5 });
    expect(issue?.message.en).toContain("in Ak: expected 2×2, got 1×2");
    expect(checkStructure(expected, { ...expected, extra: "ignored" })).toBeUndefined();
  });

  it("costs at most the size of the expected value on hostile input", () => {
    const huge = new Array(5_000_000).fill(0);
    expect(checkStructure([1, 2, 3], huge)?.message.en).toBe("expected length 3, got length 5000000.");
    let deep: unknown = 1;
    for (let i = 0; i < 10_000; i++) deep = [deep];
    expect(checkStructure([[1]], deep)?.kind).toBe("shape");
  });

  it("accepts an output of the same structure", () => {
    expect(checkStructure([[1, 2], [3, 4]], [[5, 6], [7, NaN]])).toBeUndefined();
    expect(checkStructure({ shape: [2], data: [1, 2] }, { shape: [2], data: [3, 4] })).toBeUndefined();
    expect(checkStructure("pass", "fail")).toBeUndefined();
  });

  it("computes the dimensions of rectangular numeric arrays only", () => {
    expect(ndShape([[1, 2, 3], [4, 5, 6]])).toEqual([2, 3]);
    expect(ndShape([[1], [2, 3]])).toBeUndefined();
    expect(ndShape(5)).toEqual([]);
  });
});

describe("compareClose", () => {
  it("applies |a − b| ≤ atol + rtol·|b| at the boundary", () => {
    expect(compareClose([100], [100 + 1e-7], { rtol: 1e-9, atol: 0 }).ok).toBe(true);
    expect(compareClose([100], [100 + 1.1e-7], { rtol: 1e-9, atol: 0 }).ok).toBe(false);
    expect(compareClose([0], [5e-13], tol).ok).toBe(true);
    expect(compareClose([0], [2e-12], tol).ok).toBe(false);
  });

  it("reports the first differing index, expected against got, the largest errors and the tolerance", () => {
    const report = compareClose([[1, 2], [3, 4]], [[1, 2], [3.5, 4.1]], tol);
    expect(report.firstDiff?.path).toEqual([1, 0]);
    expect(report.maxAbsError).toBeCloseTo(0.5);
    expect(report.maxRelError).toBeCloseTo(0.5 / 3);
    const f = closeFailure(report, tol, true);
    expect(f.kind).toBe("wrong-value");
    expect(f.message.en).toContain("differs at [1][0]: expected 3, got 3.5");
    expect(f.message.en).toContain("tolerance |got − expected| ≤ 1e-12 + 1e-9·|expected|");
    expect(f.details).toMatchObject({ index: [1, 0], expected: "3", got: "3.5", rtol: 1e-9, atol: 1e-12 });
  });

  it("shows no values for a hidden case", () => {
    const f = closeFailure(compareClose([1, 2], [1, 3], tol), tol, false);
    expect(f.message.en).toContain("differs at [1]");
    expect(f.message.en).not.toContain("expected 2");
    expect(f.details.expected).toBeUndefined();
    expect(f.details.got).toBeUndefined();
  });

  it("locates NaN and Infinity and explains them", () => {
    const nan = closeFailure(compareClose([0.1, 0.2, 0.7], [0.1, 0.2, NaN], tol), tol, true);
    expect(nan.kind).toBe("non-finite");
    expect(nan.message.en).toContain("NaN at [2]");
    expect(nan.message.en).toContain("0/0");
    expect(nan.message.en).toContain("overflow");
    const inf = closeFailure(compareClose({ y: [1, 2] }, { y: [Infinity, 2] }, tol), tol, true);
    expect(inf.message.en).toContain("Infinity at y[0]");
  });

  it("treats an expected NaN or Infinity as equal only to itself", () => {
    expect(compareClose([Infinity, NaN], [Infinity, NaN], tol).ok).toBe(true);
    expect(compareClose([Infinity], [-Infinity], tol).ok).toBe(false);
    expect(compareClose([Infinity], [1e308], tol).ok).toBe(false);
  });

  it("compares strings and booleans exactly", () => {
    const report = compareClose({ verdict: "pass" }, { verdict: "fail" }, tol);
    expect(report.ok).toBe(false);
    expect(closeFailure(report, tol, true).message.en).toBe('differs at verdict: expected "pass", got "fail".');
  });
});

describe("formatting", () => {
  it("cuts long values with a visible marker", () => {
    const s = formatValue(Array.from({ length: 1000 }, (_, i) => i), 50);
    expect(s.length).toBeLessThanOrEqual(50);
    expect(s.endsWith("…")).toBe(true);
    expect(formatPath(["grads", "dW", 2, 0])).toBe("grads.dW[2][0]");
  });
});

describe("mismatchFailure: field by field, counts exactly, short vectors whole", () => {
  const tol = { rtol: 1e-9, atol: 1e-12 };
  it("reports an integer count without 'max rel error Infinity', at the field that differs", () => {
    const expected = { Ak: [[1, 0], [0, 0]], error: 0, storage: 10 };
    const got = { Ak: [[1, 0], [0, 1e-17]], error: 1e-17, storage: 12 };
    const f = mismatchFailure(expected, got, tol, true);
    expect(f.message.en).toBe("storage differs: expected 10, got 12 (integers, compared exactly). Ak, error are right.");
    expect(f.message.en).not.toContain("Infinity");
    expect(mismatchFailure(expected, got, tol, false).message.en).toBe("storage differs (integers, compared exactly). Ak, error are right.");
  });

  it("shows the whole of a short vector, and one entry of a long one", () => {
    const f = mismatchFailure([0.09, 0.24, 0.67], [0.09, 0.3, 0.61], tol, true);
    expect(f.message.en).toContain("differs at [1] (first difference; the whole vector is shown): expected [0.09, 0.24, 0.67], got [0.09, 0.3, 0.61]");
    const long = Array.from({ length: 20 }, (_, i) => i + 0.5);
    const g = long.slice();
    g[3] = 0;
    expect(mismatchFailure(long, g, tol, true).message.en).toContain("differs at [3]: expected 3.5, got 0");
  });

  it("omits the relative error when an expected entry is 0 and says why", () => {
    const f = mismatchFailure([0, 1.5, 2.5], [0.1, 1.5, 2.5], tol, false);
    expect(f.message.en).toContain("(max abs error 0.1 (some expected entries are 0); tolerance");
  });
});
