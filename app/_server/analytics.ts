import type { LocalizedText } from "../../graders/text";
import type { CaseResult, Verdict } from "../../graders/verdict";
import { COHORT_NOT_FOUND, requireCohortInstructor } from "./cohorts";
import type { Db } from "./db/client";
import { loadItems, type GradebookItem } from "./gradebook";

/**
 * Per-item analytics of a cohort, for its instructors: where students get stuck on each assigned exercise and
 * how they answer each item of an assigned quiz. Same population and submissions as the gradebook: the cohort's
 * enrolled students, every graded submission (platform errors and pending work never count).
 */

export interface CaseFailure {
  /** The case's stable English key: a visible case's name or a hidden class ("large logits"). */
  name: string;
  label: LocalizedText;
  visibility: "visible" | "hidden";
  /** Students with at least one graded submission that failed this case. */
  students: number;
  /** students / students who submitted: "62 % of students fail on large logits". */
  share: number;
}

export interface MessageCount {
  /** The message with source positions removed, so that the same error on different lines counts as one. */
  text: LocalizedText;
  /** Graded submissions that showed it (once per submission, however many cases). */
  submissions: number;
  /** Distinct students who saw it. */
  students: number;
}

export interface ExerciseAnalytics {
  item: GradebookItem;
  /** Enrolled students. */
  students: number;
  /** Students with at least one graded submission. */
  submitted: number;
  /** Students with a graded submission of full score. */
  solved: number;
  /** solved / students (0 for an empty cohort). */
  passRate: number;
  /** Among solvers: graded attempts up to and including the first full score; null when nobody solved it. */
  medianAttemptsToSolve: number | null;
  gradedSubmissions: number;
  /** Most-failed first. */
  failingCases: CaseFailure[];
  /** Top 5: cases that threw, ran out of time or memory. */
  runtimeErrors: MessageCount[];
  /** Top 5: every failure message (cases, compile errors, run-wide messages). */
  messages: MessageCount[];
}

export interface AnswerCount {
  /** The stored answer JSON: "\"a\"", "[\"a\",\"c\"]", "2.5". */
  answer: string;
  /** Choice texts for choice items, the number otherwise. */
  text: LocalizedText;
  correct: boolean;
  count: number;
  /** count / answers to the item. */
  share: number;
}

export interface QuizItemAnalytics {
  quizItemId: string;
  type: string;
  prompt: LocalizedText | null;
  active: boolean;
  /** Every answer given by the cohort's students (retries included). */
  answers: number;
  students: number;
  /** Students whose first answer was right. */
  firstTryCorrect: number;
  /** Most frequent first; choices nobody picked are listed with 0, so a distractor that never works shows. */
  distribution: AnswerCount[];
}

export interface QuizAnalytics {
  item: GradebookItem;
  students: number;
  items: QuizItemAnalytics[];
}

export interface CohortAnalytics {
  cohort: { id: string; name: string; timeZone: string };
  students: number;
  exercises: ExerciseAnalytics[];
  quizzes: QuizAnalytics[];
}

export const TOP_MESSAGES = 5;
/** Numeric answers can take many values: the most frequent are listed, the rest summed as "other". */
export const TOP_NUMERIC_ANSWERS = 8;

/** Removes " (line 3, column 5)" / "（3 行 5 列）" that graders/judge/run-errors.ts puts into messages. */
export function withoutPosition(text: LocalizedText): LocalizedText {
  return {
    en: text.en.replace(/ \(line \d+(, column \d+)?\)/g, "").trim(),
    ja: text.ja.replace(/（\d+ 行( \d+ 列)?）/g, "").trim(),
  };
}

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const RUNTIME_KINDS = new Set(["runtime-error", "timeout", "memory"]);

class Counter {
  private readonly map = new Map<string, { text: LocalizedText; submissions: number; students: Set<string> }>();
  add(text: LocalizedText, userId: string): void {
    const clean = withoutPosition(text);
    if (!clean.en) return;
    const entry = this.map.get(clean.en);
    if (entry) {
      entry.submissions++;
      entry.students.add(userId);
    } else {
      this.map.set(clean.en, { text: clean, submissions: 1, students: new Set([userId]) });
    }
  }
  top(n: number): MessageCount[] {
    return [...this.map.values()]
      .map((e) => ({ text: e.text, submissions: e.submissions, students: e.students.size }))
      .sort((a, b) => b.submissions - a.submissions || b.students - a.students || a.text.en.localeCompare(b.text.en))
      .slice(0, n);
  }
}

/** A stored verdict that does not parse (hand-edited, truncated) is skipped rather than breaking the page. */
function parseVerdict(json: string | null): Verdict | null {
  if (!json) return null;
  try {
    const v = JSON.parse(json) as Verdict;
    return v && Array.isArray(v.cases) ? v : null;
  } catch {
    return null;
  }
}

interface Light {
  userId: string;
  exerciseId: string;
  score: number | null;
  createdAt: Date;
}

/**
 * Two queries per cohort: pass rates and attempts from the light columns of every graded submission, ordered by
 * time; failure classes and messages from the verdict JSON of the graded submissions below full score only (a
 * full score has no failing case), so the large column is read only where it says something.
 */
async function exerciseAnalytics(db: Db, items: GradebookItem[], userIds: string[]): Promise<ExerciseAnalytics[]> {
  const exercises = items.filter((i) => i.kind === "EXERCISE");
  if (exercises.length === 0) return [];
  const exerciseIds = [...new Set(exercises.map((i) => i.refId))];
  const where = { status: "GRADED" as const, userId: { in: userIds }, exerciseId: { in: exerciseIds } };
  const [graded, failed] = userIds.length
    ? await Promise.all([
        db.submission.findMany({ where, select: { userId: true, exerciseId: true, score: true, createdAt: true }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] }),
        db.submission.findMany({ where: { ...where, score: { lt: 1 } }, select: { userId: true, exerciseId: true, verdict: true } }),
      ])
    : [[] as Light[], [] as { userId: string; exerciseId: string; verdict: string | null }[]];

  const byExercise = new Map<string, Light[]>();
  for (const s of graded) {
    const list = byExercise.get(s.exerciseId);
    if (list) list.push(s);
    else byExercise.set(s.exerciseId, [s]);
  }
  const failedBy = new Map<string, typeof failed>();
  for (const s of failed) {
    const list = failedBy.get(s.exerciseId);
    if (list) list.push(s);
    else failedBy.set(s.exerciseId, [s]);
  }

  return exercises.map((item): ExerciseAnalytics => {
    const rows = byExercise.get(item.refId) ?? [];
    // Attempts per student until the first full score; `solvedAt` marks the solvers.
    const attempts = new Map<string, number>();
    const solvedAt = new Map<string, number>();
    for (const s of rows) {
      if (solvedAt.has(s.userId)) continue;
      const n = (attempts.get(s.userId) ?? 0) + 1;
      attempts.set(s.userId, n);
      if (s.score !== null && s.score >= 1) solvedAt.set(s.userId, n);
    }
    const submitted = attempts.size;

    const cases = new Map<string, { first: CaseResult; students: Set<string> }>();
    const runtime = new Counter();
    const messages = new Counter();
    for (const s of failedBy.get(item.refId) ?? []) {
      const verdict = parseVerdict(s.verdict);
      if (!verdict) continue;
      const seen = new Set<string>();
      const once = (text: LocalizedText | undefined, counter: Counter, tag: string) => {
        if (!text?.en) return;
        const k = `${tag}\u0000${withoutPosition(text).en}`;
        if (seen.has(k)) return;
        seen.add(k);
        counter.add(text, s.userId);
      };
      once(verdict.message, messages, "m");
      if (verdict.compileError) once({ en: verdict.compileError.message, ja: verdict.compileError.message }, messages, "m");
      for (const c of verdict.cases) {
        if (c.status !== "failed") continue;
        const entry = cases.get(c.name);
        if (entry) entry.students.add(s.userId);
        else cases.set(c.name, { first: c, students: new Set([s.userId]) });
        once(c.message, messages, "m");
        if (c.kind && RUNTIME_KINDS.has(c.kind)) once(c.message, runtime, "r");
      }
    }
    const students = userIds.length;
    return {
      item,
      students,
      submitted,
      solved: solvedAt.size,
      passRate: students ? solvedAt.size / students : 0,
      medianAttemptsToSolve: median([...solvedAt.values()]),
      gradedSubmissions: rows.length,
      failingCases: [...cases.entries()]
        .map(([name, e]) => ({ name, label: e.first.label, visibility: e.first.visibility, students: e.students.size, share: submitted ? e.students.size / submitted : 0 }))
        .sort((a, b) => b.students - a.students || a.name.localeCompare(b.name)),
      runtimeErrors: runtime.top(TOP_MESSAGES),
      messages: messages.top(TOP_MESSAGES),
    };
  });
}

interface StoredQuizItem {
  type?: string;
  prompt?: LocalizedText;
  choices?: { id: string; text: LocalizedText }[];
  answer?: unknown;
}

function parseItemData(json: string): StoredQuizItem {
  try {
    const data = JSON.parse(json) as unknown;
    return data && typeof data === "object" ? (data as StoredQuizItem) : {};
  } catch {
    return {};
  }
}

/** How an answer reads: the choices' texts ("A; C") for choice items, the number or raw JSON otherwise. */
function answerText(answer: string, choices: Map<string, LocalizedText>): LocalizedText {
  let value: unknown;
  try {
    value = JSON.parse(answer);
  } catch {
    return { en: answer, ja: answer };
  }
  const ids = typeof value === "string" ? [value] : Array.isArray(value) ? value.map(String) : null;
  if (ids && choices.size) {
    const texts = ids.map((id) => choices.get(id) ?? { en: id, ja: id });
    if (texts.length === 0) return { en: "(nothing chosen)", ja: "（選択なし）" };
    return { en: texts.map((t) => t.en).join("; "), ja: texts.map((t) => t.ja).join("；") };
  }
  const s = typeof value === "string" ? value : JSON.stringify(value);
  return { en: s, ja: s };
}

export interface QuizItemText {
  prompt: LocalizedText | null;
  /** How a stored answer (JSON) reads: choice texts, or the number. */
  answer(stored: string): LocalizedText;
}

/** Prompts and choice texts of a topic's quiz items (content, not learner data: no access check needed). */
export async function quizItemTexts(db: Db, topicId: string): Promise<Map<string, QuizItemText>> {
  const items = await db.quizItem.findMany({ where: { topicId }, select: { id: true, data: true } });
  return new Map(
    items.map((q) => {
      const data = parseItemData(q.data);
      const choices = new Map((Array.isArray(data.choices) ? data.choices : []).map((c) => [c.id, c.text]));
      return [q.id, { prompt: data.prompt && typeof data.prompt.en === "string" ? data.prompt : null, answer: (stored: string) => answerText(stored, choices) }];
    }),
  );
}

/** Answers counted in SQL (group by item, answer, correctness); first answers from one query of three small columns. */
async function quizAnalytics(db: Db, items: GradebookItem[], userIds: string[]): Promise<QuizAnalytics[]> {
  const quizzes = items.filter((i) => i.kind === "QUIZ");
  if (quizzes.length === 0) return [];
  const quizItems = await db.quizItem.findMany({
    where: { topicId: { in: quizzes.map((q) => q.refId) } },
    orderBy: [{ topicId: "asc" }, { order: "asc" }],
    select: { id: true, topicId: true, type: true, data: true, active: true },
  });
  const itemIds = quizItems.map((q) => q.id);
  const where = { userId: { in: userIds }, quizItemId: { in: itemIds } };
  const [groups, light] = userIds.length && itemIds.length
    ? await Promise.all([
        db.quizAttempt.groupBy({ by: ["quizItemId", "answer", "correct"], where, _count: { _all: true } }),
        db.quizAttempt.findMany({ where, select: { quizItemId: true, userId: true, correct: true }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] }),
      ])
    : [[], []];
  // Students per item, and whether each one's first answer was right ("right at once" against "after retries").
  const firstAnswer = new Map<string, Map<string, boolean>>();
  for (const a of light) {
    const perItem = firstAnswer.get(a.quizItemId) ?? new Map<string, boolean>();
    if (!perItem.has(a.userId)) perItem.set(a.userId, a.correct);
    firstAnswer.set(a.quizItemId, perItem);
  }

  const analyse = (q: (typeof quizItems)[number]): QuizItemAnalytics => {
    const data = parseItemData(q.data);
    const choices = new Map((Array.isArray(data.choices) ? data.choices : []).map((c) => [c.id, c.text]));
    const rightIds = new Set(typeof data.answer === "string" ? [data.answer] : Array.isArray(data.answer) ? data.answer.map(String) : []);
    const counts = new Map<string, { correct: boolean; count: number }>();
    for (const g of groups) {
      if (g.quizItemId !== q.id) continue;
      const e = counts.get(g.answer) ?? { correct: false, count: 0 };
      e.count += g._count._all;
      e.correct ||= g.correct;
      counts.set(g.answer, e);
    }
    const total = [...counts.values()].reduce((s, e) => s + e.count, 0);
    // Single-choice items list every choice, picked or not.
    if (q.type === "single") {
      for (const id of choices.keys()) {
        const k = JSON.stringify(id);
        if (!counts.has(k)) counts.set(k, { correct: rightIds.has(id), count: 0 });
      }
    }
    let distribution = [...counts.entries()]
      .map(([answer, e]) => ({ answer, text: answerText(answer, choices), correct: e.correct, count: e.count, share: total ? e.count / total : 0 }))
      .sort((a, b) => b.count - a.count || a.answer.localeCompare(b.answer));
    if (choices.size === 0 && distribution.length > TOP_NUMERIC_ANSWERS) {
      const rest = distribution.slice(TOP_NUMERIC_ANSWERS - 1);
      const other = rest.reduce((s, e) => s + e.count, 0);
      distribution = [
        ...distribution.slice(0, TOP_NUMERIC_ANSWERS - 1),
        { answer: "", text: { en: `other answers (${rest.length})`, ja: `その他の解答（${rest.length} 種類）` }, correct: rest.some((e) => e.correct) && rest.every((e) => e.correct), count: other, share: total ? other / total : 0 },
      ];
    }
    return {
      quizItemId: q.id,
      type: q.type,
      prompt: data.prompt && typeof data.prompt.en === "string" ? data.prompt : null,
      active: q.active,
      answers: total,
      students: firstAnswer.get(q.id)?.size ?? 0,
      firstTryCorrect: [...(firstAnswer.get(q.id)?.values() ?? [])].filter(Boolean).length,
      distribution,
    };
  };

  return quizzes.map((item) => ({
    item,
    students: userIds.length,
    // Retired items stay listed only where someone answered them.
    items: quizItems.filter((q) => q.topicId === item.refId).map(analyse).filter((a) => a.active || a.answers > 0),
  }));
}

/** Builds the analytics without any access check; callers use analyticsAs. */
export async function buildAnalytics(db: Db, cohortId: string): Promise<CohortAnalytics> {
  const cohort = await db.cohort.findUnique({ where: { id: cohortId }, select: { id: true, name: true, timeZone: true } });
  if (!cohort) throw COHORT_NOT_FOUND;
  const [items, enrollments] = await Promise.all([
    loadItems(db, cohortId),
    db.enrollment.findMany({ where: { cohortId, role: "STUDENT" }, select: { userId: true } }),
  ]);
  const userIds = enrollments.map((e) => e.userId);
  const [exercises, quizzes] = await Promise.all([exerciseAnalytics(db, items, userIds), quizAnalytics(db, items, userIds)]);
  return { cohort, students: userIds.length, exercises, quizzes };
}

/** The cohort's owner, co-instructors and admins; 403 for anyone else (cohorts.ts requireCohortInstructor). */
export async function analyticsAs(db: Db, actorId: string | undefined, cohortId: string): Promise<CohortAnalytics> {
  await requireCohortInstructor(db, actorId, cohortId);
  return buildAnalytics(db, cohortId);
}
