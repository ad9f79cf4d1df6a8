import { describe, expect, it } from "vitest";
import { centralDiff } from "../content/finite-difference";
import { judgeOutput, type ModeInput } from "./index";

const base: Omit<ModeInput, "mode" | "expected" | "got"> = {
  call: "f",
  args: [],
  tolerance: { rtol: 1e-9, atol: 1e-12 },
  reveal: true,
  alsoAllclose: false,
  bands: { pass: 1e-5, fail: 1e-3 },
};

describe("gradcheck mode", () => {
  const x = [0.3, -1.2, 2.0];
  const f = (v: number[]) => v.reduce((s, t) => s + Math.sin(t) * t, 0);
  const analytic = x.map((t) => Math.cos(t) * t + Math.sin(t));
  const numeric = { "": centralDiff(f, x, 1e-6) };

  it("passes an analytic gradient that agrees with central differences", () => {
    const j = judgeOutput({ ...base, mode: "gradcheck", expected: analytic, got: analytic.slice(), numeric });
    expect(j.status).toBe("passed");
    expect(j.details?.gradcheck?.[0]?.band).toBe("pass");
    expect(j.details?.gradcheck?.[0]?.relError).toBeLessThan(1e-8);
  });

  it("calls the middle band suspicious with its own message", () => {
    const got = analytic.map((g, i) => (i === 0 ? g * (1 + 2e-4) : g));
    const j = judgeOutput({ ...base, mode: "gradcheck", expected: analytic, got, numeric });
    expect(j.status).toBe("suspicious");
    expect(j.kind).toBe("gradient");
    expect(j.message.en).toContain("relative error");
    expect(j.message.en).toContain("suspicious");
  });

  it("fails a wrong gradient and reports each parameter separately", () => {
    const expected = { dx: analytic, db: [1, 2] };
    const got = { dx: analytic.map((g) => -g), db: [1, 2] };
    const j = judgeOutput({ ...base, mode: "gradcheck", expected, got, numeric: { dx: numeric[""], db: [1, 2] } });
    expect(j.status).toBe("failed");
    expect(j.details?.gradcheck?.map((e) => [e.param, e.band])).toEqual([["dx", "fail"], ["db", "pass"]]);
    expect(j.message.en).toContain("relative error 1 in dx (fails above 1e-3)");
    expect(j.message.en).toContain("largest gap at dx[");
  });

  it("checks shapes before gradients, and allclose when the exercise asks for it", () => {
    expect(judgeOutput({ ...base, mode: "gradcheck", expected: analytic, got: [1, 2], numeric }).kind).toBe("shape");
    const nearly = analytic.map((g) => g + 1e-9);
    const j = judgeOutput({ ...base, mode: "gradcheck", alsoAllclose: true, expected: analytic, got: nearly, numeric });
    expect(j.status).toBe("failed");
    expect(j.kind).toBe("wrong-value");
  });

  it("treats a missing numericGradient hook as a fault of the exercise", () => {
    expect(() => judgeOutput({ ...base, mode: "gradcheck", expected: analytic, got: analytic })).toThrow(/numericGradient/);
  });
});

describe("invariant mode", () => {
  const check: ModeInput["check"] = ({ got }) => {
    const v = got as number[];
    const n = Math.hypot(...v);
    return [{ ok: Math.abs(n - 1) < 1e-9, message: { en: `the vector has norm ${n}, not 1`, ja: `ノルムが 1 ではなく ${n} です` } }];
  };

  it("accepts any output with the properties, even one that differs from the reference by sign", () => {
    const j = judgeOutput({ ...base, mode: "invariant", expected: [0.6, 0.8], got: [-0.6, -0.8], check });
    expect(j.status).toBe("passed");
  });

  it("fails with the property's message", () => {
    const j = judgeOutput({ ...base, mode: "invariant", expected: [0.6, 0.8], got: [1, 1], check });
    expect(j.status).toBe("failed");
    expect(j.kind).toBe("property");
    expect(j.message.en).toContain("not 1");
  });

  it("locates NaN before running the properties", () => {
    const j = judgeOutput({ ...base, mode: "invariant", expected: [0.6, 0.8], got: [0.6, NaN], check });
    expect(j.kind).toBe("non-finite");
    expect(j.message.en).toContain("NaN at [1]");
  });

  it("refuses to judge without a check hook", () => {
    expect(() => judgeOutput({ ...base, mode: "invariant", expected: [1], got: [1] })).toThrow(/check/);
  });
});

describe("allclose and behavioral modes", () => {
  it("compare the output element by element and then run optional properties", () => {
    expect(judgeOutput({ ...base, mode: "allclose", expected: [1, 2], got: [1, 2] }).status).toBe("passed");
    expect(judgeOutput({ ...base, mode: "behavioral", expected: { value: 2, calls: 1 }, got: { value: 2, calls: 3 } }).message.en).toContain("calls differs: expected 1, got 3 (integers, compared exactly)");
    const failing: ModeInput["check"] = () => [{ ok: false, message: { en: "called f 3 times", ja: "f を 3 回呼びました" }, details: { expected: "1", got: "3" } }];
    const hidden = judgeOutput({ ...base, reveal: false, mode: "allclose", expected: [1], got: [1], check: failing });
    expect(hidden.status).toBe("failed");
    expect(hidden.details?.expected).toBeUndefined();
  });
});
