import { describe, expect, it } from "vitest";
import { badTerms, fillPlaceholders, renderTerm } from "./quiz-render";

describe("signed terms in generated prompts", () => {
  it("writes coefficients as a mathematician does", () => {
    expect(renderTerm(3, "x^2", "lead")).toBe("3x^2");
    expect(renderTerm(1, "x^2", "lead")).toBe("x^2");
    expect(renderTerm(-1, "x^2", "lead")).toBe("-x^2");
    expect(renderTerm(-4, "x", "term")).toBe("- 4x");
    expect(renderTerm(1, "xy", "term")).toBe("+ xy");
    expect(renderTerm(0, "x", "term")).toBe("");
    expect(renderTerm(-2, "", "term")).toBe("- 2");
    expect(renderTerm(0.5, "x", "term")).toBe("+ 0.5x");
  });

  it("fills {{b|term:x}} and leaves plain placeholders as they were", () => {
    expect(fillPlaceholders("$f(x) = {{a|lead:x^2}} {{b|term:x}} + 1$ at {{x0}}", { a: 2, b: -4, x0: -1.5 })).toBe("$f(x) = 2x^2 - 4x + 1$ at -1.5");
    expect(fillPlaceholders("$y = {{a|lead:x}} {{b|term:}}$", { a: -0.5, b: 0 })).toBe("$y = -0.5x $");
  });

  it("names the forms a prompt must not print", () => {
    expect(badTerms("f(x) = 2x^2 + -4x + 1")).toEqual(["+ -4"]);
    expect(badTerms("f(x) = 3x^2 + 0x + 1")).toEqual(["0x", "+ 0"]);
    expect(badTerms("y = 2x + -2")).toEqual(["+ -2"]);
    expect(badTerms("f(x, y) = 1x^2 - 3xy")).toEqual(["1x"]);
    expect(badTerms("f(x) = 2x^2 - 4x + 1 at x_0 = -1.5, y = 0.5x, 10x")).toEqual([]);
  });
});
