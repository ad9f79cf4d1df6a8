import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCatalog } from "../graders/exercise/catalog";
import { createRng } from "../graders/content/rng";
import { syncContent } from "../app/_server/content-sync";
import { AppError } from "../app/_server/errors";
import { answerQuizItem, learnerSeed, loadTopicQuiz, parseNumber, quizProgress, quizView } from "../app/_server/quizzes";
import { signUp, type PublicUser } from "../app/_server/users";
import { migratedDatabase, PROVIDERS, type MigratedDatabase } from "./support/databases";

const catalog = loadCatalog();
const softmaxQuiz = loadTopicQuiz("softmax");
const byType = (type: string) => softmaxQuiz.find((i) => i.type === type)!;

describe("parseNumber", () => {
  it("reads what learners type and refuses the rest", () => {
    expect(parseNumber(" 0.25 ")).toBe(0.25);
    expect(parseNumber("-3")).toBe(-3);
    expect(parseNumber("1.5e-3")).toBe(0.0015);
    expect(parseNumber("1,5")).toBe(1.5);
    expect(parseNumber("１．５")).toBe(1.5);
    expect(parseNumber("−2")).toBe(-2);
    expect(parseNumber(".5")).toBe(0.5);
    for (const bad of ["", "abc", "1/2", "Infinity", "NaN", "1e999", "0x10"]) expect(parseNumber(bad)).toBeNull();
  });
});

describe.each(PROVIDERS)("quizzes on %s", (provider) => {
  let d: MigratedDatabase;
  let ann: PublicUser;
  let bob: PublicUser;
  beforeAll(async () => {
    d = await migratedDatabase(provider);
    await syncContent(d.db, catalog);
    ann = await signUp(d.db, { email: "ann@example.org", displayName: "Ann", password: "correct horse battery" });
    bob = await signUp(d.db, { email: "bob@example.org", displayName: "Bob", password: "correct horse battery" });
  });
  afterAll(async () => {
    await d.drop();
  });

  it("shows every item in order, param-numeric prompts with the learner's own numbers, stable across visits", async () => {
    const first = await quizView(d.db, ann.id, "softmax", "en");
    expect(first.items.map((i) => i.id)).toEqual(softmaxQuiz.map((i) => i.id));
    expect(new Set(first.items.map((i) => i.type))).toEqual(new Set(["single", "multi", "numeric", "param-numeric"]));
    const param = byType("param-numeric");
    const annView = first.items.find((i) => i.id === param.id)!;
    expect(annView.promptHtml).not.toContain("{{");
    expect(annView.promptHtml).toContain("katex");
    expect((await quizView(d.db, ann.id, "softmax", "en")).items.find((i) => i.id === param.id)!.promptHtml).toBe(annView.promptHtml);
    // Another learner draws other numbers (the two seeds differ, and so do the drawn parameters).
    expect(learnerSeed(ann.id)).not.toBe(learnerSeed(bob.id));
    const bobView = (await quizView(d.db, bob.id, "softmax", "en")).items.find((i) => i.id === param.id)!;
    expect(bobView.promptHtml).not.toBe(annView.promptHtml);
    const ja = await quizView(d.db, ann.id, "softmax", "ja");
    expect(ja.items[0]!.promptHtml).not.toBe(first.items[0]!.promptHtml);
    expect(first.items[0]!.choices?.length).toBeGreaterThan(1);
  });

  it("checks single and multi answers, stores every attempt and explains each", async () => {
    const single = byType("single");
    if (single.type !== "single") throw new Error("unreachable");
    const wrongChoice = single.choices.find((c) => c.id !== single.answer)!.id;
    const wrong = await answerQuizItem(d.db, ann.id, { itemId: single.id, answer: wrongChoice }, "en");
    // Practice: a wrong answer carries no key and no explanation ("Show answer" gives them).
    expect(wrong).toMatchObject({ correct: false, mode: "practice" });
    expect(wrong).not.toHaveProperty("correctChoiceIds");
    expect(wrong).not.toHaveProperty("explanationHtml");
    const right = await answerQuizItem(d.db, ann.id, { itemId: single.id, answer: single.answer }, "ja");
    expect(right).toMatchObject({ correct: true, credit: 1, correctChoiceIds: [single.answer] });
    expect(right.explanationHtml).toMatch(/[ぁ-んァ-ン一-龯]/);

    const multi = byType("multi");
    if (multi.type !== "multi") throw new Error("unreachable");
    const partial = await answerQuizItem(d.db, ann.id, { itemId: multi.id, answer: multi.answer.slice(0, 1) }, "en");
    expect(partial.correct).toBe(multi.answer.length === 1);
    const full = await answerQuizItem(d.db, ann.id, { itemId: multi.id, answer: [...multi.answer].reverse() }, "en");
    expect(full.correct).toBe(true);

    const stored = await d.db.quizAttempt.findMany({ where: { userId: ann.id }, orderBy: { createdAt: "asc" } });
    expect(stored.map((a) => [a.quizItemId, a.correct])).toEqual([
      [single.id, false],
      [single.id, true],
      [multi.id, multi.answer.length === 1],
      [multi.id, true],
    ]);
    expect(JSON.parse(stored[3]!.answer)).toEqual([...multi.answer].sort());
    expect(stored.every((a) => a.contentHash.length === 64)).toBe(true);
  });

  it("checks numeric answers within tolerance, and param-numeric ones against the learner's own parameters", async () => {
    const numeric = byType("numeric");
    if (numeric.type !== "numeric") throw new Error("unreachable");
    expect((await answerQuizItem(d.db, bob.id, { itemId: numeric.id, answer: String(numeric.answer) }, "en")).correct).toBe(true);
    expect((await answerQuizItem(d.db, bob.id, { itemId: numeric.id, answer: numeric.answer + 1 + Math.abs(numeric.answer) }, "en")).correct).toBe(false);

    const param = byType("param-numeric");
    if (param.type !== "param-numeric") throw new Error("unreachable");
    const bobsAnswer = param.answer(param.params(createRng(learnerSeed(bob.id), param.id)));
    const annsAnswer = param.answer(param.params(createRng(learnerSeed(ann.id), param.id)));
    const fb = await answerQuizItem(d.db, bob.id, { itemId: param.id, answer: bobsAnswer }, "en");
    expect(fb).toMatchObject({ correct: true, correctValue: bobsAnswer });
    if (Math.abs(bobsAnswer - annsAnswer) > 0.01) {
      expect((await answerQuizItem(d.db, bob.id, { itemId: param.id, answer: annsAnswer }, "en")).correct).toBe(false);
    }
    const attempt = await d.db.quizAttempt.findFirst({ where: { userId: bob.id, quizItemId: param.id } });
    expect(attempt?.seed).toBe(learnerSeed(bob.id));
  });

  it("refuses malformed answers with a message that says what to do, and stores nothing", async () => {
    const before = await d.db.quizAttempt.count();
    const numeric = byType("numeric");
    const single = byType("single");
    const cases: Array<[unknown, RegExp]> = [
      [{ itemId: numeric.id, answer: "about two" }, /Type a number/],
      [{ itemId: single.id, answer: "zz" }, /Choose one of the options/],
      [{ itemId: "no-such-item", answer: "a" }, /no longer exists/],
      [{ itemId: single.id }, /Choose an answer/],
    ];
    for (const [input, message] of cases) {
      const error = await answerQuizItem(d.db, ann.id, input, "en").catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      const e = error as AppError;
      expect(`${e.text.en} ${Object.values(e.fieldErrors).map((f) => f.en).join(" ")}`).toMatch(message);
      expect(e.text.ja).not.toBe(e.text.en);
    }
    expect(await d.db.quizAttempt.count()).toBe(before);
  });

  it("shows the last attempt on a revisit and counts progress per topic", async () => {
    const view = await quizView(d.db, ann.id, "softmax", "en");
    const single = view.items.find((i) => i.type === "single")!;
    expect(single).toMatchObject({ attempts: 2, everCorrect: true, last: { feedback: { correct: true } } });
    const progress = await quizProgress(d.db, ann.id);
    expect(progress.get("softmax")).toEqual({ topicId: "softmax", total: softmaxQuiz.length, answered: 2, correct: 2 });
    const svd = progress.get("svd");
    expect(svd?.answered).toBe(0);
    expect(svd?.total).toBeGreaterThan(0);
    await expect(quizView(d.db, ann.id, "nope", "en")).rejects.toMatchObject({ status: 404 });
  });
});
