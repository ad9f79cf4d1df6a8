import { z } from "zod";
import type { LocalizedText } from "../../graders/text";
import type { AssignmentKind, LatePolicy } from "../_generated/sqlite/client";
import { requireRole } from "./authz";
import { requireCohortInstructor } from "./cohorts";
import type { Db } from "./db/client";
import { AppError, msg, parseInput } from "./errors";
import { bestUnderPolicy, quizScoreUnderPolicy, type LateRules } from "./late-policy";
import { localToUtc } from "./time-zone";

/**
 * Assignments: an exercise or a topic's quiz given to a cohort with an opening date, a due date and a late policy.
 * Dates are typed in the cohort's time zone and stored in UTC. Instructor operations check access through
 * requireCohortInstructor; the student's view (myAssignmentsAs) reads only the signed-in user's own work.
 */

export const LATE_POLICIES = ["ACCEPT", "PENALTY", "REJECT"] as const satisfies readonly LatePolicy[];

/** The form's item value: "exercise:<exerciseId>" or "quiz:<topicId>". */
export function itemValue(kind: AssignmentKind, id: string): string {
  return `${kind === "EXERCISE" ? "exercise" : "quiz"}:${id}`;
}

const ITEM_GONE: LocalizedText = {
  en: "This exercise or quiz no longer exists. Reload the page and choose another.",
  ja: "この演習またはクイズはもう存在しません。ページを再読み込みして、別のものを選んでください。",
};

// Dates are checked in parseWindow, with the cohort's zone, so that one submission reports every date problem.
const dateField = z.preprocess((v) => (v === null || v === undefined ? "" : v), z.string().trim().max(40));

const windowFields = {
  opensAt: dateField,
  dueAt: dateField,
  latePolicy: z.enum(LATE_POLICIES, {
    error: msg("Choose what happens to late work: accept, penalty per day, or reject.", "遅れた提出の扱い（受け付ける・1 日ごとに減点・受け付けない）を選んでください。"),
  }),
  /** Percent of the score lost per started day late; PENALTY only. */
  penaltyPercent: z.preprocess(
    (v) => (v === "" || v === null || v === undefined ? undefined : Number(v)),
    z
      .number({ error: msg("Enter the penalty as a percentage per day, e.g. 10.", "1 日あたりの減点率を 10 のように % で入力してください。") })
      .min(0, { error: msg("Use a percentage from 0 to 100.", "0〜100 の % で入力してください。") })
      .max(100, { error: msg("Use a percentage from 0 to 100.", "0〜100 の % で入力してください。") })
      .optional(),
  ),
};

const optionalNumber = (v: unknown) => (v === "" || v === null || v === undefined ? undefined : Number(v));

/** Quiz assignments only: answers per item while open, and the credit lost per attempt after the first. */
const quizFields = {
  maxAttempts: z.preprocess(
    optionalNumber,
    z
      .number({ error: msg("Enter the number of attempts per question, from 1 to 20.", "1 問あたりの解答回数を 1〜20 で入力してください。") })
      .int({ error: msg("Enter a whole number of attempts, from 1 to 20.", "解答回数は 1〜20 の整数で入力してください。") })
      .min(1, { error: msg("Allow at least 1 attempt per question.", "解答回数は 1 回以上にしてください。") })
      .max(20, { error: msg("Allow at most 20 attempts per question.", "解答回数は 20 回以下にしてください。") })
      .optional(),
  ),
  decayPercent: z.preprocess(
    optionalNumber,
    z
      .number({ error: msg("Enter the credit lost per extra attempt as a percentage, e.g. 25.", "追加の解答 1 回ごとに減る得点を 25 のように % で入力してください。") })
      .min(0, { error: msg("Use a percentage from 0 to 100.", "0〜100 の % で入力してください。") })
      .max(100, { error: msg("Use a percentage from 0 to 100.", "0〜100 の % で入力してください。") })
      .optional(),
  ),
};

export const assignmentWindowSchema = z.object({ ...windowFields, ...quizFields });
export const createAssignmentSchema = z.object({
  item: z
    .string({ error: msg("Choose an exercise or a quiz to assign.", "課題にする演習かクイズを選んでください。") })
    .regex(/^(exercise|quiz):[A-Za-z0-9_.-]{1,100}$/, { error: msg("Choose an exercise or a quiz to assign.", "課題にする演習かクイズを選んでください。") }),
  ...windowFields,
  ...quizFields,
});

interface Window {
  opensAt: Date;
  dueAt: Date;
  latePolicy: LatePolicy;
  penaltyPerDay: number;
  maxAttempts: number;
  attemptDecay: number;
}

/** Turns the typed window into UTC instants, with field messages for every problem at once. */
function parseWindow(data: z.infer<typeof assignmentWindowSchema>, timeZone: string): Window {
  const errors: Record<string, LocalizedText> = {};
  const badDate = (label: LocalizedText): LocalizedText => ({
    en: `Enter ${label.en} as a date and time, like 2026-12-01 23:59 (${timeZone}).`,
    ja: `${label.ja}を 2026-12-01 23:59 のような日時で入力してください（${timeZone}）。`,
  });
  const opensAt = localToUtc(data.opensAt, timeZone);
  const dueAt = localToUtc(data.dueAt, timeZone);
  if (!data.opensAt) errors.opensAt = { en: "Enter when the assignment opens.", ja: "公開日時を入力してください。" };
  else if (!opensAt) errors.opensAt = badDate({ en: "the opening", ja: "公開日時" });
  if (!data.dueAt) errors.dueAt = { en: "Enter the due date.", ja: "締切日時を入力してください。" };
  else if (!dueAt) errors.dueAt = badDate({ en: "the due date", ja: "締切日時" });
  if (opensAt && dueAt && dueAt.getTime() <= opensAt.getTime()) {
    errors.dueAt = { en: "The due date must be after the opening date.", ja: "締切は公開日時より後にしてください。" };
  }
  if (data.latePolicy === "PENALTY" && data.penaltyPercent === undefined) {
    errors.penaltyPercent = { en: "Enter the penalty per day late, e.g. 10 (%).", ja: "1 日あたりの減点率を 10 のように入力してください（%）。" };
  }
  if (Object.keys(errors).length > 0 || !opensAt || !dueAt) {
    throw new AppError(400, { en: "Some fields need attention.", ja: "入力内容を確認してください。" }, errors);
  }
  return {
    opensAt,
    dueAt,
    latePolicy: data.latePolicy,
    penaltyPerDay: data.latePolicy === "PENALTY" ? (data.penaltyPercent ?? 0) / 100 : 0,
    maxAttempts: data.maxAttempts ?? 3,
    attemptDecay: (data.decayPercent ?? 0) / 100,
  };
}

export interface AssignmentView {
  id: string;
  cohortId: string;
  kind: AssignmentKind;
  /** The exercise id or the quiz's topic id. */
  itemId: string;
  titleEn: string;
  titleJa: string;
  /** The exercise or topic was retired from the content after it was assigned. */
  retired: boolean;
  opensAt: Date;
  dueAt: Date;
  latePolicy: LatePolicy;
  penaltyPerDay: number;
  /** Quiz only: answers per item while open, and credit lost per attempt after the first (fraction). */
  maxAttempts: number;
  attemptDecay: number;
}

const assignmentSelect = {
  id: true,
  cohortId: true,
  kind: true,
  exerciseId: true,
  topicId: true,
  opensAt: true,
  dueAt: true,
  latePolicy: true,
  penaltyPerDay: true,
  maxAttempts: true,
  attemptDecay: true,
  exercise: { select: { titleEn: true, titleJa: true, active: true } },
  topic: { select: { titleEn: true, titleJa: true, active: true } },
} as const;

type AssignmentRow = {
  id: string;
  cohortId: string;
  kind: AssignmentKind;
  exerciseId: string | null;
  topicId: string | null;
  opensAt: Date;
  dueAt: Date;
  latePolicy: LatePolicy;
  penaltyPerDay: number;
  maxAttempts: number;
  attemptDecay: number;
  exercise: { titleEn: string; titleJa: string; active: boolean } | null;
  topic: { titleEn: string; titleJa: string; active: boolean } | null;
};

function toView(a: AssignmentRow): AssignmentView {
  const item = a.kind === "EXERCISE" ? a.exercise : a.topic;
  const quiz = a.kind === "QUIZ";
  return {
    id: a.id,
    cohortId: a.cohortId,
    kind: a.kind,
    itemId: (quiz ? a.topicId : a.exerciseId) ?? "",
    titleEn: quiz ? `Quiz: ${item?.titleEn ?? a.topicId}` : (item?.titleEn ?? a.exerciseId ?? ""),
    titleJa: quiz ? `クイズ: ${item?.titleJa ?? a.topicId}` : (item?.titleJa ?? a.exerciseId ?? ""),
    retired: !item?.active,
    opensAt: a.opensAt,
    dueAt: a.dueAt,
    latePolicy: a.latePolicy,
    penaltyPerDay: a.penaltyPerDay,
    maxAttempts: a.maxAttempts,
    attemptDecay: a.attemptDecay,
  };
}

/** A cohort's assignments by due date. */
export async function listAssignmentsAs(db: Db, actorId: string | undefined, cohortId: unknown): Promise<AssignmentView[]> {
  const { cohort } = await requireCohortInstructor(db, actorId, cohortId);
  const rows = await db.assignment.findMany({ where: { cohortId: cohort.id }, orderBy: [{ dueAt: "asc" }, { createdAt: "asc" }], select: assignmentSelect });
  return rows.map(toView);
}

export interface AssignableItems {
  exercises: { id: string; topicId: string; titleEn: string; titleJa: string }[];
  quizzes: { topicId: string; titleEn: string; titleJa: string; items: number }[];
}

/** What may be assigned: active exercises, and the quizzes of active topics that have active items. */
export async function assignableItemsAs(db: Db, actorId: string | undefined): Promise<AssignableItems> {
  await requireRole(db, actorId, "INSTRUCTOR");
  const topics = await db.topic.findMany({
    where: { active: true },
    orderBy: { order: "asc" },
    select: {
      id: true,
      titleEn: true,
      titleJa: true,
      exercises: { where: { active: true }, orderBy: { order: "asc" }, select: { id: true, titleEn: true, titleJa: true } },
      _count: { select: { quizItems: { where: { active: true } } } },
    },
  });
  return {
    exercises: topics.flatMap((t) => t.exercises.map((e) => ({ ...e, topicId: t.id }))),
    quizzes: topics.filter((t) => t._count.quizItems > 0).map((t) => ({ topicId: t.id, titleEn: t.titleEn, titleJa: t.titleJa, items: t._count.quizItems })),
  };
}

const DUPLICATE: LocalizedText = {
  en: "This cohort already has this item as an assignment. Change the existing assignment's dates instead.",
  ja: "このコホートにはすでにこの課題があります。既存の課題の日程を変更してください。",
};

/**
 * Assigns an exercise or a quiz. The item is checked to exist and be active inside the same transaction that
 * writes the assignment, and exercises are never deleted (only retired), so a retired item cannot be assigned.
 */
export async function createAssignmentAs(db: Db, actorId: string | undefined, cohortId: unknown, input: unknown): Promise<AssignmentView> {
  const { cohort } = await requireCohortInstructor(db, actorId, cohortId);
  const data = parseInput(createAssignmentSchema, input);
  const window = parseWindow(data, cohort.timeZone);
  const [kindText, ...rest] = data.item.split(":");
  const id = rest.join(":");
  const kind: AssignmentKind = kindText === "quiz" ? "QUIZ" : "EXERCISE";
  try {
    const row = await db.$transaction(async (tx) => {
      if (kind === "EXERCISE") {
        const exercise = await tx.exercise.findUnique({ where: { id }, select: { active: true } });
        if (!exercise?.active) throw new AppError(400, ITEM_GONE, { item: ITEM_GONE });
      } else {
        const items = await tx.quizItem.count({ where: { topicId: id, active: true, topic: { active: true } } });
        if (items === 0) throw new AppError(400, ITEM_GONE, { item: ITEM_GONE });
      }
      return tx.assignment.create({
        data: { cohortId: cohort.id, kind, exerciseId: kind === "EXERCISE" ? id : null, topicId: kind === "QUIZ" ? id : null, ...window },
        select: assignmentSelect,
      });
    });
    return toView(row);
  } catch (error) {
    if ((error as { code?: string }).code === "P2002") throw new AppError(409, DUPLICATE, { item: DUPLICATE });
    throw error;
  }
}

const ASSIGNMENT_NOT_FOUND = new AppError(404, {
  en: "This assignment does not exist (any more). Reload the page.",
  ja: "この課題は存在しません（削除された可能性があります）。ページを再読み込みしてください。",
});

/** The assignment's cohort, for the access check; 404 before any check would leak nothing (ids are random). */
async function assignmentCohort(db: Db, assignmentId: unknown): Promise<string> {
  if (typeof assignmentId !== "string" || assignmentId.length === 0 || assignmentId.length > 100) throw ASSIGNMENT_NOT_FOUND;
  const row = await db.assignment.findUnique({ where: { id: assignmentId }, select: { cohortId: true } });
  if (!row) throw ASSIGNMENT_NOT_FOUND;
  return row.cohortId;
}

/** Changes an assignment's dates or late policy (e.g. extends the deadline); scores follow at once. */
export async function updateAssignmentAs(db: Db, actorId: string | undefined, assignmentId: unknown, input: unknown): Promise<AssignmentView> {
  await requireRole(db, actorId, "INSTRUCTOR");
  const cohortId = await assignmentCohort(db, assignmentId);
  const { cohort } = await requireCohortInstructor(db, actorId, cohortId);
  const window = parseWindow(parseInput(assignmentWindowSchema, input), cohort.timeZone);
  const row = await db.assignment.update({ where: { id: assignmentId as string }, data: window, select: assignmentSelect });
  return toView(row);
}

/** Removes an assignment from the cohort; nobody's submissions are touched. */
export async function deleteAssignmentAs(db: Db, actorId: string | undefined, assignmentId: unknown): Promise<void> {
  await requireRole(db, actorId, "INSTRUCTOR");
  const cohortId = await assignmentCohort(db, assignmentId);
  await requireCohortInstructor(db, actorId, cohortId);
  await db.assignment.delete({ where: { id: assignmentId as string } });
}

// ——— the student's view ———

export type AssignmentStatus = "upcoming" | "open" | "in-progress" | "done" | "overdue" | "closed";

export interface MyAssignment extends AssignmentView {
  cohortName: string;
  timeZone: string;
  status: AssignmentStatus;
  /** The score that counts under the late policy, in [0, 1]; null before any counted work. */
  score: number | null;
  attempts: number;
  /** The counted score comes from late work, or only late work was made and refused. */
  late: boolean;
}

/** A full counted score completes an assignment. */
const DONE = 1 - 1e-9;

function statusOf(a: { opensAt: Date; dueAt: Date; latePolicy: LatePolicy }, score: number | null, attempts: number, now: Date): AssignmentStatus {
  if (score !== null && score >= DONE) return "done";
  if (now < a.opensAt && attempts === 0) return "upcoming";
  if (now <= a.dueAt) return attempts > 0 ? "in-progress" : "open";
  return a.latePolicy === "REJECT" ? "closed" : "overdue";
}

const ORDER: Record<AssignmentStatus, number> = { overdue: 0, "in-progress": 1, open: 1, upcoming: 2, done: 3, closed: 4 };

/**
 * The signed-in user's assignments in every cohort they study in, with status and counted score. Reads only the
 * user's own submissions and answers. Sorted: what needs doing first (overdue, then by due date), then upcoming,
 * then finished.
 */
export async function myAssignmentsAs(db: Db, actorId: string | undefined, now = new Date()): Promise<MyAssignment[]> {
  const actor = await requireRole(db, actorId, "STUDENT");
  const rows = await db.assignment.findMany({
    where: { cohort: { archived: false, enrollments: { some: { userId: actor.id, role: "STUDENT" } } } },
    select: { ...assignmentSelect, cohort: { select: { name: true, timeZone: true, enrollments: { where: { userId: actor.id }, select: { createdAt: true } } } } },
    orderBy: { dueAt: "asc" },
  });
  if (rows.length === 0) return [];
  const exerciseIds = [...new Set(rows.flatMap((r) => (r.exerciseId ? [r.exerciseId] : [])))];
  const topicIds = [...new Set(rows.flatMap((r) => (r.topicId ? [r.topicId] : [])))];
  const [submissions, quizItems] = await Promise.all([
    exerciseIds.length === 0
      ? []
      : db.submission.findMany({ where: { userId: actor.id, exerciseId: { in: exerciseIds }, status: "GRADED" }, select: { exerciseId: true, score: true, createdAt: true } }),
    topicIds.length === 0 ? [] : db.quizItem.findMany({ where: { topicId: { in: topicIds }, active: true }, select: { id: true, topicId: true } }),
  ]);
  const answers =
    quizItems.length === 0
      ? []
      : await db.quizAttempt.findMany({ where: { userId: actor.id, quizItemId: { in: quizItems.map((q) => q.id) } }, select: { quizItemId: true, correct: true, createdAt: true, credit: true, assignmentId: true } });
  const byExercise = groupBy(submissions, (s) => s.exerciseId);
  const itemsByTopic = groupBy(quizItems, (q) => q.topicId);
  const topicOfItem = new Map(quizItems.map((q) => [q.id, q.topicId]));
  const answersByTopic = groupBy(answers, (a) => topicOfItem.get(a.quizItemId) ?? "");

  const out = rows.map((row): MyAssignment => {
    const { cohort, ...rest } = row;
    const view = toView(rest);
    const rules: LateRules = { dueAt: row.dueAt, latePolicy: row.latePolicy, penaltyPerDay: row.penaltyPerDay };
    let score: number | null;
    let attempts: number;
    let late: boolean;
    if (row.kind === "EXERCISE") {
      const best = bestUnderPolicy(byExercise.get(row.exerciseId ?? "") ?? [], rules);
      ({ score, attempts, late } = best);
    } else {
      const items = (itemsByTopic.get(row.topicId ?? "") ?? []).map((q) => q.id);
      // As in the gradebook: answers given for this assignment, or outside any after it opened and after joining.
      const joinedAt = cohort.enrollments[0]?.createdAt ?? row.opensAt;
      const counted = (answersByTopic.get(row.topicId ?? "") ?? []).filter(
        (a) => a.assignmentId === row.id || (a.assignmentId === null && a.createdAt >= row.opensAt && a.createdAt >= joinedAt),
      );
      const quiz = quizScoreUnderPolicy(items, counted, rules);
      ({ score, attempts, late } = quiz);
    }
    return { ...view, cohortName: cohort.name, timeZone: cohort.timeZone, status: statusOf(row, score, attempts, now), score, attempts, late };
  });
  return out.sort((a, b) => ORDER[a.status] - ORDER[b.status] || a.dueAt.getTime() - b.dueAt.getTime() || a.cohortName.localeCompare(b.cohortName) || a.titleEn.localeCompare(b.titleEn));
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return map;
}
