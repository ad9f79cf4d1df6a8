import { describe, expect, it } from "vitest";
import type { ParamNumericItem, QuizItem, SingleChoiceItem } from "../content/quiz";
import { createRng } from "../content/rng";
import { text } from "../text";
import { defaultContentRoot, loadCatalog } from "./catalog";
import { checkQuizItem, keyedPositionProblems } from "./quiz-check";

const catalog = loadCatalog(defaultContentRoot());
const item = (id: string): QuizItem => catalog.quizItems.find((q) => q.id === id)!.item;
const within = (given: number, answer: number, tol: { abs?: number; rel?: number }) => Math.abs(given - answer) <= (tol.abs ?? 0) + (tol.rel ?? 0) * Math.abs(answer);

describe("quiz lints", () => {
  const base = { prompt: text("Let $f(x) = {{a}}x^2 + {{b}}x$.", "$f(x) = {{a}}x^2 + {{b}}x$"), explanation: text("e", "e") };

  it("rejects a prompt that prints '+ -4x' and a tolerance that accepts 0", () => {
    const bad: ParamNumericItem = { ...base, id: "t-bad", type: "param-numeric", params: () => ({ a: 2, b: -4 }), answer: () => 1e-6, verify: () => 1e-6, tolerance: { abs: 1e-4 } };
    expect(checkQuizItem(bad, 3)).toEqual([expect.stringMatching(/"0" is accepted/)]);
    const zeroFree: ParamNumericItem = { ...bad, answer: () => 3, verify: () => 3 };
    expect(checkQuizItem(zeroFree, 3)).toEqual([expect.stringMatching(/prints "\+ -4"/)]);
    const fixed: ParamNumericItem = { ...zeroFree, prompt: text("Let $f(x) = {{a|lead:x^2}} {{b|term:x}}$.", "$f(x) = {{a|lead:x^2}} {{b|term:x}}$") };
    expect(checkQuizItem(fixed, 3)).toEqual([]);
  });

  it("asks multi-select prompts to say 'Select all that apply'", () => {
    const multi: QuizItem = { id: "t-multi", type: "multi", prompt: text("Which are true?", "正しいものをすべて選んでください。"), explanation: text("e", "e"), choices: [{ id: "a", text: text("x", "x") }, { id: "b", text: text("y", "y") }], answer: ["a"] };
    expect(checkQuizItem(multi)).toEqual(['prompt.en of a multi-select item must say "Select all that apply."']);
  });

  it("fails when one position holds most keyed answers, and the content is balanced", () => {
    const single = (answer: string): SingleChoiceItem => ({ id: "s", type: "single", prompt: text("p", "p"), explanation: text("e", "e"), choices: ["a", "b", "c", "d"].map((id) => ({ id, text: text(id, id) })), answer });
    expect(keyedPositionProblems([..."aaaaaaab"].map(single))).toEqual([expect.stringMatching(/choice 1 in 7 of 8/)]);
    expect(keyedPositionProblems([..."abcdabcd"].map(single))).toEqual([]);
    expect(keyedPositionProblems(catalog.quizItems.map((q) => q.item))).toEqual([]);
  });

  it("every quiz item in the content passes its lints", () => {
    const problems = catalog.quizItems.flatMap((q) => checkQuizItem(q.item, 100).map((p) => `${q.id}: ${p}`));
    expect(problems).toEqual([]);
  });
});

describe("the quiz items the issue found too lenient reject the plausible wrong answers", () => {
  it("affine Gaussian density: 0, a forgotten Jacobian and its inverse are rejected for 300 learners", () => {
    const q = item("optimization-affine-gaussian-density") as ParamNumericItem;
    for (let seed = 1; seed <= 300; seed++) {
      const p = q.params(createRng(seed, q.id));
      const right = q.answer(p);
      const a = Math.abs(p.a as number);
      for (const wrong of [0, right * a, right / a]) expect(within(wrong, right, q.tolerance), `seed ${seed}: ${wrong} vs ${right}`).toBe(false);
      expect(within(Number(right.toPrecision(4)), right, q.tolerance)).toBe(true);
    }
  });

  it("GD contraction: 0 and x_{k−1}, x_{k+1} are rejected, 4 significant digits accepted, ηλ ≠ 1", () => {
    const q = item("optimization-gd-contraction") as ParamNumericItem;
    for (let seed = 1; seed <= 300; seed++) {
      const p = q.params(createRng(seed, q.id));
      const r = 1 - (p.eta as number) * (p.lambda as number);
      const right = q.answer(p);
      for (const wrong of [0, right / r, right * r]) expect(within(wrong, right, q.tolerance), `seed ${seed}`).toBe(false);
      expect(within(Number(right.toPrecision(4)), right, q.tolerance)).toBe(true);
    }
  });
});
