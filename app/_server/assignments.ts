import { z } from "zod";
import type { LocalizedText } from "../../graders/text";
import type { AssignmentKind, LatePolicy } from "../_generated/sqlite/client";
import { requireRole } from "./authz";
import { requireCohortInstructor } from "./cohorts";
import type { Db } from "./db/client";
import { AppError, msg, parseInput } from "./errors";
import { assignmentCohort, penaltyPercentField } from "./extensions";
import { localToUtc } from "./time-zone";

/**
 * Assignments are problem sets: a titled list of items (exercises and topics' quizzes, each with points, in order)
 * given to a cohort with one opening date, one due date and one late policy (a student's extension may move the
 * last two: extensions.ts). Dates are typed in the cohort's time zone and stored in UTC. Instructor operations check access through
 * requireCohortInstructor; the student's view (my-assignments.ts) reads only the signed-in user's own work.
 */

export const LATE_POLICIES = ["ACCEPT", "PENALTY", "REJECT"] as const satisfies readonly LatePolicy[];

/** The form's item value: "exercise:<exerciseId>" or "quiz:<topicId>". */
export function itemValue(kind: AssignmentKind, id: string): string {
  return `${kind === "EXERCISE" ? "exercise" : "quiz"}:${id}`;
}

const ITEM_GONE: LocalizedText = {
  en: "An exercise or quiz of this set no longer exists. Reload the page and choose another.",
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
  penaltyPercent: penaltyPercentField,
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

/** Items per assignment: enough for a long problem set, small enough for one form. */
export const MAX_ITEMS = 20;

const ITEM_REF = /^(exercise|quiz):[A-Za-z0-9_.-]{1,100}$/;
const CHOOSE_ITEM = msg("Choose an exercise or a quiz to assign.", "課題にする演習かクイズを選んでください。");

const itemInput = z.object({
  ref: z.string({ error: CHOOSE_ITEM }).regex(ITEM_REF, { error: CHOOSE_ITEM }),
  points: z.preprocess(
    (v) => (v === "" || v === null || v === undefined ? 10 : Number(v)),
    z
      .number({ error: msg("Enter the item's points as a whole number, e.g. 10.", "配点を 10 のような整数で入力してください。") })
      .int({ error: msg("Enter the item's points as a whole number, e.g. 10.", "配点を 10 のような整数で入力してください。") })
      .min(0, { error: msg("Use points from 0 to 1000.", "配点は 0〜1000 にしてください。") })
      .max(1000, { error: msg("Use points from 0 to 1000.", "配点は 0〜1000 にしてください。") }),
  ),
});

/**
 * The items in order. A form sends them as item_0, points_0, item_1, …, in the order of its rows (empty rows are
 * skipped); other callers send `items: [{ ref, points }]`. Either way one list, in order, reaches the schema.
 */
function itemsFromInput(input: unknown): unknown {
  if (typeof input !== "object" || input === null) return input;
  const record = input as Record<string, unknown>;
  if (record.items !== undefined) return input;
  const rows: { n: number; ref: unknown; points: unknown }[] = [];
  for (const [key, value] of Object.entries(record)) {
    const m = /^item_(\d{1,2})$/.exec(key);
    if (m && typeof value === "string" && value !== "") rows.push({ n: Number(m[1]), ref: value, points: record[`points_${m[1]}`] });
  }
  if (rows.length === 0 && typeof record.item === "string") rows.push({ n: 0, ref: record.item, points: record.points });
  rows.sort((a, b) => a.n - b.n);
  return { ...record, items: rows.map(({ ref, points }) => ({ ref, points })) };
}

const itemsField = z
  .array(itemInput, { error: msg("Add at least one exercise or quiz.", "演習かクイズを 1 つ以上追加してください。") })
  .min(1, { error: msg("Add at least one exercise or quiz.", "演習かクイズを 1 つ以上追加してください。") })
  .max(MAX_ITEMS, { error: msg(`Use at most ${MAX_ITEMS} items; split a longer set in two.`, `項目は ${MAX_ITEMS} 個までにしてください。長い場合は 2 つに分けてください。`) })
  .refine((items) => new Set(items.map((i) => i.ref)).size === items.length, {
    error: msg("An item appears twice in this assignment. Remove the repeated row.", "同じ項目が 2 回あります。重複した行を削除してください。"),
  });

const titleField = z.preprocess(
  (v) => (v ?? ""),
  z.string().trim().max(200, { error: msg("Keep the title under 200 characters.", "タイトルは 200 文字以内にしてください。") }),
);

const assignmentWindowSchema = z.object({ ...windowFields, ...quizFields });
export const assignmentSchema = z.preprocess(itemsFromInput, z.object({ title: titleField, items: itemsField, ...windowFields, ...quizFields }));

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

export interface AssignmentItemView {
  id: string;
  kind: AssignmentKind;
  /** The exercise id or the quiz's topic id. */
  refId: string;
  titleEn: string;
  titleJa: string;
  /** The exercise or topic was retired from the content after it was assigned. */
  retired: boolean;
  points: number;
  position: number;
}

export interface AssignmentView {
  id: string;
  cohortId: string;
  title: string;
  /** In order of position. */
  items: AssignmentItemView[];
  /** Sum of the items' points. */
  points: number;
  opensAt: Date;
  dueAt: Date;
  latePolicy: LatePolicy;
  penaltyPerDay: number;
  /** Quiz items only: answers per question while open, and credit lost per attempt after the first (fraction). */
  maxAttempts: number;
  attemptDecay: number;
}

const refSelect = { select: { titleEn: true, titleJa: true, active: true } } as const;

export const assignmentSelect = {
  id: true,
  cohortId: true,
  title: true,
  opensAt: true,
  dueAt: true,
  latePolicy: true,
  penaltyPerDay: true,
  maxAttempts: true,
  attemptDecay: true,
  items: {
    orderBy: { position: "asc" },
    select: { id: true, kind: true, exerciseId: true, topicId: true, points: true, position: true, exercise: refSelect, topic: refSelect },
  },
} as const;

type RefRow = { titleEn: string; titleJa: string; active: boolean } | null;

export type AssignmentRow = {
  id: string;
  cohortId: string;
  title: string;
  opensAt: Date;
  dueAt: Date;
  latePolicy: LatePolicy;
  penaltyPerDay: number;
  maxAttempts: number;
  attemptDecay: number;
  items: { id: string; kind: AssignmentKind; exerciseId: string | null; topicId: string | null; points: number; position: number; exercise: RefRow; topic: RefRow }[];
};

/** An item's title as lists show it: the exercise's, or "Quiz: <topic>". */
export function itemTitles(kind: AssignmentKind, refId: string, ref: RefRow): LocalizedText {
  if (kind === "QUIZ") return { en: `Quiz: ${ref?.titleEn ?? refId}`, ja: `クイズ: ${ref?.titleJa ?? refId}` };
  return { en: ref?.titleEn ?? refId, ja: ref?.titleJa ?? refId };
}

export function toAssignmentView(a: AssignmentRow): AssignmentView {
  const items = a.items.map((i): AssignmentItemView => {
    const quiz = i.kind === "QUIZ";
    const ref = quiz ? i.topic : i.exercise;
    const refId = (quiz ? i.topicId : i.exerciseId) ?? "";
    const t = itemTitles(i.kind, refId, ref);
    return { id: i.id, kind: i.kind, refId, titleEn: t.en, titleJa: t.ja, retired: !ref?.active, points: i.points, position: i.position };
  });
  return {
    id: a.id,
    cohortId: a.cohortId,
    title: a.title,
    items,
    points: items.reduce((n, i) => n + i.points, 0),
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
  return rows.map(toAssignmentView);
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

interface ParsedItem {
  kind: AssignmentKind;
  exerciseId: string | null;
  topicId: string | null;
  points: number;
  position: number;
}

function parseItems(items: z.infer<typeof itemInput>[]): ParsedItem[] {
  return items.map((i, position) => {
    const [kindText, ...rest] = i.ref.split(":");
    const id = rest.join(":");
    const quiz = kindText === "quiz";
    return { kind: quiz ? "QUIZ" : "EXERCISE", exerciseId: quiz ? null : id, topicId: quiz ? id : null, points: i.points, position };
  });
}

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/**
 * Every new item must exist and be active, checked inside the transaction that writes it (exercises are never
 * deleted, only retired). Items kept from before may have been retired since: they stay.
 */
async function checkItemsExist(tx: Tx, items: ParsedItem[], kept: Set<string>): Promise<void> {
  const exerciseIds = items.flatMap((i) => (i.exerciseId && !kept.has(refKey(i)) ? [i.exerciseId] : []));
  const topicIds = items.flatMap((i) => (i.topicId && !kept.has(refKey(i)) ? [i.topicId] : []));
  const [exercises, quizTopics] = await Promise.all([
    exerciseIds.length ? tx.exercise.findMany({ where: { id: { in: exerciseIds }, active: true }, select: { id: true } }) : [],
    topicIds.length
      ? tx.quizItem.groupBy({ by: ["topicId"], where: { topicId: { in: topicIds }, active: true, topic: { active: true } }, _count: { _all: true } })
      : [],
  ]);
  if (exercises.length !== exerciseIds.length || quizTopics.length !== topicIds.length) throw new AppError(400, ITEM_GONE, { items: ITEM_GONE });
}

function refKey(i: { kind: AssignmentKind; exerciseId: string | null; topicId: string | null }): string {
  return `${i.kind}:${i.exerciseId ?? i.topicId ?? ""}`;
}

/** The title when none is typed: the first item's. */
async function defaultTitle(tx: Tx, first: ParsedItem): Promise<string> {
  if (first.exerciseId) return (await tx.exercise.findUnique({ where: { id: first.exerciseId }, select: { titleEn: true } }))?.titleEn ?? first.exerciseId;
  const topic = await tx.topic.findUnique({ where: { id: first.topicId ?? "" }, select: { titleEn: true } });
  return `Quiz: ${topic?.titleEn ?? first.topicId}`;
}

/** Creates a problem set: a title, its items with points in order, one window and one late policy. */
export async function createAssignmentAs(db: Db, actorId: string | undefined, cohortId: unknown, input: unknown): Promise<AssignmentView> {
  const { cohort } = await requireCohortInstructor(db, actorId, cohortId);
  const data = parseInput(assignmentSchema, input);
  const window = parseWindow(data, cohort.timeZone);
  const items = parseItems(data.items);
  const row = await db.$transaction(async (tx) => {
    await checkItemsExist(tx, items, new Set());
    const title = data.title || (await defaultTitle(tx, items[0]!));
    return tx.assignment.create({ data: { cohortId: cohort.id, title, ...window, items: { create: items } }, select: assignmentSelect });
  });
  return toAssignmentView(row);
}

/**
 * Changes a problem set: title, window, policy, and its items. An item kept (same exercise or quiz) keeps its id,
 * so whatever refers to it stays; removed items are deleted, new ones added. Scores follow at once.
 */
export async function updateAssignmentAs(db: Db, actorId: string | undefined, assignmentId: unknown, input: unknown): Promise<AssignmentView> {
  await requireRole(db, actorId, "INSTRUCTOR");
  const { id, cohortId } = await assignmentCohort(db, assignmentId);
  const { cohort } = await requireCohortInstructor(db, actorId, cohortId);
  // Without any item in the input (e.g. only the dates change), the set keeps its items.
  const withItems = (itemsFromInput(input) as { items?: unknown[] } | null)?.items?.length !== 0;
  const data = withItems ? parseInput(assignmentSchema, input) : { ...parseInput(z.object({ title: titleField, ...windowFields, ...quizFields }), input), items: [] };
  const window = parseWindow(data, cohort.timeZone);
  const items = parseItems(data.items);
  const row = await db.$transaction(async (tx) => {
    if (items.length > 0) {
      const existing = await tx.assignmentItem.findMany({ where: { assignmentId: id }, select: { id: true, kind: true, exerciseId: true, topicId: true } });
      const byRef = new Map(existing.map((e) => [refKey(e), e.id]));
      await checkItemsExist(tx, items, new Set(byRef.keys()));
      const wanted = new Set(items.map(refKey));
      const removed = existing.filter((e) => !wanted.has(refKey(e))).map((e) => e.id);
      if (removed.length) await tx.assignmentItem.deleteMany({ where: { id: { in: removed } } });
      for (const item of items) {
        const keep = byRef.get(refKey(item));
        if (keep) await tx.assignmentItem.update({ where: { id: keep }, data: { points: item.points, position: item.position } });
        else await tx.assignmentItem.create({ data: { assignmentId: id, ...item } });
      }
    }
    const title = data.title || (items.length > 0 ? await defaultTitle(tx, items[0]!) : undefined);
    return tx.assignment.update({ where: { id }, data: { ...(title ? { title } : {}), ...window }, select: assignmentSelect });
  });
  return toAssignmentView(row);
}

/** Removes an assignment from the cohort; nobody's submissions are touched. */
export async function deleteAssignmentAs(db: Db, actorId: string | undefined, assignmentId: unknown): Promise<void> {
  await requireRole(db, actorId, "INSTRUCTOR");
  const { id, cohortId } = await assignmentCohort(db, assignmentId);
  await requireCohortInstructor(db, actorId, cohortId);
  await db.assignment.delete({ where: { id } });
}
