import path from "node:path";
import { z } from "zod";
import type { QuizItem, QuizParams } from "../../graders/content/quiz";
import { createRng } from "../../graders/content/rng";
import { gradedTag, practiceTag, shownChoiceOrder, variantSeed } from "./quiz-variants";
import { defaultContentRoot, hashQuizItem } from "../../graders/exercise/catalog";
import { fillPlaceholders } from "../../graders/exercise/quiz-render";
import { loadTsModule } from "../../graders/exercise/ts-module";
import type { Locale, LocalizedText } from "../../graders/text";
import type { Db } from "./db/client";
import { effectiveRules } from "./extensions";
import { AppError, msg, parseInput } from "./errors";
import { renderInlineMarkdown, renderMarkdown } from "./markdown";

/**
 * Topic quizzes: what a learner sees (their own numbers for param-numeric items), checking an answer against the
 * content's quiz.ts, and storing every attempt. The live item is loaded from exercises/<topic>/quiz.ts (cached by
 * file time), because param-numeric answers are computed by code that the database copy does not keep.
 */

export { learnerSeed } from "./quiz-variants";

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

/**
 * What an answer's response carries. The key (correctChoiceIds / correctValue) and the explanation are present
 * only when they may be shown: the answer was right, the learner pressed "Show answer" (practice), or a graded
 * item's attempts are used up. Graded items close at the due date; after it they are practice again.
 */
export interface QuizFeedback {
  correct: boolean;
  mode: QuizMode;
  /** Graded: attempts used and allowed on this item. */
  attemptsUsed?: number;
  maxAttempts?: number;
  /** The credit a correct answer earned or would have earned, in [0, 1] (0 after "Show answer"). */
  credit: number;
  /** The explanation, rendered (Markdown + KaTeX) in the learner's language. */
  explanationHtml?: string;
  /** The right answer, rendered: the correct choices' ids for choice items, the number for numeric ones. */
  correctChoiceIds?: string[];
  correctValue?: number;
}

export type QuizMode = "practice" | "graded";

/** The open assignment that makes an item graded for this learner. */
export interface GradedContext {
  assignmentId: string;
  maxAttempts: number;
  attemptDecay: number;
  dueAt: Date;
}

export interface QuizItemView {
  id: string;
  mode: QuizMode;
  /** Graded: attempts used and allowed. */
  attemptsUsed?: number;
  maxAttempts?: number;
  dueAt?: string;
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

function feedbackFor(item: QuizItem, correct: boolean, seed: number, locale: Locale, showKey: boolean, base: Omit<QuizFeedback, "correct">): QuizFeedback {
  const feedback: QuizFeedback = { ...base, correct };
  if (!showKey && !correct) return feedback;
  feedback.explanationHtml = renderMarkdown(item.explanation[locale]);
  if (item.type === "single") feedback.correctChoiceIds = [item.answer];
  else if (item.type === "multi") feedback.correctChoiceIds = [...item.answer];
  else feedback.correctValue = expectedValue(item, seed)!;
  return feedback;
}

function renderPrompt(item: QuizItem, seed: number, locale: Locale): string {
  const params = paramsFor(item, seed);
  return renderMarkdown(params ? fillPlaceholders(item.prompt[locale], params) : item.prompt[locale]);
}

/**
 * The open quiz assignment of this topic in one of the learner's cohorts, or null: then the quiz is practice. Open
 * means opened and not yet past the learner's due date (their extension's, if any: effectiveRules), so a past-due
 * quiz is practice, where "Show answer" works. When the topic is in several open assignments, an answer counts
 * toward the one due first for this learner (then the one created first): the deadline that is nearest is the one
 * the learner is working for, and each answer counts toward exactly one assignment.
 */
export async function gradedContext(db: Db, userId: string, topicId: string, now: Date = new Date()): Promise<GradedContext | null> {
  const rows = await db.assignment.findMany({
    where: { items: { some: { kind: "QUIZ", topicId } }, opensAt: { lte: now }, cohort: { archived: false, enrollments: { some: { userId, role: "STUDENT" } } } },
    orderBy: [{ dueAt: "asc" }, { createdAt: "asc" }],
    select: { id: true, maxAttempts: true, attemptDecay: true, dueAt: true, latePolicy: true, penaltyPerDay: true, extensions: { where: { userId }, select: { dueAt: true, latePolicy: true, penaltyPerDay: true } } },
  });
  let best: GradedContext | null = null;
  for (const a of rows) {
    const { dueAt } = effectiveRules(a, a.extensions[0]);
    if (dueAt.getTime() <= now.getTime()) continue;
    if (!best || dueAt.getTime() < best.dueAt.getTime()) best = { assignmentId: a.id, maxAttempts: a.maxAttempts, attemptDecay: a.attemptDecay, dueAt };
  }
  return best;
}

/** Credit of the k-th graded attempt (0-based) under the assignment's decay. */
export function decayedCredit(attempt: number, decay: number): number {
  return Math.max(0, 1 - Math.min(1, Math.max(0, decay)) * attempt);
}

interface ItemState {
  mode: QuizMode;
  tag: string;
  variant: number;
  seed: number;
  /** Graded: attempts used; practice: answers given. */
  used: number;
  /** The key may be shown now (graded attempts used up). */
  keyOpen: boolean;
  /** Practice: some variant of this item was revealed (its fixed answer no longer earns credit). */
  revealed: boolean;
}

function stateOf(userId: string, item: QuizItem, ctx: GradedContext | null, gradedAttempts: number, reveals: number): ItemState {
  if (ctx) {
    const usedUp = gradedAttempts >= ctx.maxAttempts;
    // Each attempt draws new numbers; once the attempts are used up the last one stays on screen with its key.
    const variant = usedUp ? ctx.maxAttempts - 1 : gradedAttempts;
    const tag = gradedTag(ctx.assignmentId, variant);
    return { mode: "graded", tag, variant, seed: variantSeed(userId, tag), used: gradedAttempts, keyOpen: usedUp, revealed: false };
  }
  const tag = practiceTag(reveals);
  return { mode: "practice", tag, variant: reveals, seed: variantSeed(userId, tag), used: 0, keyOpen: false, revealed: reveals > 0 && item.type !== "param-numeric" };
}

async function activeTopic(db: Db, topicId: string) {
  const topic = await db.topic.findUnique({ where: { id: topicId }, select: { id: true, titleEn: true, titleJa: true, active: true } });
  if (!topic || !topic.active) {
    throw new AppError(404, { en: "There is no such topic. Pick one from the catalog.", ja: "そのトピックはありません。一覧から選んでください。" });
  }
  return topic;
}

async function revealCounts(db: Db, userId: string, itemIds: string[]): Promise<Map<string, number>> {
  const rows = await db.quizReveal.groupBy({ by: ["quizItemId"], where: { userId, quizItemId: { in: itemIds } }, _count: { _all: true } });
  return new Map(rows.map((r) => [r.quizItemId, r._count._all]));
}

/**
 * The quiz of a topic as this learner sees it: prompts with the numbers of their current variant, choices in their
 * own shuffled order, and where they stand on each item. No answer key unless it may be shown (see QuizFeedback).
 */
export async function quizView(db: Db, userId: string, topicId: string, locale: Locale, root: string = contentRoot(), now: Date = new Date()): Promise<QuizView> {
  const topic = await activeTopic(db, topicId);
  const active = new Set((await db.quizItem.findMany({ where: { topicId, active: true }, select: { id: true } })).map((q) => q.id));
  const items = loadTopicQuiz(topicId, root).filter((item) => active.has(item.id));
  const ids = items.map((i) => i.id);
  const [ctx, attempts, reveals] = await Promise.all([
    gradedContext(db, userId, topicId, now),
    db.quizAttempt.findMany({
      where: { userId, quizItemId: { in: ids } },
      orderBy: { createdAt: "asc" },
      select: { quizItemId: true, answer: true, correct: true, seed: true, assignmentId: true, credit: true },
    }),
    revealCounts(db, userId, ids),
  ]);
  const byItem = new Map<string, typeof attempts>();
  for (const a of attempts) byItem.set(a.quizItemId, [...(byItem.get(a.quizItemId) ?? []), a]);

  const views = items.map((item, i): QuizItemView => {
    const mine = byItem.get(item.id) ?? [];
    const graded = ctx ? mine.filter((a) => a.assignmentId === ctx.assignmentId) : [];
    const state = stateOf(userId, item, ctx, graded.length, reveals.get(item.id) ?? 0);
    const last = (ctx ? graded : mine).at(-1);
    const view: QuizItemView = {
      id: item.id,
      mode: state.mode,
      type: item.type,
      number: i + 1,
      promptHtml: renderPrompt(item, state.seed, locale),
      everCorrect: mine.some((a) => a.correct),
      attempts: mine.length,
    };
    if (ctx) Object.assign(view, { attemptsUsed: state.used, maxAttempts: ctx.maxAttempts, dueAt: ctx.dueAt.toISOString() });
    if (item.type === "single" || item.type === "multi") {
      const byId = new Map(item.choices.map((c) => [c.id, c]));
      view.choices = shownChoiceOrder(item, userId, state.tag).map((id) => {
        const t = byId.get(id)!.text[locale].trim();
        // A choice that is only a formula gets its TeX as an accessible name: KaTeX's MathML gives axe none.
        const formulaOnly = !/[\p{L}\p{N}]/u.test(t.replace(/\$+[^$]*\$+/g, ""));
        return { id, html: renderInlineMarkdown(t), ...(formulaOnly ? { name: t.replace(/\$+/g, " ").replace(/\s+/g, " ").trim() } : {}) };
      });
    }
    if (last) {
      const base = { mode: state.mode, credit: last.credit, ...(ctx ? { attemptsUsed: state.used, maxAttempts: ctx.maxAttempts } : {}) };
      view.last = { answer: JSON.parse(last.answer) as QuizAnswer, feedback: feedbackFor(item, last.correct, last.seed || state.seed, locale, state.keyOpen, base) };
    }
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

async function liveItem(db: Db, itemId: string, root: string): Promise<{ item: QuizItem; topicId: string }> {
  const row = await db.quizItem.findUnique({ where: { id: itemId }, select: { id: true, topicId: true, active: true } });
  const item = row?.active ? loadTopicQuiz(row.topicId, root).find((i) => i.id === itemId) : undefined;
  if (!row || !item) {
    throw new AppError(404, {
      en: "This question no longer exists; reload the quiz to get the current questions.",
      ja: "この問題は現在ありません。クイズを再読み込みして最新の問題を表示してください。",
    });
  }
  return { item, topicId: row.topicId };
}

/**
 * Checks one answer against the learner's current variant and stores the attempt with the order its choices were
 * shown in. Graded: at most maxAttempts per item (409 after), credit decays per attempt. Practice: unlimited, and
 * worth nothing toward a grade once the answer was revealed.
 */
export async function answerQuizItem(db: Db, userId: string, input: unknown, locale: Locale, root: string = contentRoot(), now: Date = new Date()): Promise<QuizFeedback> {
  const data = parseInput(answerSchema, input);
  const { item, topicId } = await liveItem(db, data.itemId, root);
  const answer = normalizeAnswer(item, data.answer);
  const ctx = await gradedContext(db, userId, topicId, now);
  const [gradedAttempts, reveals] = await Promise.all([
    ctx ? db.quizAttempt.count({ where: { userId, quizItemId: item.id, assignmentId: ctx.assignmentId } }) : Promise.resolve(0),
    ctx ? Promise.resolve(0) : db.quizReveal.count({ where: { userId, quizItemId: item.id } }),
  ]);
  if (ctx && gradedAttempts >= ctx.maxAttempts) {
    throw new AppError(409, {
      en: `You have used all ${ctx.maxAttempts} attempts on this question. Reload the quiz to see the answer.`,
      ja: `この問題の解答回数（${ctx.maxAttempts} 回）をすべて使いました。クイズを再読み込みすると正解が表示されます。`,
    });
  }
  const state = stateOf(userId, item, ctx, gradedAttempts, reveals);
  const credit = ctx ? decayedCredit(gradedAttempts, ctx.attemptDecay) : state.revealed ? 0 : 1;
  const correct = isCorrect(item, answer, state.seed);
  await db.quizAttempt.create({
    data: {
      userId,
      quizItemId: item.id,
      answer: JSON.stringify(answer),
      seed: item.type === "param-numeric" ? state.seed : 0,
      correct,
      contentHash: hashQuizItem(item),
      shownOrder: JSON.stringify(shownChoiceOrder(item, userId, state.tag)),
      variant: state.variant,
      assignmentId: ctx?.assignmentId ?? null,
      credit,
    },
  });
  const used = gradedAttempts + 1;
  const base = { mode: state.mode, credit, ...(ctx ? { attemptsUsed: used, maxAttempts: ctx.maxAttempts } : {}) };
  return feedbackFor(item, correct, state.seed, locale, Boolean(ctx && used >= ctx.maxAttempts), base);
}

export const revealSchema = z.object({
  itemId: z.string({ error: msg("Say which question to show the answer of.", "どの問題の正解を表示するか指定してください。") }).min(1).max(200),
});

/**
 * Practice "Show answer": returns the key and the explanation of the learner's current variant and records the
 * reveal, so that variant's later answers earn nothing and the next attempt gets new numbers and a new order.
 * Refused (409) while the item is part of an open assignment.
 */
export async function revealQuizAnswer(db: Db, userId: string, input: unknown, locale: Locale, root: string = contentRoot(), now: Date = new Date()): Promise<QuizFeedback> {
  const data = parseInput(revealSchema, input);
  const { item, topicId } = await liveItem(db, data.itemId, root);
  const ctx = await gradedContext(db, userId, topicId, now);
  if (ctx) {
    throw new AppError(409, {
      en: "This question is part of an open assignment: its answer is shown after the due date, or once your attempts are used up.",
      ja: "この問題は実施中の課題の一部です。正解は締切後、または解答回数を使い切った後に表示されます。",
    });
  }
  const reveals = await db.quizReveal.count({ where: { userId, quizItemId: item.id } });
  const state = stateOf(userId, item, null, 0, reveals);
  // A double click reveals the same variant once (unique index); either request returns its key.
  await db.quizReveal.create({ data: { userId, quizItemId: item.id, variant: state.variant } }).catch((error: { code?: string }) => {
    if (error.code !== "P2002") throw error;
  });
  return feedbackFor(item, false, state.seed, locale, true, { mode: "practice", credit: 0 });
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

export interface RenderedAttempt {
  /** The prompt with the learner's own numbers, rendered with KaTeX. */
  promptHtml: string;
  /** The learner's answer and the correct one, rendered (choice texts or numbers). */
  answerHtml: string;
  correctHtml: string;
}

function choiceHtml(item: QuizItem, ids: string[], locale: Locale): string {
  if (item.type !== "single" && item.type !== "multi") return "";
  const byId = new Map(item.choices.map((c) => [c.id, c]));
  return ids.map((id) => `(${id}) ${byId.has(id) ? renderInlineMarkdown(byId.get(id)!.text[locale]) : "?"}`).join("<br>");
}

/**
 * What the learner saw and answered, for the instructor's drill-down: each attempt's prompt with the numbers of the
 * variant answered (its stored seed), the learner's answer and the right one. Items gone from the content are left out.
 */
export function renderAttempts(topicId: string, attempts: readonly { id: string; quizItemId: string; answer: string; seed: number; userId: string }[], locale: Locale, root: string = contentRoot()): Map<string, RenderedAttempt> {
  const items = new Map(loadTopicQuiz(topicId, root).map((i) => [i.id, i]));
  const out = new Map<string, RenderedAttempt>();
  for (const a of attempts) {
    const item = items.get(a.quizItemId);
    if (!item) continue;
    const seed = a.seed || variantSeed(a.userId, practiceTag(0));
    const given = JSON.parse(a.answer) as QuizAnswer;
    const isChoice = item.type === "single" || item.type === "multi";
    out.set(a.id, {
      promptHtml: renderPrompt(item, seed, locale),
      answerHtml: isChoice ? choiceHtml(item, Array.isArray(given) ? given : [String(given)], locale) : escapeHtml(String(given)),
      correctHtml:
        item.type === "single" ? choiceHtml(item, [item.answer], locale) : item.type === "multi" ? choiceHtml(item, item.answer, locale) : escapeHtml(String(expectedValue(item, seed))),
    });
  }
  return out;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
