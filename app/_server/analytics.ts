import type { LocalizedText } from "../../graders/text";
import { Prisma } from "../_generated/sqlite/client";
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

export { withoutPosition } from "./failure-summary";

export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

interface AttemptGroup {
  exerciseId: string;
  /** Graded attempts up to and including the first full score; null for the students who never reached one. */
  attempts: number | bigint | null;
  students: number | bigint;
  graded: number | bigint;
}

interface FailureGroup {
  exerciseId: string;
  textHash: string;
  students: number | bigint;
  submissions: number | bigint;
}

/**
 * Two aggregate queries per cohort, both answered in SQL with small results (no submission row reaches JS):
 * - attempts: per student and exercise, the graded submissions and the time of the first full score (from the
 *   gradebook's covering index), then the graded submissions strictly before it, plus one; grouped by that number.
 *   Two submissions in the same millisecond count the solving one last.
 * - failures: the summaries written with each verdict (failure-summary.ts), counted per exercise and text from
 *   SubmissionFailure's covering index (submissions: rows; students: distinct learners), then the few texts read.
 *   Parsing every verdict JSON instead took 3.3 s for 500 students × 40 items.
 * Both join the cohort's enrolled students in SQL (no list of ids sent along). CROSS JOIN makes SQLite scan the
 * submissions' covering index by exercise and probe the enrollment, which is 3x faster than its own choice (the
 * non-covering (exerciseId, userId, score) index reading every table row); PostgreSQL plans it as an inner join.
 */
async function exerciseAnalytics(db: Db, cohortId: string, items: GradebookItem[], students: number): Promise<ExerciseAnalytics[]> {
  const exercises = items.filter((i) => i.kind === "EXERCISE");
  if (exercises.length === 0) return [];
  const exerciseIds = Prisma.join([...new Set(exercises.map((i) => i.refId))]);
  const [attemptGroups, failureGroups] = students
    ? await Promise.all([
        db.$queryRaw<AttemptGroup[]>`
      SELECT a."exerciseId", a."attempts", COUNT(*) AS "students", CAST(SUM(a."graded") AS INTEGER) AS "graded"
      FROM (
        SELECT g."exerciseId", g."graded", CASE WHEN g."solvedAt" IS NULL THEN NULL ELSE 1 + (
                 SELECT COUNT(*) FROM "Submission" b
                 WHERE b."exerciseId" = g."exerciseId" AND b."userId" = g."userId" AND b."status" = 'GRADED' AND b."createdAt" < g."solvedAt"
               ) END AS "attempts"
        FROM (
          SELECT s."userId", s."exerciseId", COUNT(*) AS "graded", MIN(CASE WHEN s."score" >= 1 THEN s."createdAt" END) AS "solvedAt"
          FROM "Submission" s CROSS JOIN "Enrollment" e
          WHERE s."status" = 'GRADED' AND s."exerciseId" IN (${exerciseIds}) AND e."userId" = s."userId" AND e."cohortId" = ${cohortId} AND e."role" = 'STUDENT'
          GROUP BY s."exerciseId", s."userId"
        ) g
      ) a
      GROUP BY a."exerciseId", a."attempts"`,
        db.$queryRaw<FailureGroup[]>`
      SELECT t."exerciseId", t."textHash", COUNT(*) AS "students", CAST(SUM(t."n") AS INTEGER) AS "submissions"
      FROM (
        SELECT f."exerciseId", f."textHash", f."userId", COUNT(*) AS "n"
        FROM "SubmissionFailure" f CROSS JOIN "Enrollment" e
        WHERE f."exerciseId" IN (${exerciseIds}) AND e."userId" = f."userId" AND e."cohortId" = ${cohortId} AND e."role" = 'STUDENT'
        GROUP BY f."exerciseId", f."textHash", f."userId"
      ) t
      GROUP BY t."exerciseId", t."textHash"`,
      ])
    : [[], []];
  const texts = new Map(
    (failureGroups.length ? await db.failureText.findMany({ where: { hash: { in: [...new Set(failureGroups.map((g) => g.textHash))] } } }) : []).map((t) => [t.hash, t]),
  );
  const withText = failureGroups.flatMap((g) => {
    const t = texts.get(g.textHash);
    return t ? [{ ...g, ...t }] : [];
  });

  const top = (list: typeof withText): MessageCount[] =>
    list
      .map((g) => ({ text: { en: g.en, ja: g.ja }, submissions: Number(g.submissions), students: Number(g.students) }))
      .sort((a, b) => b.submissions - a.submissions || b.students - a.students || a.text.en.localeCompare(b.text.en))
      .slice(0, TOP_MESSAGES);

  return exercises.map((item): ExerciseAnalytics => {
    const groups = attemptGroups.filter((g) => g.exerciseId === item.refId);
    const failures = withText.filter((g) => g.exerciseId === item.refId);
    const submitted = groups.reduce((n, g) => n + Number(g.students), 0);
    const solvers = groups.filter((g) => g.attempts !== null).flatMap((g) => Array<number>(Number(g.students)).fill(Number(g.attempts)));
    return {
      item,
      students,
      submitted,
      solved: solvers.length,
      passRate: students ? solvers.length / students : 0,
      medianAttemptsToSolve: median(solvers),
      gradedSubmissions: groups.reduce((n, g) => n + Number(g.graded), 0),
      failingCases: failures
        .filter((g) => g.kind === "CASE")
        .map((g) => ({
          name: g.key,
          label: { en: g.en, ja: g.ja },
          visibility: g.visibility === "visible" ? ("visible" as const) : ("hidden" as const),
          students: Number(g.students),
          share: submitted ? Number(g.students) / submitted : 0,
        }))
        .sort((a, b) => b.students - a.students || a.name.localeCompare(b.name)),
      runtimeErrors: top(failures.filter((g) => g.kind === "RUNTIME")),
      messages: top(failures.filter((g) => g.kind === "MESSAGE")),
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
  const [exercises, quizzes] = await Promise.all([exerciseAnalytics(db, cohortId, items, userIds.length), quizAnalytics(db, items, userIds)]);
  return { cohort, students: userIds.length, exercises, quizzes };
}

/** The cohort's owner, co-instructors and admins; 403 for anyone else (cohorts.ts requireCohortInstructor). */
export async function analyticsAs(db: Db, actorId: string | undefined, cohortId: string): Promise<CohortAnalytics> {
  await requireCohortInstructor(db, actorId, cohortId);
  return buildAnalytics(db, cohortId);
}
