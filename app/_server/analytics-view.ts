import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { loadExercise } from "../../graders/exercise/load";
import type { QuizItem } from "../../graders/content/quiz";
import { PLACEHOLDER } from "../../graders/exercise/quiz-render";
import type { Locale, LocalizedText } from "../../graders/text";
import type { AnswerCount, CohortAnalytics } from "./analytics";
import type { Db } from "./db/client";
import { escapeHtml, renderInlineMarkdown, renderMarkdown } from "./markdown";
import { contentRoot, loadTopicQuiz, renderAttempts, type RenderedAttempt } from "./quizzes";

/**
 * The analytics page shows what the students saw: statements and quiz prompts rendered with KaTeX, choice texts
 * rendered, the correct answer, and for param-numeric items (each learner has their own numbers) the latest answers
 * with that learner's numbers, answer and correct answer. The drill-down's helper (quizzes.ts renderAttempts)
 * renders every prompt and answer, so both pages show a learner's item the same way.
 */

export interface LearnerAnswerView {
  id: string;
  student: string;
  correct: boolean;
  promptHtml: string;
  answerHtml: string;
  correctHtml: string;
}

export interface QuizItemView {
  promptHtml: string;
  /** Param-numeric: the prompt shows one learner's numbers (the latest answer's, or example numbers). */
  numbersVary: boolean;
  /** Choice and numeric items: the correct answer, rendered; "" for param-numeric (it depends on the numbers). */
  correctHtml: string;
  /** How each row of the distribution reads, keyed by its stored answer. */
  answerHtml: Map<string, string>;
  /** Param-numeric: the latest answers of the cohort's students, newest first. */
  latest: LearnerAnswerView[];
}

export interface AnalyticsView {
  /** Rendered statement per exercise id; missing when the exercise is gone from the content. */
  statements: Map<string, string>;
  quizItems: Map<string, QuizItemView>;
}

/** Param-numeric rows listed per item. */
export const LATEST_ANSWERS = 10;

/** Feedback labels and messages are plain text for learners; one that holds TeX is rendered like a quiz choice. */
export function plainOrMathHtml(text: string): string {
  return text.includes("$") ? renderInlineMarkdown(text) : escapeHtml(text);
}

// Rendering 35 statements with KaTeX takes longer than the analytics queries: each is rendered once per file version.
const statementCache = new Map<string, { mtimeMs: number; html: string }>();

function statementHtml(exerciseId: string, locale: Locale): string | null {
  try {
    const file = path.join(loadExercise(exerciseId).dir, `statement.${locale}.md`);
    const { mtimeMs } = statSync(file);
    const cached = statementCache.get(file);
    if (cached?.mtimeMs === mtimeMs) return cached.html;
    const html = renderMarkdown(readFileSync(file, "utf8"));
    statementCache.set(file, { mtimeMs, html });
    return html;
  } catch {
    return null;
  }
}

// Prompts, choices and correct answers of items whose text is the same for every learner, per live item object
// (loadTopicQuiz keeps one per file version, so an edited quiz.ts is rendered anew).
const sharedRenders = new WeakMap<QuizItem, Map<string, RenderedAttempt | undefined>>();

function renderShared(topicId: string, item: QuizItem, answer: string, locale: Locale, root: string): RenderedAttempt | undefined {
  const perItem = sharedRenders.get(item) ?? new Map<string, RenderedAttempt | undefined>();
  sharedRenders.set(item, perItem);
  const key = `${locale}\u0000${answer}`;
  if (!perItem.has(key)) perItem.set(key, renderAttempts(topicId, [{ id: "shared", quizItemId: item.id, answer, seed: 0, userId: "analytics-example" }], locale, root).get("shared"));
  return perItem.get(key);
}

/** An item gone from the content: the stored copy of its prompt, placeholders shown as "?" (never as {{…}}). */
function storedPromptHtml(prompt: LocalizedText | null, locale: Locale, fallback: string): string {
  return prompt ? renderMarkdown(prompt[locale].replace(PLACEHOLDER, "?")) : escapeHtml(fallback);
}

function distributionHtml(topicId: string, item: QuizItem, d: AnswerCount, locale: Locale, root: string): string {
  // "other answers (n)" has no stored answer of its own.
  if (d.answer === "") return escapeHtml(d.text[locale]);
  const r = renderShared(topicId, item, d.answer, locale, root);
  return r ? r.answerHtml : plainOrMathHtml(d.text[locale]);
}

/** Call after analyticsAs (which checks the actor): it reads the cohort's students' latest param-numeric answers. */
export async function analyticsView(db: Db, analytics: CohortAnalytics, locale: Locale, root: string = contentRoot()): Promise<AnalyticsView> {
  const statements = new Map<string, string>();
  for (const e of analytics.exercises) {
    const html = statementHtml(e.item.refId, locale);
    if (html !== null) statements.set(e.item.refId, html);
  }
  const quizItems = new Map<string, QuizItemView>();
  for (const q of analytics.quizzes) {
    const live = new Map(loadTopicQuiz(q.item.refId, root).map((i) => [i.id, i]));
    for (const item of q.items) {
      const content = live.get(item.quizItemId);
      const numbersVary = content?.type === "param-numeric";
      const latest = numbersVary
        ? await db.quizAttempt.findMany({
            where: { quizItemId: item.quizItemId, user: { enrollments: { some: { cohortId: analytics.cohort.id, role: "STUDENT" } } } },
            orderBy: [{ createdAt: "desc" }, { id: "desc" }],
            take: LATEST_ANSWERS,
            select: { id: true, quizItemId: true, userId: true, answer: true, seed: true, correct: true, user: { select: { displayName: true } } },
          })
        : [];
      const rendered = renderAttempts(q.item.refId, latest, locale, root);
      // The header: the latest learner's numbers for a param-numeric item (example numbers when nobody answered).
      const header = !content
        ? undefined
        : numbersVary
          ? renderAttempts(q.item.refId, [{ id: "header", quizItemId: item.quizItemId, answer: "null", seed: latest[0]?.seed ?? 0, userId: latest[0]?.userId ?? "analytics-example" }], locale, root).get("header")
          : renderShared(q.item.refId, content, "null", locale, root);
      quizItems.set(item.quizItemId, {
        promptHtml: header?.promptHtml ?? storedPromptHtml(item.prompt, locale, item.quizItemId),
        numbersVary,
        correctHtml: header && !numbersVary ? header.correctHtml : "",
        answerHtml: new Map(item.distribution.map((d) => [d.answer, content ? distributionHtml(q.item.refId, content, d, locale, root) : plainOrMathHtml(d.text[locale])])),
        latest: latest.flatMap((a) => {
          const r = rendered.get(a.id);
          return r ? [{ id: a.id, student: a.user.displayName, correct: a.correct, ...r }] : [];
        }),
      });
    }
  }
  return { statements, quizItems };
}
