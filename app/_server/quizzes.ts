import path from "node:path";
import { z } from "zod";
import type { QuizItem, QuizParams } from "../../graders/content/quiz";
import { createRng } from "../../graders/content/rng";
import { defaultContentRoot, hashQuizItem } from "../../graders/exercise/catalog";
import { fillPlaceholders } from "../../graders/exercise/quiz-render";
import { loadTsModule } from "../../graders/exercise/ts-module";
import type { Locale, LocalizedText } from "../../graders/text";
import type { Db } from "./db/client";
import { AppError, msg, parseInput } from "./errors";
import { renderInlineMarkdown, renderMarkdown } from "./markdown";

/**
 * Topic quizzes: what a learner sees (their own numbers for param-numeric items), checking an answer against the
 * content's quiz.ts, and storing every attempt. The live item is loaded from exercises/<topic>/quiz.ts (cached by
 * file time), because param-numeric answers are computed by code that the database copy does not keep.
 */

/** A learner's parameters are stable across visits: drawn from a seed derived from their id (FNV-1a, 31 bits). */
export function learnerSeed(userId: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < userId.length; i++) {
    h ^= userId.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 1) || 1;
}

/** The same stream exercises:check proves: createRng(seed, item.id). */
export function paramsFor(item: QuizItem, seed: number): QuizParams | null {
  return item.type === "param-numeric" ? item.params(createRng(seed, item.id)) : null;
}

export function contentRoot(): string {
  return defaultContentRoot();
}

/** The topic's live quiz items in order, or [] when the topic has no quiz.ts. */
export function loadTopicQuiz(topicId: string, root: string = contentRoot()): QuizItem[] {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(topicId)) return [];
  try {
    const items = loadTsModule(path.join(root, topicId, "quiz.ts")).default;
    return Array.isArray(items) ? (items as QuizItem[]) : [];
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
}

export type QuizAnswer = string | string[] | number;

export interface QuizFeedback {
  correct: boolean;
  /** The explanation, rendered (Markdown + KaTeX) in the learner's language. */
  explanationHtml: string;
  /** The right answer, rendered: the correct choices' ids for choice items, the number for numeric ones. */
  correctChoiceIds?: string[];
  correctValue?: number;
}

export interface QuizItemView {
  id: string;
  type: QuizItem["type"];
  /** 1-based position within the topic's quiz. */
  number: number;
  promptHtml: string;
  /** `name`: the TeX of a choice that is a formula only, as its accessible name (axe finds no name in KaTeX's MathML). */
  choices?: { id: string; html: string; name?: string }[];
  /** The learner's last attempt, with its feedback, so a revisit shows where they stand. */
  last?: { answer: QuizAnswer; feedback: QuizFeedback };
  /** Some attempt at this item was right. */
  everCorrect: boolean;
  attempts: number;
}

export interface QuizView {
  topicId: string;
  title: LocalizedText;
  items: QuizItemView[];
  total: number;
  correct: number;
}

function isClose(given: number, expected: number, tol: { abs?: number; rel?: number }): boolean {
  // A hair of relative slack so that an exactly typed decimal is not refused for float rounding.
  const bound = (tol.abs ?? 0) + Math.max(tol.rel ?? 0, 1e-12) * Math.abs(expected);
  return Math.abs(given - expected) <= bound;
}

function expectedValue(item: QuizItem, seed: number): number | null {
  if (item.type === "numeric") return item.answer;
  if (item.type === "param-numeric") return item.answer(paramsFor(item, seed)!);
  return null;
}

const NUMBER_HELP = msg(
  "Type a number, e.g. 0.25, -3 or 1.5e-3.",
  "数値を入力してください（例：0.25、-3、1.5e-3）。",
);

/** "0.25", " -3 ", "1.5e-3", "1,5" (a decimal comma), "１．５" (full-width) → a number; anything else is refused. */
export function parseNumber(raw: string | number): number | null {
  if (typeof raw === "number") return Number.isFinite(raw) ? raw : null;
  const normalized = raw
    .trim()
    .replace(/[０-９．－＋ｅＥ]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/^−/, "-")
    .replace(/^([+-]?\d+),(\d+)$/, "$1.$2");
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(normalized)) return null;
  const n = Number(normalized);
  return Number.isFinite(n) ? n : null;
}

export const answerSchema = z.object({
  itemId: z.string({ error: msg("Say which question this answers.", "どの問題への解答かを指定してください。") }).min(1).max(200),
  answer: z.union([z.string().max(200), z.array(z.string().max(50)).max(50), z.number()], {
    error: msg("Choose an answer or type a number first.", "先に選択肢を選ぶか、数値を入力してください。"),
  }),
});

function choiceIds(item: QuizItem): Set<string> {
  return new Set(item.type === "single" || item.type === "multi" ? item.choices.map((c) => c.id) : []);
}

/** Checks an answer's shape against the item and says what to fix; returns the answer in its stored form. */
function normalizeAnswer(item: QuizItem, answer: QuizAnswer): QuizAnswer {
  const invalid = (en: string, ja: string) => new AppError(400, { en, ja }, { answer: { en, ja } });
  if (item.type === "single") {
    if (typeof answer !== "string" || !choiceIds(item).has(answer)) throw invalid("Choose one of the options.", "選択肢からひとつ選んでください。");
    return answer;
  }
  if (item.type === "multi") {
    const list = typeof answer === "string" ? [answer] : answer;
    if (!Array.isArray(list) || list.length === 0) throw invalid("Select every option that applies (at least one).", "当てはまる選択肢をすべて選んでください（1 つ以上）。");
    const ids = choiceIds(item);
    if (!list.every((id) => ids.has(id))) throw invalid("One of the selected options does not belong to this question; reload the page.", "この問題にない選択肢が含まれています。ページを再読み込みしてください。");
    return [...new Set(list)].sort();
  }
  const n = Array.isArray(answer) ? null : parseNumber(answer);
  if (n === null) {
    const text = JSON.parse(NUMBER_HELP) as LocalizedText;
    throw invalid(text.en, text.ja);
  }
  return n;
}

export function isCorrect(item: QuizItem, answer: QuizAnswer, seed: number): boolean {
  switch (item.type) {
    case "single":
      return answer === item.answer;
    case "multi": {
      const given = new Set(Array.isArray(answer) ? answer : [answer]);
      return given.size === item.answer.length && item.answer.every((id) => given.has(id));
    }
    case "numeric":
    case "param-numeric": {
      const expected = expectedValue(item, seed)!;
      return typeof answer === "number" && isClose(answer, expected, item.tolerance);
    }
  }
}

function feedbackFor(item: QuizItem, correct: boolean, seed: number, locale: Locale): QuizFeedback {
  const feedback: QuizFeedback = { correct, explanationHtml: renderMarkdown(item.explanation[locale]) };
  if (item.type === "single") feedback.correctChoiceIds = [item.answer];
  else if (item.type === "multi") feedback.correctChoiceIds = [...item.answer];
  else feedback.correctValue = expectedValue(item, seed)!;
  return feedback;
}

function renderPrompt(item: QuizItem, seed: number, locale: Locale): string {
  const params = paramsFor(item, seed);
  return renderMarkdown(params ? fillPlaceholders(item.prompt[locale], params) : item.prompt[locale]);
}

async function activeTopic(db: Db, topicId: string) {
  const topic = await db.topic.findUnique({ where: { id: topicId }, select: { id: true, titleEn: true, titleJa: true, active: true } });
  if (!topic || !topic.active) {
    throw new AppError(404, { en: "There is no such topic. Pick one from the catalog.", ja: "そのトピックはありません。一覧から選んでください。" });
  }
  return topic;
}

/** The quiz of a topic as this learner sees it: prompts with their own numbers, and where they stand on each item. */
export async function quizView(db: Db, userId: string, topicId: string, locale: Locale, root: string = contentRoot()): Promise<QuizView> {
  const topic = await activeTopic(db, topicId);
  const active = new Set((await db.quizItem.findMany({ where: { topicId, active: true }, select: { id: true } })).map((q) => q.id));
  const items = loadTopicQuiz(topicId, root).filter((item) => active.has(item.id));
  const seed = learnerSeed(userId);
  const attempts = await db.quizAttempt.findMany({
    where: { userId, quizItemId: { in: items.map((i) => i.id) } },
    orderBy: { createdAt: "asc" },
    select: { quizItemId: true, answer: true, correct: true, seed: true },
  });
  const byItem = new Map<string, typeof attempts>();
  for (const a of attempts) byItem.set(a.quizItemId, [...(byItem.get(a.quizItemId) ?? []), a]);

  const views = items.map((item, i): QuizItemView => {
    const mine = byItem.get(item.id) ?? [];
    const last = mine.at(-1);
    const view: QuizItemView = {
      id: item.id,
      type: item.type,
      number: i + 1,
      promptHtml: renderPrompt(item, seed, locale),
      everCorrect: mine.some((a) => a.correct),
      attempts: mine.length,
    };
    if (item.type === "single" || item.type === "multi") {
      view.choices = item.choices.map((c) => {
        const t = c.text[locale].trim();
        const formulaOnly = !/[\p{L}\p{N}]/u.test(t.replace(/\$+[^$]*\$+/g, ""));
        return { id: c.id, html: renderInlineMarkdown(t), ...(formulaOnly ? { name: t.replace(/\$+/g, " ").replace(/\s+/g, " ").trim() } : {}) };
      });
    }
    if (last) view.last = { answer: JSON.parse(last.answer) as QuizAnswer, feedback: feedbackFor(item, last.correct, last.seed || seed, locale) };
    return view;
  });
  return {
    topicId,
    title: { en: topic.titleEn, ja: topic.titleJa },
    items: views,
    total: views.length,
    correct: views.filter((v) => v.everCorrect).length,
  };
}

/** Checks one answer, stores the attempt (right or wrong), and returns the feedback with the explanation. */
export async function answerQuizItem(db: Db, userId: string, input: unknown, locale: Locale, root: string = contentRoot()): Promise<QuizFeedback> {
  const data = parseInput(answerSchema, input);
  const row = await db.quizItem.findUnique({ where: { id: data.itemId }, select: { id: true, topicId: true, active: true } });
  const item = row?.active ? loadTopicQuiz(row.topicId, root).find((i) => i.id === data.itemId) : undefined;
  if (!row || !item) {
    throw new AppError(404, {
      en: "This question no longer exists; reload the quiz to get the current questions.",
      ja: "この問題は現在ありません。クイズを再読み込みして最新の問題を表示してください。",
    });
  }
  const answer = normalizeAnswer(item, data.answer);
  const seed = learnerSeed(userId);
  const correct = isCorrect(item, answer, seed);
  await db.quizAttempt.create({
    data: {
      userId,
      quizItemId: item.id,
      answer: JSON.stringify(answer),
      seed: item.type === "param-numeric" ? seed : 0,
      correct,
      contentHash: hashQuizItem(item),
    },
  });
  return feedbackFor(item, correct, seed, locale);
}

export interface TopicQuizProgress {
  topicId: string;
  total: number;
  /** Items with at least one attempt. */
  answered: number;
  /** Items answered right at least once. */
  correct: number;
}

/** Quiz progress per topic for one learner, from the stored attempts (active items only). */
export async function quizProgress(db: Db, userId: string): Promise<Map<string, TopicQuizProgress>> {
  const items = await db.quizItem.findMany({ where: { active: true }, select: { id: true, topicId: true } });
  const attempts = await db.quizAttempt.groupBy({ by: ["quizItemId", "correct"], where: { userId }, _count: { _all: true } });
  const answered = new Set(attempts.map((a) => a.quizItemId));
  const correct = new Set(attempts.filter((a) => a.correct).map((a) => a.quizItemId));
  const out = new Map<string, TopicQuizProgress>();
  for (const item of items) {
    const p = out.get(item.topicId) ?? { topicId: item.topicId, total: 0, answered: 0, correct: 0 };
    p.total++;
    if (answered.has(item.id)) p.answered++;
    if (correct.has(item.id)) p.correct++;
    out.set(item.topicId, p);
  }
  return out;
}
