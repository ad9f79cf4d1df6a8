import type { LocalizedText } from "../../graders/text";
import type { Db } from "./db/client";
import { quizProgress, type TopicQuizProgress } from "./quizzes";
import { storedVerdict } from "./submissions";

/**
 * A learner's standing: per exercise (not started, attempted, solved, best score), per topic, recent submissions
 * and what to do next. Reads ExerciseProgress (one row per learner and exercise) rather than every submission.
 */
export type ExerciseStatus = "not-started" | "attempted" | "solved";

export interface ExerciseStanding {
  id: string;
  order: number;
  title: LocalizedText;
  difficulty: number;
  mode: string;
  status: ExerciseStatus;
  /** Best score in [0, 1]; null before the first graded submission. */
  bestScore: number | null;
  attempts: number;
}

export interface TopicStanding {
  id: string;
  order: number;
  title: LocalizedText;
  intro: LocalizedText;
  exercises: ExerciseStanding[];
  solved: number;
  attempted: number;
  quiz: TopicQuizProgress;
}

/** Every active topic in curriculum order with its exercises, and where `userId` stands (null: signed out). */
export async function catalogStanding(db: Db, userId: string | null): Promise<TopicStanding[]> {
  const topics = await db.topic.findMany({
    where: { active: true },
    orderBy: [{ order: "asc" }, { id: "asc" }],
    include: { exercises: { where: { active: true }, orderBy: [{ order: "asc" }, { id: "asc" }] } },
  });
  const rows = userId ? await db.exerciseProgress.findMany({ where: { userId } }) : [];
  const progress = new Map(rows.map((r) => [r.exerciseId, r]));
  const quizzes = userId ? await quizProgress(db, userId) : new Map<string, TopicQuizProgress>();
  const quizTotals = userId
    ? null
    : new Map((await db.quizItem.groupBy({ by: ["topicId"], where: { active: true }, _count: { _all: true } })).map((g) => [g.topicId, g._count._all]));

  return topics.map((t) => {
    const exercises = t.exercises.map((e): ExerciseStanding => {
      const p = progress.get(e.id);
      return {
        id: e.id,
        order: e.order,
        title: { en: e.titleEn, ja: e.titleJa },
        difficulty: e.difficulty,
        mode: e.mode,
        status: !p ? "not-started" : p.solvedAt ? "solved" : "attempted",
        bestScore: p ? p.bestScore : null,
        attempts: p?.attempts ?? 0,
      };
    });
    return {
      id: t.id,
      order: t.order,
      title: { en: t.titleEn, ja: t.titleJa },
      intro: { en: t.introEn, ja: t.introJa },
      exercises,
      solved: exercises.filter((e) => e.status === "solved").length,
      attempted: exercises.filter((e) => e.status === "attempted").length,
      quiz: quizzes.get(t.id) ?? { topicId: t.id, total: quizTotals?.get(t.id) ?? 0, answered: 0, correct: 0 },
    };
  });
}

export interface RecentSubmission {
  id: string;
  exerciseId: string;
  title: LocalizedText;
  createdAt: Date;
  status: "PENDING" | "GRADED" | "ERROR";
  score: number | null;
  /** The verdict's own status when graded: passed, failed, or error (the platform's fault). */
  verdict: "passed" | "failed" | "error" | null;
}

export async function recentSubmissions(db: Db, userId: string, take = 8): Promise<RecentSubmission[]> {
  const rows = await db.submission.findMany({
    where: { userId },
    // Two submits within one millisecond tie on createdAt; ids (cuid: time, then a counter) keep their order.
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    select: { id: true, exerciseId: true, createdAt: true, status: true, score: true, verdict: true, exercise: { select: { titleEn: true, titleJa: true } } },
  });
  return rows.map((r) => {
    let verdict: RecentSubmission["verdict"] = null;
    try {
      const v = storedVerdict(r);
      verdict = v ? (v.status === "passed" || v.status === "error" ? v.status : "failed") : null;
    } catch {
      verdict = null; // an unreadable verdict is shown by its submission status alone
    }
    return {
      id: r.id,
      exerciseId: r.exerciseId,
      title: { en: r.exercise.titleEn, ja: r.exercise.titleJa },
      createdAt: r.createdAt,
      status: r.status,
      score: r.score,
      verdict,
    };
  });
}

export type NextStep =
  | { kind: "continue"; topicId: string; exercise: ExerciseStanding }
  | { kind: "start"; topicId: string; exercise: ExerciseStanding }
  | { kind: "quiz"; topicId: string; title: LocalizedText; remaining: number }
  | { kind: "done" };

/**
 * What to do next, in curriculum order: finish the exercises already begun, then the first exercise not started,
 * then the quizzes of begun topics with items not yet answered right, then new exercises of later topics.
 */
export function nextSteps(topics: TopicStanding[], max = 3): NextStep[] {
  const steps: NextStep[] = [];
  for (const t of topics) for (const e of t.exercises) if (e.status === "attempted") steps.push({ kind: "continue", topicId: t.id, exercise: e });
  const starts: NextStep[] = [];
  for (const t of topics) {
    const e = t.exercises.find((x) => x.status === "not-started");
    if (e) starts.push({ kind: "start", topicId: t.id, exercise: e });
  }
  // The next new exercise in curriculum order comes before quizzes; new exercises of later topics after them.
  steps.push(...starts.slice(0, 1));
  for (const t of topics) {
    const remaining = t.quiz.total - t.quiz.correct;
    // A quiz is suggested once its topic has been begun, so the list does not fill with every quiz at once.
    if (remaining > 0 && (t.solved + t.attempted > 0 || t.quiz.answered > 0)) steps.push({ kind: "quiz", topicId: t.id, title: t.title, remaining });
  }
  steps.push(...starts.slice(1));
  const picked = steps.slice(0, max);
  return picked.length > 0 ? picked : [{ kind: "done" }];
}

export interface ProgressTotals {
  exercisesSolved: number;
  exercisesTotal: number;
  quizCorrect: number;
  quizTotal: number;
}

export function totals(topics: TopicStanding[]): ProgressTotals {
  return topics.reduce<ProgressTotals>(
    (acc, t) => ({
      exercisesSolved: acc.exercisesSolved + t.solved,
      exercisesTotal: acc.exercisesTotal + t.exercises.length,
      quizCorrect: acc.quizCorrect + t.quiz.correct,
      quizTotal: acc.quizTotal + t.quiz.total,
    }),
    { exercisesSolved: 0, exercisesTotal: 0, quizCorrect: 0, quizTotal: 0 },
  );
}

/**
 * What a passing verdict offers next: the first exercise of the same topic after this one that the learner has not
 * solved (wrapping round to the topic's start), or null when the whole topic is solved.
 */
export async function nextInTopic(db: Db, userId: string, exerciseId: string): Promise<{ id: string; title: LocalizedText } | null> {
  const current = await db.exercise.findUnique({ where: { id: exerciseId }, select: { topicId: true } });
  if (!current) return null;
  const siblings = await db.exercise.findMany({
    where: { topicId: current.topicId, active: true },
    orderBy: [{ order: "asc" }, { id: "asc" }],
    select: { id: true, titleEn: true, titleJa: true },
  });
  const solved = new Set(
    (await db.exerciseProgress.findMany({ where: { userId, exerciseId: { in: siblings.map((s) => s.id) }, solvedAt: { not: null } }, select: { exerciseId: true } })).map((p) => p.exerciseId),
  );
  const at = siblings.findIndex((s) => s.id === exerciseId);
  const ordered = [...siblings.slice(at + 1), ...siblings.slice(0, Math.max(at, 0))];
  const next = ordered.find((s) => !solved.has(s.id));
  return next ? { id: next.id, title: { en: next.titleEn, ja: next.titleJa } } : null;
}
