import { describe, expect, it } from "vitest";
import type { CallOutcome, RunError, SandboxResult } from "../sandbox/types";
import { judgeRun, RunnerFault, type JudgeSettings, type PreparedCase } from "./index";

const settings: JudgeSettings = {
  mode: "allclose",
  alsoAllclose: false,
  bands: { pass: 1e-5, fail: 1e-3 },
  limits: { timeoutMs: 2000, memoryMb: 64 },
  exports: ["softmax"],
};
const ids = { exerciseId: "softmax", contentHash: "h", seed: 3 };
const visible: PreparedCase = {
  name: "three logits", label: { en: "three logits", ja: "3 つのロジット" }, visibility: "visible", weight: 1,
  call: "softmax", args: [[1, 2, 3]], expected: [0.09, 0.24, 0.67], tolerance: { rtol: 1e-9, atol: 1e-12 },
};
const hidden: PreparedCase = {
  ...visible, name: "large logits", label: { en: "large logits", ja: "大きなロジット" }, visibility: "hidden", weight: 3,
  args: [[1000, 1001, 1002]], hint: { en: "subtract max(z) first", ja: "先に max(z) を引きましょう" },
};
const ran = (calls: CallOutcome[]): SandboxResult => ({ stage: "ran", calls, console: { text: "", truncated: false }, transpileMs: 1, runMs: 2 });
const fail = (error: RunError): CallOutcome => ({ ok: false, error, ms: 1 });
const judge = (cases: PreparedCase[], result: SandboxResult) => judgeRun(cases, result, settings, {}, ids, performance.now());

describe("judgeRun", () => {
  it("scores the weighted fraction of cases passed and keeps hidden data out of the verdict", () => {
    const v = judge([visible, hidden], ran([{ ok: true, value: [0.09, 0.24, 0.67], ms: 1 }, { ok: true, value: [0.09, 0.24, 0.6], ms: 1 }]));
    expect(v.status).toBe("failed");
    expect(v.score).toBeCloseTo(0.25);
    const h = v.cases[1]!;
    expect(h.label.en).toBe("large logits");
    expect(h.message.en).toContain("differs at [2]");
    expect(h.message.en).toContain("subtract max(z) first");
    const shown = JSON.stringify(h);
    expect(shown).not.toContain("1001");
    expect(shown).not.toContain("0.67");
    expect(shown).not.toContain("0.6,");
    expect(h.details?.input).toBeUndefined();
    expect(v.cases[0]!.details).toBeUndefined();
    expect(h.details?.plot).toBeUndefined();
  });

  it("gives a failing visible vector case expected and got for a picture", () => {
    const v = judge([visible], ran([{ ok: true, value: [0.1, 0.2, 0.7], ms: 1 }]));
    expect(v.cases[0]!.details?.plot).toEqual({ expected: [0.09, 0.24, 0.67], got: [0.1, 0.2, 0.7] });
  });

  it("passes when every case passes, with version and timings", () => {
    const v = judge([visible], ran([{ ok: true, value: [0.09, 0.24, 0.67], ms: 1 }]));
    expect(v).toMatchObject({ version: 1, status: "passed", score: 1, seed: 3, exerciseId: "softmax", timings: { transpileMs: 1, runMs: 2 } });
  });

  it("explains each kind of failed call in the learner's terms", () => {
    const limits = judge([visible, visible, visible, visible, visible, visible], ran([
      fail({ kind: "timeout", message: "ran past its time limit" }),
      fail({ kind: "memory", message: "ran out of memory" }),
      fail({ kind: "missing-export", message: "softmax is not a function" }),
      fail({ kind: "bad-output", message: "returned a Promise" }),
      fail({ kind: "throw", message: "TypeError: z.mapp is not a function", position: { line: 3, column: 12 } }),
      fail({ kind: "output-too-large", message: "too large" }),
    ]));
    const [t, m, e, p, th, big] = limits.cases;
    expect(t!.kind).toBe("timeout");
    expect(t!.message.en).toContain("time limit of 2000 ms");
    expect(t!.message.en).toContain("infinite loop");
    expect(m!.kind).toBe("memory");
    expect(m!.message.en).toContain("memory limit of 64 MB");
    expect(e!.message.en).toContain("softmax is not a function");
    expect(p!.message.en).toContain("must return its result synchronously");
    // What was being computed: the case, the shapes of its arguments, the line (no source given here, so no quote).
    expect(th!.message.en).toBe("Your code threw an error (line 3, column 12): TypeError: z.mapp is not a function. Thrown while computing the visible case “three logits” (softmax(argument 1: a vector of length 3)) at line 3.");
    expect(th!.details?.position).toEqual({ line: 3, column: 12 });
    expect(big!.kind).toBe("output-too-large");
    for (const c of limits.cases) expect(c.message.ja.length).toBeGreaterThan(10);
  });

  it("fails every case with the position of a compile error", () => {
    const v = judge([visible, hidden], { stage: "compile", error: { message: "Unexpected token", position: { line: 2, column: 7 } }, console: { text: "", truncated: false }, transpileMs: 1, runMs: 0 });
    expect(v.status).toBe("failed");
    expect(v.score).toBe(0);
    expect(v.compileError?.position).toEqual({ line: 2, column: 7 });
    expect(v.message?.en).toContain("(line 2, column 7)");
    expect(v.cases.every((c) => c.status === "failed")).toBe(true);
  });

  it("fails every case when the module does not load (a refused import)", () => {
    const v = judge([visible], { stage: "load", error: { kind: "throw", message: 'Cannot import "./reference": a solution may import only from "linalg"' }, console: { text: "", truncated: false }, transpileMs: 1, runMs: 0 });
    expect(v.status).toBe("failed");
    expect(v.message?.en).toContain('Cannot import "./reference"');
  });

  it("makes zero cases an ERROR, never a pass", () => {
    const v = judge([], ran([]));
    expect(v.status).toBe("error");
    expect(v.score).toBe(0);
    expect(v.message?.en).toContain("not of your code");
  });

  it("refuses a runner that answers with the wrong number of outcomes", () => {
    expect(() => judge([visible, visible], ran([{ ok: true, value: [1], ms: 1 }]))).toThrow(RunnerFault);
  });

  it("says a not-run case was stopped by an earlier case's limit", () => {
    const v = judge([visible], ran([fail({ kind: "timeout", message: "not run: the run stopped after reaching its time limit" })]));
    expect(v.cases[0]!.message.en).toContain("Not run: an earlier case reached the time limit");
  });
});

describe("a run stopped at a limit of the whole run", () => {
  it("names the limit without claiming the module failed to load", () => {
    const v = judge([visible, hidden], { stage: "load", error: { kind: "timeout", message: "The whole run exceeded its time limit" }, console: { text: "", truncated: false }, transpileMs: 0, runMs: 5000 });
    expect(v.status).toBe("failed");
    expect(v.message?.en).toContain("time limit");
    expect(v.message?.en).not.toContain("while loading");
    expect(v.cases.map((c) => c.kind)).toEqual(["timeout", "timeout"]);
  });
});

describe("failure messages with hints", () => {
  it("ends a runtime error without punctuation with a full stop before the hint", () => {
    const v = judge([hidden], ran([fail({ kind: "throw", message: "RangeError: Array buffer allocation failed" })]));
    const m = v.cases[0]!.message;
    expect(m.en).toMatch(/allocation failed\. .*subtract max\(z\) first/);
    expect(m.ja).toMatch(/allocation failed。 ?非公開クラス「[^」]+」のケースを計算している途中で例外が発生しました。 ?先に max\(z\) を引きましょう/);
  });
});

describe("hidden cases reveal nothing", () => {
  const secret = { ...hidden, args: [[3.25, -7.5, 11.125]], expected: [0.123456789, 0.3, 0.576543211], hint: undefined };

  it("a wrong value gives no expected value and no absolute error: only where, and a rounded relative error", () => {
    // Returning zeros would make the absolute error equal to |expected|.
    const v = judge([secret], ran([{ ok: true, value: [0, 0, 0], ms: 1 }]));
    const h = v.cases[0]!;
    expect(h.status).toBe("failed");
    expect(h.details?.maxAbsError).toBeUndefined();
    expect(h.details?.expected).toBeUndefined();
    expect(h.details?.got).toBeUndefined();
    expect(h.details?.input).toBeUndefined();
    const shown = JSON.stringify(h);
    for (const leak of ["0.123", "0.3,", "0.577", "0.5765", "3.25", "7.5", "11.125", "abs"]) expect(shown).not.toContain(leak);
    expect(h.message.en).toMatch(/differs at \[0\]/);
    expect(h.message.en).toContain("relative error 1 or more");
    expect(h.message.ja).toContain("相対誤差");
  });

  it("the relative error is rounded to one significant digit", () => {
    const v = judge([secret], ran([{ ok: true, value: [0.1, 0.3, 0.576543211], ms: 1 }]));
    const h = v.cases[0]!;
    // |0.1 − 0.123456789| / 0.123456789 = 0.19000…
    expect(h.details?.maxRelError).toBe(0.2);
    expect(h.message.en).toContain("relative error 0.2");
  });

  it("an error thrown in a hidden case shows its class and line, never its message (it could carry the input)", () => {
    const v = judge([visible, secret], ran([
      { ok: true, value: [0.09, 0.24, 0.67], ms: 1 },
      fail({ kind: "throw", message: "Error: input was 3.25,-7.5,11.125", position: { line: 2, column: 9 } }),
    ]));
    const h = v.cases[1]!;
    expect(h.message.en).toContain("Error");
    expect(h.message.en).toContain("line 2");
    expect(JSON.stringify(h)).not.toContain("3.25");
  });

  it("a visible case keeps full detail", () => {
    const v = judge([{ ...visible, expected: [0.123456789, 0.3, 0.5] }], ran([{ ok: true, value: [0, 0, 0], ms: 1 }]));
    const c = v.cases[0]!;
    expect(c.details?.maxAbsError).toBeCloseTo(0.5);
    expect(c.details?.expected).toBeDefined();
    expect(c.details?.input).toBeDefined();
  });
});
