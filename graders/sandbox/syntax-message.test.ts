import { describe, expect, it } from "vitest";
import { transpileLearnerCode } from "./transpile";
import { runLocally } from "../browser/local-runner";

const compileError = (code: string) => {
  const r = transpileLearnerCode(code, []);
  if (r.ok) throw new Error("compiled");
  return r.error.message;
};

describe("compile errors phrased like TypeScript (and Monaco)", () => {
  it.each([
    ["export function f(z: number[]) {\n  return z.map((x) => );\n}", "Syntax error at line 2, column 23: Expression expected."],
    ["export function f(z: number[]) {\n  return (1 + 2;\n}", "')' expected."],
    ["export function f(z: number[]) {\n  return z[0;\n}", "']' expected."],
    ["export function f(z: number[]) {\n  return \"abc;\n}", "Unterminated string literal."],
    ["export function f(z: number[]) {\n  return z;\n", "'}' expected."],
  ])("%s", (code, words) => {
    const message = compileError(code);
    expect(message).toContain(words);
    expect(message).not.toContain("Error transforming");
    expect(message).toMatch(/^Syntax error at line \d+/);
  });

  it("Run says the same as Submit", () => {
    const code = "export function f(z: number[]) {\n  return (1 + 2;\n}";
    const run = runLocally({ code, exports: ["f"], helpers: [], calls: [], limits: { timeoutMs: 1000, memoryMb: 64 } });
    expect(run.stage).toBe("compile");
    expect(run.stage === "compile" ? run.error.message : "").toBe(compileError(code));
  });
});
