import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { QuizItem } from "../graders/content/quiz";
import { loadCatalog } from "../graders/exercise/catalog";
import { ExerciseCard, QuizCard } from "../app/_components/analytics/cards";
import { analyticsAs } from "../app/_server/analytics";
import { analyticsView } from "../app/_server/analytics-view";
import { syncContent } from "../app/_server/content-sync";
import { answerQuizItem, loadTopicQuiz, paramsFor } from "../app/_server/quizzes";
import { at, DAY, gradebookFixture, submit, type Fixture } from "./gradebook-fixture";
import { backfillFailureSummaries } from "../app/_server/failure-summary";
import { migratedDatabase, PROVIDERS, type MigratedDatabase } from "./support/databases";

const quiz = loadTopicQuiz("softmax");
const param = quiz.find((i) => i.type === "param-numeric") as Extract<QuizItem, { type: "param-numeric" }>;
const single = quiz.find((i) => i.type === "single" && (i.prompt.en.includes("$") || i.choices.some((c) => c.text.en.includes("$")))) as Extract<QuizItem, { type: "single" }>;

/** KaTeX keeps the source in a MathML annotation; everything else on the page must be rendered. */
function visibleText(html: string): string {
  return html.replace(/<annotation encoding="application\/x-tex">[\s\S]*?<\/annotation>/g, "");
}

describe.each(PROVIDERS)("analytics renders what the students saw, on %s", (provider) => {
  let d: MigratedDatabase;
  let f: Fixture;
  beforeAll(async () => {
    d = await migratedDatabase(provider);
    await syncContent(d.db, loadCatalog());
    f = await gradebookFixture(d.db);
    const [aoi, ben] = f.students;
    // Practice answers (the fixture's quiz is past due): a wrong number from each learner on their own numbers, then
    // Ben's right one; a wrong and a right choice on a single-choice item whose texts hold TeX.
    await answerQuizItem(d.db, aoi!.id, { itemId: param.id, answer: -12345.678 }, "en");
    await answerQuizItem(d.db, ben!.id, { itemId: param.id, answer: -1 }, "en");
    await answerQuizItem(d.db, aoi!.id, { itemId: single.id, answer: single.choices.find((c) => c.id !== single.answer)!.id }, "en");
    await answerQuizItem(d.db, ben!.id, { itemId: single.id, answer: single.answer }, "en");
    await submit(d.db, aoi!.id, "softmax", at(-DAY), 0.5, {
      verdict: { version: 1, status: "failed", score: 0.5, exerciseId: "softmax", contentHash: "h", seed: 1, console: { text: "", truncated: false }, timings: { transpileMs: 1, runMs: 1, totalMs: 2 },
        cases: [{ name: "large logits", label: { en: "Large logits ($|z| > 700$)", ja: "大きなロジット（$|z| > 700$）" }, visibility: "hidden", weight: 1, status: "failed", kind: "non-finite", message: { en: "NaN: subtract $\\max z$ first", ja: "NaN" } }, { name: "three", label: { en: "three", ja: "three" }, visibility: "visible", weight: 1, status: "passed", message: { en: "", ja: "" } }] },
    });
    await backfillFailureSummaries(d.db);
  });
  afterAll(async () => {
    await d.drop();
  });

  it("statements and prompts with KaTeX, the learners' own numbers, their answers and the correct ones; no {{…}} and no raw $…$", async () => {
    for (const locale of ["en", "ja"] as const) {
      const analytics = await analyticsAs(d.db, f.owner.id, f.cohortId);
      const view = await analyticsView(d.db, analytics, locale);
      const html =
        analytics.exercises.map((e) => renderToStaticMarkup(createElement(ExerciseCard, { e, view, locale }))).join("") +
        analytics.quizzes.map((q) => renderToStaticMarkup(createElement(QuizCard, { q, view, locale }))).join("");
      const text = visibleText(html);
      expect(text).not.toContain("{{");
      expect(text).not.toContain("$");
      expect(html).toContain('data-testid="statement"');
      expect(html).toContain("katex");
      // The TeX case label and message are rendered too.
      expect(html).toMatch(/data-case="large logits"[\s\S]*?katex/);

      // The param-numeric item: each learner's own numbers, their answer and the correct one.
      const item = view.quizItems.get(param.id)!;
      expect(item.numbersVary).toBe(true);
      expect(item.latest).toHaveLength(2);
      for (const a of item.latest) {
        const attempt = await d.db.quizAttempt.findUniqueOrThrow({ where: { id: a.id } });
        expect(a.promptHtml).toContain("katex");
        expect(Number(a.correctHtml)).toBe(param.answer(paramsFor(param, attempt.seed)!));
        expect(a.answerHtml).toBe(String(JSON.parse(attempt.answer)));
        expect(html).toContain(`data-answer="${a.id}"`);
      }
      expect(new Set(item.latest.map((a) => a.promptHtml)).size).toBe(2);

      // The single-choice item: the correct answer and each answer given, rendered.
      const s = view.quizItems.get(single.id)!;
      expect(s.correctHtml).toContain(`(${single.answer})`);
      expect(s.correctHtml).toContain("katex");
      const section = html.slice(html.indexOf(`data-quiz-item="${single.id}"`));
      expect(section).toContain("data-correct-answer");
    }
  });
});
